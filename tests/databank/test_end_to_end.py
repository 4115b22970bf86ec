"""The whole loop the county asked for, through the Flask test client: spreadsheets in, the
matcher's proposals, an office and an employer taking one to a hire, the monitoring record and
the dashboard moving."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import format_date, today
from databank.matches.models import Proposal, ProposalStatus
from databank.monitoring.models import MonitoringRecord
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import (
    get_or_create_agency,
    get_or_create_estate,
    get_or_create_office,
)
from databank.people.models import Person
from tests.conftest import PASSWORD, post_form

GRADUATES = [
    ["national_id", "first_name", "last_name", "gender", "birth_year", "mobile", "city",
     "university", "degree", "field_of_study", "graduation_year", "skills", "desired_job",
     "head_of_household", "consent"],
    ["۰۰۱۳۵۴۲۴۱۹", "زهرا", "کریمی", "زن", "۱۳۷۶", "۰۹۱۲۱۱۱۲۲۳۳", "ساوه",
     "دانشگاه آزاد اسلامی واحد ساوه", "کارشناسی", "علوم و صنایع غذایی", "۱۳۹۹",
     "HACCP، GMP، ISO 22000", "کارشناس کنترل کیفیت", "بله", "بله"],
    ["499370899", "علي", "رضایی", "مرد", "1372", "9122223344", "نوبران",
     "دانشکده فنی و حرفه‌ای ساوه", "کاردانی", "برق صنعتی", "1395", "PLC; تابلوسازی", "برقکار",
     "خیر", "بله"],
]
VACANCIES = [
    ["ref", "unit_name", "industrial_estate", "city", "title", "sector", "positions",
     "min_degree", "fields_of_study", "skills", "gender", "description"],
    ["QC-1", "شرکت لبنیات آوای دشت", "شهرک صنعتی کاظم‌آباد", "ساوه", "کارشناس کنترل کیفیت",
     "صنعت", "1", "کارشناسی", "علوم و صنایع غذایی، مهندسی شیمی", "HACCP، GMP", "فرقی ندارد",
     "تمام‌وقت"],
    ["EL-1", "شرکت لبنیات آوای دشت", "شهرک صنعتی کاظم‌آباد", "ساوه", "برقکار صنعتی", "صنعت",
     "2", "دیپلم", "برق صنعتی", "PLC", "مرد", ""],
]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def sign_in(app: Flask, username: str) -> FlaskClient:
    browser = app.test_client()
    response = post_form(browser, "/login", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def figure(page: str, testid: str) -> int:
    match = re.search(rf'data-testid="{testid}">([^<]*)<', page)
    assert match, testid
    return int(match.group(1).translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))


def test_from_spreadsheets_to_a_verified_job_on_the_dashboard(app: Flask, runner, make_user,
                                                              tmp_path: Path) -> None:
    agency = get_or_create_agency("اداره تعاون، کار و رفاه اجتماعی")
    office = get_or_create_office("دفتر کاریابی امید", agency)
    get_or_create_estate("شهرک صنعتی کاظم‌آباد", "ساوه")  # the admin's list of estates
    db.session.commit()
    officer = make_user(Role.PLACEMENT_OFFICER, username="officer", office_id=office.id)
    admin = make_user(Role.ADMIN, username="admin")
    inspector = make_user(Role.INSPECTOR, username="inspector")
    files = {"graduates": write_csv(tmp_path / "graduates.csv", GRADUATES),
             "vacancies": write_csv(tmp_path / "vacancies.csv", VACANCIES)}
    for kind, path in files.items():
        result = runner.invoke(args=["import", kind, str(path)])
        assert result.exit_code == 0, result.output
    assert runner.invoke(args=["match"]).exit_code == 0

    zahra = db.session.scalar(select(Person).where(Person.national_id == "0013542419"))
    proposal = db.session.scalar(select(Proposal).where(
        Proposal.profile_id == zahra.profile.id, Proposal.status == ProposalStatus.PROPOSED))
    assert proposal.vacancy.ref == "QC-1" and proposal.rank == 1
    unit = db.session.scalar(select(IndustrialUnit))
    make_user(Role.EMPLOYER, username="employer", unit_id=unit.id)
    dashboard_before = sign_in(app, "admin").get("/dashboard/").get_data(as_text=True)
    registered_before = figure(dashboard_before, "county-registered")

    office_client = sign_in(app, officer.username)
    queue = office_client.get("/review?vacancy=QC-1").get_data(as_text=True)
    assert "زهرا کریمی" in queue
    for step in ("shortlisted", "introduced"):
        response = post_form(office_client, f"/review/{proposal.id}", {"to": step},
                             action=f"/review/{proposal.id}/move")
        assert response.status_code == 302

    employer_client = sign_in(app, "employer")
    page = f"/vacancies/{proposal.vacancy_id}/candidates"
    assert "۰۹۱۲۱۱۱۲۲۳۳" in employer_client.get(page).get_data(as_text=True)
    post_form(employer_client, page, {"to": "interviewed"}, action=f"{page}/{proposal.id}/move")
    post_form(employer_client, page, {"to": "hired", "start_date": format_date(today())},
              action=f"{page}/{proposal.id}/move")

    record = db.session.scalar(select(MonitoringRecord))
    assert record is not None and record.person_id == zahra.id
    assert record.agency_id == agency.id and record.unit_id == unit.id
    records_page = office_client.get("/monitoring/records").get_data(as_text=True)
    assert "زهرا کریمی" in records_page and "از بانک" in records_page
    graduate_view = sign_in(app, make_user(Role.GRADUATE, person_id=zahra.id).username)
    assert "استخدام‌شده" in graduate_view.get("/profile/proposals").get_data(as_text=True)

    inspector_client = sign_in(app, inspector.username)
    post_form(inspector_client, "/monitoring/records", {"verified": "1"},
              action=f"/monitoring/records/{record.id}/decide")
    dashboard_after = sign_in(app, admin.username).get("/dashboard/").get_data(as_text=True)
    assert figure(dashboard_after, "county-registered") == registered_before + 1
    assert figure(dashboard_after, "county-verified") == 1
