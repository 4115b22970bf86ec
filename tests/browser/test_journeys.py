"""The main journeys of a graduate and of an employer, in the real browser."""

from __future__ import annotations

from typing import Any

import pytest

from databank.jalali import days_from_today, format_date
from tests.browser.conftest import LiveDatabank, log_in

pytestmark = pytest.mark.browser


def test_a_graduate_registers_sees_proposals_and_says_she_is_interested(
        page: Any, live_databank: LiveDatabank) -> None:
    page.goto(f"{live_databank.url}/")
    page.click("text=ثبت‌نام دانش‌آموخته")
    page.fill("#f-national_id", "۰۴۹۹۳۷۰۸۹۹")
    page.fill("#f-username", "sara.karimi")
    page.fill("#f-password", "a-long-enough-pass")
    page.fill("#f-password_confirm", "a-long-enough-pass")
    page.fill("#f-first_name", "سارا")
    page.fill("#f-last_name", "کریمی")
    page.select_option("#f-gender", "female")
    page.fill("#f-birth_year", "۱۳۷۷")
    page.fill("#f-mobile", "۰۹۱۲۵۵۵۴۴۳۳")
    page.fill("#f-university", "دانشگاه آزاد اسلامی واحد ساوه")
    page.select_option("#f-degree", "3")
    page.fill("#f-field_of_study", "مهندسي كامپيوتر نرم افزار")
    page.fill("#f-graduation_year", "1400")
    page.type("#f-skills", "پایت")
    assert page.locator("#f-skills-live option").count() >= 1
    page.fill("#f-skills", "پایتون، SQL، جنگو")
    assert not page.is_checked("#f-consent")  # opt-in: she ticks it herself
    page.check("#f-consent")
    page.click("main button[type=submit]")
    page.wait_for_url("**/profile/proposals")
    cards = page.locator("[data-testid=proposal]")
    assert cards.count() >= 1
    first = cards.first
    assert "٪" in first.inner_text()
    assert first.locator(".reasons li").count() >= 1
    first.locator("text=به این فرصت علاقه‌مندم").click()
    assert "علاقه‌مندی شما ثبت شد" in page.inner_text(".alert-success")
    page.click("text=ویرایش پروفایل")
    page.fill("#f-city", "نوبران")
    page.click("main button[type=submit]")
    assert "پروفایل شما ذخیره شد" in page.inner_text(".alert-success")
    assert page.input_value("#f-city") == "نوبران"


def test_an_employer_posts_a_vacancy_and_sees_candidates_without_contacts(
        page: Any, live_databank: LiveDatabank) -> None:
    log_in(page, live_databank, "employer")
    page.click("text=انتشار فرصت شغلی")
    page.fill("#f-title", "کارشناس برق صنعتی")
    page.fill("#f-positions", "۲")
    page.select_option("#f-min_degree", "2")
    page.fill("#f-fields", "مهندسی برق - قدرت، کاردانی برق صنعتی")
    page.fill("#f-skills", "PLC، تابلوسازی")
    page.fill("#f-deadline", format_date(days_from_today(90)))  # deadlines lie ahead
    page.click("main button[type=submit]")
    # the demo unit has this title open already: it is shown, and she says hers is another
    namesake = page.locator("[data-testid=namesake]").first
    assert "کارشناس برق صنعتی" in namesake.inner_text()
    assert namesake.locator("a", has_text="افزودن ظرفیت").get_attribute("href").endswith("/edit")
    assert page.input_value("#f-skills") == "PLC، تابلوسازی"  # what she typed is kept
    page.check("#f-title_checked")
    page.click("main button[type=submit]")
    page.wait_for_url("**/candidates")
    rows = page.locator("[data-testid=candidate]")
    assert rows.count() >= 1
    table = page.inner_text("[data-testid=candidates]")
    assert "برق" in table and "نامزد شمارهٔ" in table
    assert "۰۹۱" not in table and "091" not in table
    page.click("text=فرصت‌های شغلی")
    row = page.locator("tr", has_text="کارشناس برق صنعتی").first
    page.once("dialog", lambda dialog: dialog.accept())  # pausing asks first
    row.locator("button", has_text="توقف").click()
    page.wait_for_url("**/vacancies")
    assert "متوقف" in page.locator("tr", has_text="کارشناس برق صنعتی").first.inner_text()
