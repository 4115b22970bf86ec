"""A failed login hands the focus back to the form, and a candidate's mobile starts where her
name does (right to left: at the cell's right edge), not at the far left of the cell, on a
desktop and on a phone's card."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank, candidate_pages, log_in

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def test_a_failed_login_focuses_the_username(page: Any, live_databank: LiveDatabank) -> None:
    page.goto(f"{live_databank.url}/login")
    page.fill("#f-username", "officer")
    page.fill("#f-password", "not-the-password")
    page.click("main button[type=submit]")
    expect(page.locator("[data-testid=form-errors]")).to_be_visible()
    expect(page.locator("#f-username")).to_be_focused()


def test_an_untouched_login_takes_no_focus(page: Any, live_databank: LiveDatabank) -> None:
    page.goto(f"{live_databank.url}/login")
    assert page.evaluate("document.activeElement === document.body")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800},
                                      {"width": 390, "height": 844}])
def test_a_candidate_s_mobile_sits_under_her_name(browser: Any, live_databank: LiveDatabank,
                                                  viewport: dict[str, int]) -> None:
    context = browser.new_context(locale="fa-IR", viewport=viewport)
    page = context.new_page()
    log_in(page, live_databank, "employer")
    links = candidate_pages(page, live_databank)
    found = 0
    for link in links:
        page.goto(f"{live_databank.url}{link}")
        for cell in page.locator("[data-testid=candidate] td[data-label=نامزد]").all():
            edges = cell.evaluate("""cell => {
                const right = (node) => { const range = document.createRange();
                    range.selectNodeContents(node); return range.getBoundingClientRect().right; };
                const mobile = [...cell.querySelectorAll('*')].find(
                    e => /[۰-۹0-9]{11}/.test(e.textContent) && !e.children.length);
                const box = cell.getBoundingClientRect(), style = getComputedStyle(cell);
                const start = box.right - parseFloat(style.paddingRight);
                return mobile ? {start: start, mobile: right(mobile)} : null;
            }""")
            if edges:
                found += 1
                assert abs(edges["start"] - edges["mobile"]) < 4, edges
    assert found, "no introduced candidate with a mobile in the demo"
    context.close()
