"""A form refused because its page grew stale (the session ended, another tab logged out) loses
nothing typed: the refusal links back to the form, which is filled in again (never the
password), and what was typed is not kept once any other page has loaded."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank

pytestmark = pytest.mark.browser


def test_a_stale_registration_comes_back_filled_in_after_the_refusal(
        browser: Any, live_databank: LiveDatabank) -> None:
    context = browser.new_context(locale="fa-IR")
    page = context.new_page()
    page.goto(f"{live_databank.url}/register")
    page.fill("#f-display_name", "کارگاه نان سحر")
    page.fill("#f-username", "nan.sahar")
    page.fill("#f-password", "کویر-انار-۱۴۷۲")
    context.clear_cookies()  # the session, and with it the form's CSRF secret, is gone
    page.click("main button[type=submit]")
    assert "فرم منقضی شده" in page.inner_text("[data-testid=error-message]")
    page.click("[data-testid=back-to-form]")
    page.wait_for_selector("[data-testid=form-restored]")
    assert page.input_value("#f-display_name") == "کارگاه نان سحر"
    assert page.input_value("#f-username") == "nan.sahar"
    assert page.input_value("#f-password") == ""  # a password is never kept
    context.close()


def test_what_was_typed_is_forgotten_once_another_page_loads(
        browser: Any, live_databank: LiveDatabank) -> None:
    context = browser.new_context(locale="fa-IR")
    page = context.new_page()
    page.goto(f"{live_databank.url}/register")
    page.fill("#f-display_name", "کارگاه نان سحر")
    page.fill("#f-username", "x")  # refused for its length: a page loads, the form again
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=form-errors]")
    page.wait_for_load_state("load")  # the errors show while the page is still parsed
    assert page.evaluate("sessionStorage.getItem('databank:form')") is None
    assert page.locator("[data-testid=form-restored]").count() == 0
    context.close()
