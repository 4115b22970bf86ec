"""The demo graduate logs in in a real browser and sees a Persian, right-to-left page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank, log_in

pytestmark = pytest.mark.browser


def test_demo_graduate_logs_in_and_sees_a_persian_rtl_page(page: Any,
                                                           live_databank: LiveDatabank) -> None:
    log_in(page, live_databank, "graduate")
    page.wait_for_selector("[data-testid=current-user]")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "fa"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert "پیشخوان دانش‌آموخته" in page.inner_text("main")
    assert "دانش‌آموخته" in page.inner_text("[data-testid=current-user]")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Vazirmatn" in font
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    bootstrap_loaded = page.evaluate(
        "getComputedStyle(document.querySelector('.navbar')).display")
    assert bootstrap_loaded == "flex"


def test_a_wrong_password_shows_a_persian_message(page: Any,
                                                  live_databank: LiveDatabank) -> None:
    page.goto(f"{live_databank.url}/login")
    page.fill("#f-username", "graduate")
    page.fill("#f-password", "not-the-password")
    page.click("main button[type=submit]")
    assert "نام کاربری یا گذرواژه درست نیست" in page.inner_text("[data-testid=form-errors]")
