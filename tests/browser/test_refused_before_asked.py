"""What the server will refuse is refused without a question first, and in Persian: an
inspector's «تأیید علامت‌خورده‌ها» with nothing ticked says to tick one (no «همهٔ اشتغال‌های
علامت‌خورده تأیید شوند؟» before it), and a row's end sent with no date gets the bank's Persian
message instead of the browser's English bubble."""

from __future__ import annotations

from typing import Any

import pytest

from databank.monitoring.schemas import NONE_TICKED
from tests.browser.conftest import LiveDatabank, log_in

pytestmark = pytest.mark.browser


def questions(page: Any) -> list[str]:
    asked: list[str] = []

    def dismiss(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return asked


def test_verifying_nothing_ticked_is_refused_without_a_question(
        page: Any, live_databank: LiveDatabank) -> None:
    log_in(page, live_databank, "inspector")
    page.goto(f"{live_databank.url}/monitoring/records?status=registered")
    asked = questions(page)
    assert page.locator("input[name=record_id]:checked").count() == 0
    page.locator("[data-testid=bulk-verify] button").click()
    page.wait_for_load_state()
    assert asked == []
    assert NONE_TICKED in page.locator(".alert-danger").inner_text()


def test_an_end_sent_without_a_date_is_answered_in_persian(
        page: Any, live_databank: LiveDatabank) -> None:
    log_in(page, live_databank, "agency")
    page.goto(f"{live_databank.url}/monitoring/records")
    asked = questions(page)
    row = page.locator("[data-testid=record]", has=page.locator("[data-testid=end-job]")).first
    name = row.locator("[data-testid=record-name]").evaluate(
        "c => c.firstChild.textContent.trim()")
    row.locator("[data-testid=end-job] summary").click()
    row.locator("[data-testid=end-job] button").click()
    page.wait_for_selector(".alert-danger", timeout=5000)
    assert asked == []
    assert page.locator(".alert-danger").inner_text().startswith(
        f"پایان اشتغال «{name}» ثبت نشد: ")
