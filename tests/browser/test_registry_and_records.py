"""The admin keeps the county's organisations, and an inspector finds one person among the
records, in the real browser."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank, log_in

pytestmark = pytest.mark.browser


def test_the_admin_adds_an_agency_and_moves_an_office_to_another_city(
        page: Any, live_databank: LiveDatabank) -> None:
    log_in(page, live_databank, "admin")
    page.click("nav >> text=مدیریت")
    page.click("text=دستگاه‌ها، دفاتر و شهرک‌ها")
    page.fill("#f-name", "اداره کل ورزش و جوانان آزمایشی")
    page.click("main button:has-text('افزودن')")
    assert "دستگاه اجرایی «اداره کل ورزش و جوانان آزمایشی» ذخیره شد" in page.inner_text("main")
    assert page.locator("[data-testid=organisation] input[value='اداره کل ورزش و جوانان "
                        "آزمایشی']").count() == 1

    page.click("main >> text=دفاتر کاریابی")
    row = page.locator("[data-testid=organisation]").first
    name = row.locator("input[name=name]").input_value()
    row.locator("input[name=city]").fill("خنداب")
    row.locator("button:has-text('ذخیره')").click()  # the row's button, in another cell
    assert f"دفتر کاریابی «{name}» ذخیره شد" in page.inner_text("main")
    saved = page.locator("[data-testid=organisation]", has=page.locator(
        f"input[name=name][value='{name}']"))
    assert saved.locator("input[name=city]").input_value() == "خنداب"


def test_an_inspector_finds_a_person_among_the_records_by_name(
        page: Any, live_databank: LiveDatabank) -> None:
    log_in(page, live_databank, "inspector")
    page.goto(f"{live_databank.url}/monitoring/records")
    first = page.locator("[data-testid=record-name]").first.inner_text().split(" از بانک")[0]
    page.fill("#f-q", first.replace("ی", "ي"))  # typed on an Arabic keyboard
    page.press("#f-q", "Enter")
    page.wait_for_url("**q=*")
    names = [cell.split(" از بانک")[0] for cell in
             page.locator("[data-testid=record-name]").all_inner_texts()]
    assert names and all(found == first for found in names)
    page.click("main .nav-pills >> text=در انتظار راستی‌آزمایی")
    page.wait_for_url("**status=registered*")
    assert "q=" in page.url  # the status keeps the search
