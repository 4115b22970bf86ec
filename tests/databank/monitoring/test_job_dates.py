"""Dates a job may carry, measured from today in Solar Hijri: a start neither far ahead nor far
back (typed by an agency, or given with a hire), an end not beyond a month ahead, and an end
announced for a later day keeps the person held until it comes."""

from __future__ import annotations

from datetime import date, timedelta

import jdatetime
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import current_year, format_date, today
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_vacancy
from databank.monitoring.models import MonitoringRecord, Placement
from databank.organisations.services import get_or_create_agency, get_or_create_office
from tests.conftest import PASSWORD, post_form

JOB = {"national_id": "0013542419", "first_name": "زهرا", "last_name": "کریمی",
       "gender": "زن", "mobile": "09121234567", "sector": "services",
       "unit_name": "کارگاه خیاطی نور", "workshop_code": "7001"}


def jalali(day: date) -> str:
    return jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")


def days(count: int) -> str:
    """Today plus `count` days, typed the way an officer types a date."""
    return jalali(today() + timedelta(days=count))


def when(day: str | int) -> str:
    """A date as typed: a fixed one, or days from today counted when the test runs (counted
    when the tests are collected, a run crossing midnight in Tehran would be a day off)."""
    return days(day) if isinstance(day, int) else day


def records() -> int:
    return db.session.scalar(select(func.count(MonitoringRecord.id)))


def officer_client(app: Flask, make_user, name: str) -> FlaskClient:
    agency = get_or_create_agency(name)
    db.session.commit()
    user = make_user(Role.AGENCY_OFFICER, agency_id=agency.id)
    browser = app.test_client()
    post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    return browser


@pytest.fixture
def officer(app: Flask, make_user) -> FlaskClient:
    return officer_client(app, make_user, "مدیریت جهاد کشاورزی")


@pytest.mark.parametrize(("start", "message"), [
    ("1410/01/01", "حداکثر یک ماه پس از امروز"),
    (31, "حداکثر یک ماه پس از امروز"),
    (f"{current_year() - 6}/12/29", "نمی‌تواند پیش از"),
    ("1320/01/01", "نمی‌تواند پیش از"),
])
def test_an_implausible_job_start_is_refused_in_persian(officer: FlaskClient, start: str | int,
                                                        message: str) -> None:
    response = post_form(officer, "/monitoring/records/new", {**JOB, "start_date": when(start)})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert records() == 0


@pytest.mark.parametrize("start", [30, 0, f"{current_year() - 5}/01/01"])
def test_a_job_start_within_the_bounds_is_accepted(officer: FlaskClient, start: str | int) -> None:
    response = post_form(officer, "/monitoring/records/new", {**JOB, "start_date": when(start)})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert records() == 1


def register_and_end(officer: FlaskClient, end: str) -> tuple[MonitoringRecord, str]:
    post_form(officer, "/monitoring/records/new", {**JOB, "start_date": days(-200)})
    record = db.session.scalar(select(MonitoringRecord))
    response = post_form(officer, "/monitoring/records", {"end_date": end},
                         action=f"/monitoring/records/{record.id}/end", follow_redirects=True)
    db.session.refresh(record)
    return record, response.get_data(as_text=True)


@pytest.mark.parametrize("end", ["1499/01/01", 31])
def test_an_end_beyond_a_month_ahead_is_refused(officer: FlaskClient, end: str | int) -> None:
    record, page = register_and_end(officer, when(end))
    assert "تاریخ پایان اشتغال حداکثر یک ماه پس از امروز" in page
    assert record.end_date is None


def test_an_end_announced_for_a_later_day_holds_the_person_until_it_comes(
        app: Flask, make_user, officer: FlaskClient) -> None:
    record, _ = register_and_end(officer, days(10))
    assert record.end_date == today() + timedelta(days=10)
    other = officer_client(app, make_user, "کمیته امداد امام خمینی (ره)")
    refused = post_form(other, "/monitoring/records/new", {**JOB, "start_date": days(0)})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "مدیریت جهاد کشاورزی" in page and format_date(record.end_date) in page
    assert records() == 1
    record.end_date = today()  # the day came: the end is no longer ahead
    db.session.commit()
    accepted = post_form(other, "/monitoring/records/new", {**JOB, "start_date": days(0)})
    assert accepted.status_code == 302
    assert records() == 2


def test_an_ended_job_cannot_be_ended_again(officer: FlaskClient) -> None:
    record, _ = register_and_end(officer, days(-5))
    response = post_form(officer, "/monitoring/records", {"end_date": days(0)},
                         action=f"/monitoring/records/{record.id}/end", follow_redirects=True)
    assert "پیش‌تر پایان یافته است" in response.get_data(as_text=True)
    db.session.refresh(record)
    assert record.end_date == today() - timedelta(days=5)


@pytest.fixture
def interviewed(make_graduate, make_vacancy, make_user) -> tuple[Proposal, object]:
    """An interviewed proposal and the office officer who holds it."""
    make_graduate()
    vacancy = make_vacancy(positions=1)
    refresh_for_vacancy(vacancy)
    office = get_or_create_office("دفتر کاریابی امید",
                                  get_or_create_agency("اداره تعاون، کار و رفاه اجتماعی"))
    proposal = db.session.scalar(select(Proposal))
    proposal.status, proposal.office_id = ProposalStatus.INTERVIEWED, office.id
    db.session.commit()
    return proposal, make_user(Role.PLACEMENT_OFFICER, office_id=office.id)


@pytest.mark.parametrize("start", ["1420/01/01", 45, "1380/01/01"])
def test_a_hire_with_an_implausible_start_changes_nothing(client: FlaskClient, login,
                                                          interviewed, start: str | int) -> None:
    proposal, officer = interviewed
    login(officer)
    response = post_form(client, f"/review/{proposal.id}",
                         {"to": "hired", "start_date": when(start)},
                         action=f"/review/{proposal.id}/move")
    assert response.status_code == 400
    assert "تاریخ شروع به کار" in response.get_data(as_text=True)
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.INTERVIEWED
    assert db.session.scalar(select(Placement)) is None and records() == 0


def test_a_hire_starting_next_week_is_recorded(client: FlaskClient, login, interviewed
                                               ) -> None:
    proposal, officer = interviewed
    login(officer)
    response = post_form(client, f"/review/{proposal.id}",
                         {"to": "hired", "start_date": days(7)},
                         action=f"/review/{proposal.id}/move")
    assert response.status_code == 302
    record = db.session.scalar(select(MonitoringRecord))
    assert record.start_date == today() + timedelta(days=7)
