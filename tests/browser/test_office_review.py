"""An office in the real browser: from the county's vacancies to a vacancy's proposals, one
proposal taken to a hire whose agency the form offers and requires, and back to the same
filtered queue."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from databank.jalali import format_date, today
from tests.browser.conftest import LiveDatabank, log_in

pytestmark = pytest.mark.browser


def first_movable(page: Any, live: LiveDatabank) -> str:
    """The first proposal of the queue that can still be shortlisted (some demo graduates
    hold jobs, some vacancies are filled): its page's address."""
    links = page.locator("[data-testid=queue-row] a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    for link in links:
        page.goto(f"{live.url}{link}")
        if page.locator("[data-testid=move-shortlisted]").count():
            return link
    pytest.fail("no proposal in the demo queue can be shortlisted")


def test_an_office_finds_a_vacancy_and_hires_naming_the_agency(
        page: Any, live_databank: LiveDatabank) -> None:
    log_in(page, live_databank, "officer")
    page.goto(f"{live_databank.url}/vacancies/county")
    assert page.locator("[data-testid=county-vacancy]").count() > 0
    page.goto(f"{live_databank.url}/review?held=free&status=proposed")
    assert page.inner_text("#q-held option:checked") == "هنوز هیچ دفتری"
    first_movable(page, live_databank)
    for step in ("shortlisted", "introduced", "interviewed"):
        page.click(f"[data-testid=move-{step}] button")
    hire = page.locator("[data-testid=move-hired]")
    agency = hire.locator("select[name=agency_id]")
    assert agency.get_attribute("required") is not None
    assert agency.evaluate("s => s.value") != ""  # the office's parent agency, offered
    assert agency.locator("option").first.inner_text() == "دستگاه اعتبارگیرنده را انتخاب کنید"
    hire.locator("input[name=start_date]").fill(format_date(today()))
    hire.locator("button").click()
    assert page.inner_text("[data-testid=status]") == "استخدام‌شده"
    page.click("[data-testid=back-to-queue]")
    assert parse_qs(urlsplit(page.url).query) == {"held": ["free"], "status": ["proposed"]}
