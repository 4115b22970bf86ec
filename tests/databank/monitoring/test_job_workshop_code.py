"""A new unit's insurance workshop code, typed on the job form or given in a jobs file, follows
the unit forms' rule: digits of either script, grouped by dashes or spaces only between them,
and stored as Latin digits alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from databank.db import db
from databank.monitoring.models import MonitoringRecord
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import find_by_name
from tests.conftest import post_form
from tests.databank.monitoring.test_job_import import HEADERS, job, officer, rows, run
from tests.databank.monitoring.test_records import JOB, agencies, officer_client, records
from tests.databank.monitoring.test_verification import write_sheet

__all__ = ["agencies", "officer"]  # the fixtures
RULE = "کد کارگاه بیمه را با رقم وارد کنید، همان‌گونه که در فهرست بیمه آمده است"
UNIT = "کارگاه خیاطی نور"


@pytest.mark.parametrize("code", ["abc-12", "=1+2", "-12345", "12345-", "۷۷۰۰--", "1234567890123"])
def test_the_job_form_refuses_a_workshop_code_that_is_not_digits(
        app: Flask, make_user, agencies, code: str) -> None:
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, "/monitoring/records/new", {**JOB, "workshop_code": code})
    assert response.status_code == 400
    assert RULE in response.get_data(as_text=True)
    assert records() == 0
    assert find_by_name(IndustrialUnit, UNIT) is None


@pytest.mark.parametrize(("code", "stored"), [
    ("۷۷۰۰-۴۸۱", "7700481"), ("7700 481", "7700481"), ("٧٧٠٠٤٨١", "7700481")])
def test_the_job_form_stores_a_new_units_code_as_digits_only(
        app: Flask, make_user, agencies, code: str, stored: str) -> None:
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, "/monitoring/records/new", {**JOB, "workshop_code": code})
    assert response.status_code == 302, response.get_data(as_text=True)
    record = db.session.scalar(select(MonitoringRecord))
    assert record.unit.name == UNIT and record.unit.workshop_code == stored


def test_the_jobs_import_refuses_codes_that_are_not_digits_and_stores_digits_only(
        officer, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "jobs.csv", rows([
        job(1, unit_name="کارگاه یک", workshop_code="abc-12"),
        job(2, unit_name="کارگاه دو", workshop_code="=1+2"),
        job(3, unit_name="کارگاه سه", workshop_code="۷۷۰۰-۴۸۱"),
    ], HEADERS), HEADERS)
    result = run(officer, path)
    assert result.registered == 1
    assert [(row.row, [column for column, _ in row.problems]) for row in result.refused] == [
        (2, ["کد کارگاه (workshop_code)"]), (3, ["کد کارگاه (workshop_code)"])]
    assert all(RULE in message for row in result.refused for _, message in row.problems)
    assert find_by_name(IndustrialUnit, "کارگاه یک") is None
    assert find_by_name(IndustrialUnit, "کارگاه دو") is None
    assert find_by_name(IndustrialUnit, "کارگاه سه").workshop_code == "7700481"


def test_a_code_another_unit_holds_is_refused_without_naming_that_unit(
        app: Flask, make_user, agencies) -> None:
    from databank.organisations.services import get_or_create_unit

    get_or_create_unit("صنایع غذایی نیک‌سرشت", workshop_code="5100148")
    db.session.commit()
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, "/monitoring/records/new", {
        **JOB, "unit_name": "شرکت کاملا تازه آزمون", "workshop_code": "5100148"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and "برای واحد دیگری در بانک ثبت شده است" in page
    assert "نیک‌سرشت" not in page and records() == 0


def test_the_agency_officers_export_has_no_workshop_codes_and_the_inspectors_has(
        app: Flask, make_user, agencies) -> None:
    from databank.accounts.models import Role
    from tests.databank.monitoring.test_withdrawal import signed_in

    browser, _ = officer_client(app, make_user, agencies[0])
    assert post_form(browser, "/monitoring/records/new", {
        **JOB, "workshop_code": "7700481"}).status_code == 302
    header, row = browser.get("/monitoring/records/export.csv").get_data().decode(
        "utf-8-sig").splitlines()[:2]
    assert "کد کارگاه" not in header and "7700481" not in row and UNIT in row
    inspector = signed_in(app, make_user(Role.INSPECTOR))
    header, row = inspector.get("/monitoring/records/export.csv").get_data().decode(
        "utf-8-sig").splitlines()[:2]
    assert "کد کارگاه" in header and "7700481" in row
