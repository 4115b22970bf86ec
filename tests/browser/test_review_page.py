"""A proposal's page in the real browser: a rejection sent without its reason comes back with
the reason's box focused and described by the bank's Persian message (no browser bubble in
English), and the national ID and mobile sit on their labels' line, beside them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank, log_in

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def a_proposal_with(page: Any, live: LiveDatabank, selector: str) -> None:
    """Open the first proposal of the whole queue whose page holds `selector`."""
    page.goto(f"{live.url}/review?status=&held=")
    links = page.locator("[data-testid=queue-row] a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    for link in links:
        page.goto(f"{live.url}{link}")
        if page.locator(selector).count():
            return
    pytest.fail(f"no proposal of the demo queue shows {selector}")


def test_a_rejection_without_reason_focuses_its_box_and_reads_why(
        page: Any, live_databank: LiveDatabank) -> None:
    log_in(page, live_databank, "officer")
    a_proposal_with(page, live_databank, "[data-testid=move-rejected]")
    status = page.inner_text("[data-testid=status]")
    reject = page.locator("[data-testid=move-rejected]")
    reason = page.get_by_label("دلیل رد", exact=True)
    expect(reason).to_be_visible()
    reject.locator("button").click()
    page.wait_for_load_state()
    reason = page.get_by_label("دلیل رد", exact=True)
    expect(reason).to_be_focused()
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_have_accessible_description("دلیل رد را بنویسید.")
    assert page.inner_text("[data-testid=status]") == status


def test_the_national_id_and_mobile_sit_beside_their_labels(
        page: Any, live_databank: LiveDatabank) -> None:
    log_in(page, live_databank, "officer")
    a_proposal_with(page, live_databank, "dl dt:text-is('کد ملی')")
    for name in ("کد ملی", "همراه"):
        label = page.locator(f"xpath=//dl/dt[normalize-space()='{name}']")
        value = label.locator("xpath=following-sibling::dd[1]")
        shown, named = value.bounding_box(), label.bounding_box()
        assert abs(shown["y"] - named["y"]) < 2, name  # on the label's line
        text_right = value.evaluate("""dd => { const range = document.createRange();
            range.selectNodeContents(dd); return range.getBoundingClientRect().right; }""")
        # right to left: the value starts at its cell's right edge, next to the label
        assert shown["x"] + shown["width"] - text_right < 16, name
