"""What Chromium's accessibility tree tells a screen reader about a refused form: the refused
control is invalid, its accessible description is its Persian error followed by its help, and the
summary above the form is an alert."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank

# Imported here, not at the top, so that without Playwright the module is skipped like the others.
expect = pytest.importorskip("playwright.sync_api").expect


def test_a_refused_registration_reads_each_error_with_its_field(page: Any,
                                                               live_databank: LiveDatabank
                                                               ) -> None:
    page.goto(f"{live_databank.url}/register")
    page.fill("#f-username", "زهرا")
    page.click("main button[type=submit]")
    expect(page.get_by_role("alert")).to_contain_text("اصلاح کنید")
    username = page.get_by_role("textbox", name="نام کاربری")
    expect(username).to_have_attribute("aria-invalid", "true")
    error = page.locator("#f-username-error").inner_text()
    help_text = page.locator("#f-username-help").inner_text()
    expect(username).to_have_accessible_description(f"{error} {help_text}")
    display_name = page.get_by_role("textbox", name="نام مسئول یا نام واحد")
    expect(display_name).to_have_accessible_description(
        page.locator("#f-display_name-error").inner_text())


def test_an_untouched_field_reads_only_its_help(page: Any, live_databank: LiveDatabank) -> None:
    page.goto(f"{live_databank.url}/register")
    password = page.locator("#f-password")
    expect(password).not_to_have_attribute("aria-invalid", "true")
    expect(password).to_have_accessible_description("دست‌کم ۱۰ نویسه.")
    expect(page.locator("#f-password_confirm")).to_have_accessible_description("")


def test_a_refused_form_comes_back_with_its_first_refused_field_focused(
        page: Any, live_databank: LiveDatabank) -> None:
    page.goto(f"{live_databank.url}/register")
    page.fill("#f-display_name", "زهرا کریمی")
    page.fill("#f-username", "zahra.k")
    page.fill("#f-password", "1111111111")
    page.fill("#f-password_confirm", "1111111111")
    page.click("main button[type=submit]")
    expect(page.get_by_role("alert").first).to_contain_text("اصلاح کنید")
    focused = page.locator("#f-password")
    expect(focused).to_be_focused()
    expect(focused).to_have_accessible_description(
        f"{page.locator('#f-password-error').inner_text()} دست‌کم ۱۰ نویسه.")


def test_an_untouched_form_takes_no_focus(page: Any, live_databank: LiveDatabank) -> None:
    page.goto(f"{live_databank.url}/register")
    assert page.evaluate("document.activeElement === document.body")
