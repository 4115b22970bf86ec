"""A keyboard user skips the menu: the first Tab reaches «رفتن به محتوای اصلی», shown only when
focused, and Enter takes her to the page's content."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank

pytestmark = pytest.mark.browser


def test_the_first_tab_offers_to_skip_to_the_content(browser: Any,
                                                     live_databank: LiveDatabank) -> None:
    page = browser.new_page()
    page.goto(f"{live_databank.url}/login")
    skip = page.locator("[data-testid=skip-link]")
    assert skip.bounding_box()["width"] <= 1  # out of sight until focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.testid") == "skip-link"
    assert skip.bounding_box()["width"] > 1 and skip.inner_text() == "رفتن به محتوای اصلی"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()
