"""The records list's actions in a real browser at an ordinary laptop's width: every button of
a row is on screen (the action cell once pushed «رد» off the left edge), and the final ones ask
before they act."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank, log_in

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 1300, 900
AWAITING = "/monitoring/records?status=registered"


@pytest.fixture
def laptop(browser: Any) -> Any:
    context = browser.new_context(locale="fa-IR", viewport={"width": WIDTH, "height": HEIGHT})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("username", ["inspector", "admin"])
def test_every_action_of_the_first_rows_is_within_a_1300_pixel_window(
        laptop: Any, live_databank: LiveDatabank, username: str) -> None:
    log_in(laptop, live_databank, username)
    laptop.goto(f"{live_databank.url}{AWAITING}")
    rows = laptop.locator("[data-testid=record]")
    assert rows.count() >= 3
    for index in range(3):
        row = rows.nth(index)
        assert row.locator("button:has-text('تأیید'), [data-testid=not-started]").count() == 1
        for summary in row.locator("details > summary").all():
            summary.click()  # open each small form: what it reveals must fit too
        controls = row.locator("summary, button, textarea, input:not([type=hidden])").all()
        assert len(controls) >= 3
        for control in controls:
            box = control.bounding_box()
            assert box is not None, control.inner_text()
            assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, (control.inner_text(), box)
    scroller = laptop.locator("main .table-responsive")
    assert scroller.evaluate("element => element.scrollWidth <= element.clientWidth")


def test_verifying_and_rejecting_ask_first_and_a_dismissal_changes_nothing(
        laptop: Any, live_databank: LiveDatabank) -> None:
    log_in(laptop, live_databank, "inspector")
    laptop.goto(f"{live_databank.url}{AWAITING}")
    row = laptop.locator("[data-testid=record]").first
    name = row.locator("[data-testid=record-name]").inner_text().split(" از بانک")[0].strip()
    asked: list[str] = []

    def dismiss(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    laptop.on("dialog", dismiss)
    verify = row.locator("button:has-text('تأیید')")
    if verify.count():
        verify.click()
        laptop.wait_for_timeout(300)
    row.locator("summary:has-text('رد')").click()
    row.locator("textarea[name=reason]").fill("در محل کار دیده نشد")
    row.locator("button:has-text('رد اشتغال')").click()
    laptop.wait_for_timeout(300)
    assert asked and all(f"«{name}»" in message for message in asked)
    assert "رد بازگشت ندارد" in asked[-1]
    assert laptop.url.endswith(AWAITING)
    assert laptop.locator(".alert-success").count() == 0
    assert name in laptop.locator("[data-testid=record]").first.inner_text()


def test_the_header_box_ticks_every_verifiable_row_and_verifying_them_asks_first(
        laptop: Any, live_databank: LiveDatabank) -> None:
    log_in(laptop, live_databank, "inspector")
    laptop.goto(f"{live_databank.url}{AWAITING}")
    boxes = laptop.locator("input[name=record_id]")
    assert boxes.count() >= 2
    everything = laptop.locator("input[data-select-all=record_id]")
    everything.check()
    assert all(box.is_checked() for box in boxes.all())
    boxes.first.uncheck()
    assert everything.evaluate("box => box.indeterminate && !box.checked")
    asked: list[str] = []

    def dismiss(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    laptop.on("dialog", dismiss)
    laptop.locator("[data-testid=bulk-verify] button").click()
    laptop.wait_for_timeout(300)
    assert asked and "تأیید بازگشت ندارد" in asked[0]
    assert laptop.url.endswith(AWAITING) and laptop.locator(".alert-success").count() == 0
