"""The loop the county asked for, in the real browser: an office imports spreadsheets and
refreshes the proposals, follows one to an introduction, the employer interviews and hires,
and the job shows in the monitoring records and on the dashboard."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest

from databank.jalali import format_date, today
from tests.browser.conftest import LiveDatabank, log_in, register_employer

pytestmark = pytest.mark.browser

GRADUATE = ["0061047813", "نرگس", "امیری", "زن", "1374", "09127776655", "ساوه",
            "دانشگاه اراک", "کارشناسی", "مهندسی پلیمر", "1398", "تزریق پلاستیک، اکستروژن",
            "کارشناس تولید", "خیر", "بله"]
GRADUATE_HEADERS = ["national_id", "first_name", "last_name", "gender", "birth_year", "mobile",
                    "city", "university", "degree", "field_of_study", "graduation_year",
                    "skills", "desired_job", "head_of_household", "consent"]
VACANCY_HEADERS = ["ref", "unit_name", "industrial_estate", "city", "title", "sector",
                   "workshop_code", "positions", "min_degree", "fields_of_study", "skills",
                   "gender"]
VACANCY = ["PLY-7", "شرکت پلاستیک آزمون", "شهرک صنعتی کاوه", "ساوه", "کارشناس تولید پلیمر",
           "صنعت", "6600777", "1", "کارشناسی", "مهندسی پلیمر", "تزریق پلاستیک، اکستروژن",
           "فرقی ندارد"]


def write_csv(path: Path, headers: list[str], row: list[str]) -> str:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([headers, row])
    return str(path)


def figure(page: Any, testid: str) -> int:
    text = page.inner_text(f"[data-testid={testid}]")
    return int(re.sub(r"\D", "", text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))))


def upload(page: Any, live: LiveDatabank, kind: str, path: str) -> None:
    page.goto(f"{live.url}/imports/")
    page.select_option("#f-kind", kind)
    page.set_input_files("#f-file", path)
    page.click("main button[type=submit]")
    assert "ساخته‌شده" in page.inner_text("main")


def test_import_match_review_hire_and_see_the_job_counted(page: Any, browser: Any,
                                                          live_databank: LiveDatabank,
                                                          tmp_path: Path) -> None:
    log_in(page, live_databank, "admin")
    page.goto(f"{live_databank.url}/dashboard/")
    registered_before = figure(page, "county-registered")
    page.click("[data-testid=current-user]")
    page.click("[data-testid=logout]")

    log_in(page, live_databank, "officer")
    upload(page, live_databank, "graduates",
           write_csv(tmp_path / "g.csv", GRADUATE_HEADERS, GRADUATE))
    upload(page, live_databank, "vacancies",
           write_csv(tmp_path / "v.csv", VACANCY_HEADERS, VACANCY))
    page.goto(f"{live_databank.url}/review")
    page.click("[data-testid=refresh]")
    assert "پیشنهادها به‌روز شد" in page.inner_text(".alert-success")
    page.fill("#q-vacancy", "PLY-7")
    page.click("form[data-testid=filters] button")
    page.locator("[data-testid=queue-row]", has_text="نرگس امیری").locator("text=بررسی").click()
    page.click("[data-testid=move-shortlisted] button")
    page.click("[data-testid=move-introduced] button")
    assert page.inner_text("[data-testid=status]") == "معرفی‌شده"
    page.click("[data-testid=current-user]")
    page.click("[data-testid=logout]")

    employer = browser.new_context(locale="fa-IR").new_page()
    register_employer(employer, live_databank, "شرکت پلاستیک آزمون", "plastic.unit")
    employer.fill("#f-name", "شرکت پلاستيک آزمون")  # typed with an Arabic ye: the same unit
    employer.click("main button[type=submit]")
    assert "کد کارگاه" in employer.inner_text("main")  # a known unit: prove it is hers
    employer.fill("#f-workshop_code", "۶۶۰۰۷۷۷")
    employer.click("main button[type=submit]")
    employer.locator("tr", has_text="کارشناس تولید پلیمر").locator("text=نامزدها").click()
    row = employer.locator("[data-testid=candidate]", has_text="نرگس امیری")
    assert "۰۹۱۲۷۷۷۶۶۵۵" in row.inner_text()
    row.locator("[data-testid=employer-move-interviewed] button").click()
    row = employer.locator("[data-testid=candidate]", has_text="نرگس امیری")
    hired = row.locator("[data-testid=employer-move-hired]")
    hired.locator("input[name=start_date]").fill(format_date(today()))
    row.locator("[data-testid=employer-move-hired] button").click()
    assert "استخدام‌شده" in employer.inner_text("[data-testid=candidates]")
    employer.context.close()

    log_in(page, live_databank, "admin")
    page.goto(f"{live_databank.url}/monitoring/records")
    assert "نرگس امیری" in page.locator("[data-testid=record]").first.inner_text()
    page.goto(f"{live_databank.url}/dashboard/")
    assert figure(page, "county-registered") == registered_before + 1
