"""A placement officer reads the county's vacancies on a phone: each vacancy a card, its free
positions, deadline, state, proposals in play and the link to them on the screen, and the page
never scrolls sideways."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank, log_in
from tests.browser.test_phone_layout import PHONE, labels, within_the_screen

pytestmark = pytest.mark.browser


def test_an_officer_reads_each_county_vacancy_as_a_card_on_a_phone(
        browser: Any, live_databank: LiveDatabank) -> None:
    context = browser.new_context(locale="fa-IR", viewport=PHONE)
    page = context.new_page()
    log_in(page, live_databank, "officer")
    page.goto(f"{live_databank.url}/vacancies/county?state=all")
    rows = page.locator("[data-testid=county-vacancy]")
    assert rows.count() >= 1
    first = rows.first
    assert labels(first) == ["کد: ", "عنوان: ", "واحد: ", "شهرک: ", "ظرفیت خالی: ", "مهلت: ",
                             "وضعیت: ", "پیشنهادهای در جریان: "]
    for cell in ("free", "in-play"):
        assert within_the_screen(first.get_by_test_id(cell))
    for link in page.locator("[data-testid=county-vacancies] a").all():
        link.scroll_into_view_if_needed()
        assert within_the_screen(link), link.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
