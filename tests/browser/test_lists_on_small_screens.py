"""The records list and the units list on small screens: each record reads as a card with its
actions on the screen (the ten-column table once pushed them past its right-to-left edge), and
each unit's workshop-code and username boxes keep a typable width (they had shrunk to 18 and 55
pixels) with every button in reach, on a phone and on a tablet, the page never scrolling
sideways."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank, log_in
from tests.browser.test_phone_layout import labels, within_the_screen

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 812}
TABLET = {"width": 768, "height": 1024}


@pytest.fixture
def small(browser: Any, request: pytest.FixtureRequest) -> Any:
    context = browser.new_context(locale="fa-IR", viewport=request.param)
    yield context.new_page(), request.param["width"]
    context.close()


@pytest.mark.parametrize("small", [PHONE], indirect=True)
@pytest.mark.parametrize("user, address", [("agency", "/monitoring/records"),
                                           ("inspector", "/monitoring/records?status=registered")])
def test_each_record_reads_as_a_card_with_its_actions_on_a_phone(
        small: Any, live_databank: LiveDatabank, user: str, address: str) -> None:
    page, width = small
    log_in(page, live_databank, user)
    page.goto(f"{live_databank.url}{address}")
    rows = page.locator("[data-testid=record]")
    assert rows.count() >= 2
    first = rows.first
    assert labels(first) == ["نام: ", "کد ملی: ", "دستگاه: ", "کارفرما: ", "بخش: ", "شروع: ",
                             "پایان: ", "وضعیت: "]
    for row in rows.all()[:3]:
        for summary in row.locator("details > summary").all():
            summary.scroll_into_view_if_needed()
            summary.click()
        controls = row.locator("summary, button, textarea, input:not([type=hidden])").all()
        assert controls
        for control in controls:
            control.scroll_into_view_if_needed()
            assert within_the_screen(control, width), control.evaluate("c => c.outerHTML")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("small", [PHONE, TABLET], indirect=True)
def test_each_unit_s_boxes_are_typable_and_in_reach(small: Any,
                                                    live_databank: LiveDatabank) -> None:
    page, width = small
    log_in(page, live_databank, "officer")
    page.goto(f"{live_databank.url}/units")
    rows = page.locator("[data-testid=unit-row]")
    assert rows.count() >= 2
    boxes = page.locator("[data-testid=unit-row] input[name=workshop_code], "
                         "[data-testid=unit-row] input[name=username]")
    assert page.locator("[data-testid=unit-row] input[name=username]").count() >= 1
    for box in boxes.all():
        box.scroll_into_view_if_needed()
        assert box.bounding_box()["width"] >= 120, box.get_attribute("id")
        assert within_the_screen(box, width), box.get_attribute("id")
    for button in page.locator("[data-testid=unit-row] button").all():
        button.scroll_into_view_if_needed()
        assert within_the_screen(button, width), button.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
