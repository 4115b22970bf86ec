"""The admin merges a unit an agency created twice under two spellings, in the real browser:
the merge page offers the close name, asks before merging, and both jobs end up at one unit."""

from __future__ import annotations

from typing import Any

import pytest

from databank.jalali import format_date, today
from tests.browser.conftest import LiveDatabank, log_in
from tests.conftest import valid_national_id

pytestmark = pytest.mark.browser

FIRST = "کارگاه تراشکاری البرز نو"
SECOND = "تراشکاری البرز نوین"


def record_job(page: Any, live: LiveDatabank, national_id: str, unit: str) -> None:
    """An agency records a job; a unit name close to a known one is confirmed as new."""
    page.goto(f"{live.url}/monitoring/records/new")
    page.fill("#f-national_id", national_id)
    page.fill("#f-first_name", "سعید")
    page.fill("#f-last_name", "تراشکار")
    page.select_option("#f-gender", "male")
    page.select_option("#f-sector", "industry")
    page.fill("#f-unit_name", unit)
    page.fill("#f-start_date", format_date(today()))
    page.click("main form button.btn-primary")
    if page.locator("#f-new_unit").count():
        assert FIRST in page.inner_text("main")  # the close unit is named
        page.check("#f-new_unit")
        page.click("main form button.btn-primary")
    page.wait_for_url("**/monitoring/records*")


def test_the_admin_merges_a_unit_typed_twice_and_both_jobs_count_at_one(
        browser: Any, page: Any, live_databank: LiveDatabank) -> None:
    agency = browser.new_context(locale="fa-IR")
    officer = agency.new_page()
    log_in(officer, live_databank, "agency")
    record_job(officer, live_databank, valid_national_id(391_000_001), FIRST)
    record_job(officer, live_databank, valid_national_id(391_000_002), SECOND)
    officer.wait_for_load_state("networkidle")
    agency.close()

    log_in(page, live_databank, "admin")
    page.goto(f"{live_databank.url}/units?q=البرز")
    assert page.locator("[data-testid=unit-row]").count() == 2
    page.get_by_label(f"ادغام «{SECOND}» در واحدی دیگر").click()
    assert "۱ سابقهٔ اشتغال" in page.inner_text("[data-testid=merged-unit]")
    choice = page.locator("[data-testid=merge-choice]")
    assert choice.count() == 1 and FIRST in choice.inner_text()  # offered without a search
    choice.locator("input").check()
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.once("dialog", answer)
    page.click("main form button.btn-danger")
    page.wait_for_url("**/units?q=*")
    assert "بازگرداندنی نیست" in asked[0]
    assert "۱ سابقهٔ اشتغال" in page.inner_text("main")
    page.goto(f"{live_databank.url}/units?q=البرز")
    rows = page.locator("[data-testid=unit-row]")
    assert rows.count() == 1 and FIRST in rows.inner_text()
    page.goto(f"{live_databank.url}/monitoring/records?q=تراشکار")
    units = page.locator("[data-testid=record]").all_inner_texts()
    assert len(units) == 2 and all(FIRST in row and SECOND not in row for row in units)
