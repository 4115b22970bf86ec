"""What a placement office does for people the forms turn away, in the real browser: a woman an
agency recorded without a mobile gets her mobile recorded and then registers; an employer
without the workshop code of her unit gets her account linked to it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from databank.jalali import format_date, today
from tests.browser.conftest import LiveDatabank, log_in, register_employer

pytestmark = pytest.mark.browser

NATIONAL_ID = "۰۰۲۷۱۴۳۸۵۶"
MOBILE = "۰۹۱۲۷۷۷۶۶۵۵"
UNIT = "شرکت رنگ و رزین آفتاب"


def register_as_her(page: Any, live: LiveDatabank) -> None:
    page.goto(f"{live.url}/graduates/register")
    page.fill("#f-national_id", NATIONAL_ID)
    page.fill("#f-username", "nahid.rahimi")
    page.fill("#f-password", "a-long-enough-pass")
    page.fill("#f-password_confirm", "a-long-enough-pass")
    page.fill("#f-first_name", "ناهید")
    page.fill("#f-last_name", "رحیمی")
    page.select_option("#f-gender", "female")
    page.fill("#f-mobile", MOBILE)
    page.select_option("#f-degree", "3")
    page.fill("#f-field_of_study", "شیمی کاربردی")
    page.click("main button[type=submit]")


@pytest.fixture
def people(browser: Any) -> Iterator[Any]:
    """A browser of her own for each person of the story: nobody shares a session."""
    contexts: list[Any] = []

    def open_page() -> Any:
        contexts.append(browser.new_context(locale="fa-IR"))
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        for page in context.pages:  # let the server finish what it serves them
            page.wait_for_load_state("networkidle")
        context.close()


def test_an_office_records_the_mobile_of_a_woman_an_agency_recorded_and_she_registers(
        people: Any, live_databank: LiveDatabank) -> None:
    page = people()
    log_in(page, live_databank, "agency")
    page.goto(f"{live_databank.url}/monitoring/records/new")
    page.fill("#f-national_id", NATIONAL_ID)
    page.fill("#f-first_name", "ناهید")
    page.fill("#f-last_name", "رحیمی")
    page.select_option("#f-gender", "female")
    page.select_option("#f-sector", "industry")
    page.fill("#f-unit_name", "کارگاه بسته‌بندی نور")
    page.fill("#f-start_date", format_date(today()))
    page.click("main form button.btn-primary")
    page.wait_for_url("**/monitoring/records")

    her = people()
    register_as_her(her, live_databank)
    assert "شمارهٔ همراهی ندارد" in her.inner_text("main")

    page = people()
    log_in(page, live_databank, "officer")
    page.click("text=داده‌ها")
    page.click("text=ثبت شمارهٔ همراه دانش‌آموخته")
    page.fill("#f-national_id", NATIONAL_ID)
    page.click("text=نمایش پرونده")
    assert page.inner_text("[data-testid=person-name]") == "ناهید رحیمی"
    assert page.inner_text("[data-testid=current-mobile]") == "ثبت نشده"
    assert "0027143856" not in page.url
    page.fill("#f-mobile", MOBILE)
    page.get_by_role("button", name="ثبت شمارهٔ همراه").click()
    assert "ثبت شد" in page.inner_text(".alert-success")

    register_as_her(her, live_databank)
    her.wait_for_url("**/profile/proposals")
    assert "پیش‌تر در بانک ثبت شده بود" in her.inner_text("main")


def test_an_office_links_an_employer_without_the_code_to_her_unit(
        people: Any, live_databank: LiveDatabank) -> None:
    employer = page = people()
    register_employer(page, live_databank, "مدیر منابع انسانی آفتاب", "aftab.hr")
    page.fill("#f-name", UNIT)
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=form-errors]")
    assert "دفتر کاریابی" in page.inner_text("main")

    page = people()
    log_in(page, live_databank, "officer")
    page.goto(f"{live_databank.url}/units")
    page.fill("input[name=q]", "رنگ و رزين")  # typed with an Arabic ye
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/units?q=*")
    page.get_by_label(f"نام کاربری کارفرما برای «{UNIT}»").fill("aftab.hr")
    page.locator("[data-testid=unit-row]", has_text=UNIT).locator("text=پیوند دادن").click()
    assert "aftab.hr" in page.inner_text("main")

    employer.goto(f"{live_databank.url}/unit")
    assert employer.input_value("#f-name") == UNIT
