"""Actions one click must not do by accident ask first, in the real browser: dismissing the
question leaves everything as it was."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank, log_in, register_employer

pytestmark = pytest.mark.browser


def test_a_new_password_is_made_only_after_the_admin_confirms(
        browser: Any, page: Any, live_databank: LiveDatabank) -> None:
    newcomer = browser.new_context(locale="fa-IR")
    signup = newcomer.new_page()
    register_employer(signup, live_databank, "کارگاه آزمون تأیید", "confirm.test")
    signup.wait_for_load_state("networkidle")
    newcomer.close()

    log_in(page, live_databank, "admin")
    page.goto(f"{live_databank.url}/admin/users?page=1")
    button = page.get_by_label("گذرواژهٔ تازه برای حساب «کارگاه آزمون تأیید» (confirm.test)")
    asked: list[str] = []

    def answer(dialog: Any, accept: bool) -> None:
        asked.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    button.click()
    page.wait_for_timeout(300)
    assert "گذرواژهٔ کنونی دیگر کار نمی‌کند" in asked[0]
    assert page.url.endswith("/admin/users?page=1")
    assert page.locator("[data-testid=new-password]").count() == 0

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    button.click()
    page.wait_for_selector("[data-testid=new-password]")
    assert len(asked) == 2 and page.inner_text("[data-testid=new-password]").strip()
