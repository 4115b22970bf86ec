"""A graduate empties optional boxes of her profile in the real browser: the form posts them
empty, and after «ذخیره» they stay empty."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank
from tests.conftest import valid_national_id

pytestmark = pytest.mark.browser


def test_a_graduate_empties_optional_fields_of_her_profile_and_they_stay_empty(
        page: Any, live_databank: LiveDatabank) -> None:
    page.goto(f"{live_databank.url}/graduates/register")
    page.fill("#f-national_id", valid_national_id(987_654_321))
    page.fill("#f-username", "niloofar.clears")
    page.fill("#f-password", "a-long-enough-pass")
    page.fill("#f-password_confirm", "a-long-enough-pass")
    page.fill("#f-first_name", "نیلوفر")
    page.fill("#f-last_name", "صادقی")
    page.select_option("#f-gender", "female")
    page.fill("#f-birth_year", "۱۳۷۸")
    page.fill("#f-mobile", "۰۹۱۲۷۷۷۶۶۵۵")
    page.fill("#f-city", "ساوه")
    page.fill("#f-university", "دانشگاه اراک")
    page.select_option("#f-degree", "3")
    page.fill("#f-field_of_study", "مهندسی صنایع")
    page.fill("#f-graduation_year", "1401")
    page.fill("#f-desired_job", "کارشناس برنامه‌ریزی تولید")
    page.click("main button[type=submit]")
    page.wait_for_url("**/profile/proposals")

    page.click("text=ویرایش پروفایل")
    for box in ("#f-city", "#f-university", "#f-graduation_year", "#f-desired_job",
                "#f-birth_year"):
        page.fill(box, "")
    page.click("main button[type=submit]")
    assert "پروفایل شما ذخیره شد" in page.inner_text(".alert-success")
    for box in ("#f-city", "#f-university", "#f-graduation_year", "#f-desired_job",
                "#f-birth_year"):
        assert page.input_value(box) == "", box
    assert page.input_value("#f-field_of_study") == "مهندسی صنایع"

    page.fill("#f-mobile", "")
    page.click("main button[type=submit]")
    assert "این بخش را پر کنید" in page.inner_text("#f-mobile-error")
