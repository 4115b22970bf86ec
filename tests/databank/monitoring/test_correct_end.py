"""An end set by mistake is set right by the agency's officer or the admin: another day after
the start, or none (the job goes on); never into a job the person has since taken, here or
with another agency, whether the bank sees it first or the database refuses it in a race."""

from __future__ import annotations

import re
import threading
import time
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import insert, select

from databank.accounts.models import Role
from databank.audit.details import details_text
from databank.audit.models import AuditEntry
from databank.db import db
from databank.jalali import format_date, today
from databank.monitoring.models import MonitoringRecord, RecordStatus
from databank.organisations.services import get_or_create_agency
from databank.vocabulary import Sector
from tests.conftest import csrf_token, post_form
from tests.databank.monitoring.test_job_dates import JOB, days, officer_client

LIST = "/monitoring/records"
FIRST, SECOND = "مدیریت جهاد کشاورزی", "کمیته امداد امام خمینی (ره)"


def day(offset: int) -> date:
    return today() + timedelta(days=offset)


@pytest.fixture
def officer(app: Flask, make_user) -> FlaskClient:
    return officer_client(app, make_user, FIRST)


@pytest.fixture
def ended(officer: FlaskClient) -> MonitoringRecord:
    """Her agency's job from 60 days ago, ended (by mistake) 20 days ago."""
    post_form(officer, "/monitoring/records/new", {**JOB, "start_date": days(-60)})
    record = db.session.scalar(select(MonitoringRecord))
    post_form(officer, LIST, {"end_date": days(-20)}, action=f"{LIST}/{record.id}/end")
    db.session.refresh(record)
    assert record.end_date == day(-20)
    return record


def correct(browser: FlaskClient, record: MonitoringRecord, **form: str) -> str:
    response = post_form(browser, LIST, form, action=f"{LIST}/{record.id}/end/correct",
                         follow_redirects=True)
    db.session.refresh(record)
    return response.get_data(as_text=True)


def corrections() -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == "correct_end")
                                   .order_by(AuditEntry.id)))


def test_the_officer_moves_a_mistaken_end_to_another_day_and_it_is_audited(
        officer: FlaskClient, ended: MonitoringRecord) -> None:
    page = correct(officer, ended, end_date=days(-5))
    assert ended.end_date == day(-5)
    assert (f"پایان اشتغال «زهرا کریمی» اصلاح شد؛ از {format_date(day(-5))} می‌توان او را "
            "دوباره ثبت کرد.") in page
    [entry] = corrections()
    assert (entry.from_state, entry.to_state) == ("ended", "ended")
    assert entry.details == {"previous_end_date": day(-20).isoformat(),
                             "end_date": day(-5).isoformat()}
    assert details_text(entry.details) == (f"تاریخ پایان پیشین: {format_date(day(-20))}، "
                                           f"تاریخ پایان: {format_date(day(-5))}")


def test_the_officer_clears_a_mistaken_end_and_the_person_is_held_again(
        app: Flask, make_user, officer: FlaskClient, ended: MonitoringRecord) -> None:
    page = correct(officer, ended, clear="1")
    assert ended.end_date is None
    assert "پایان اشتغال «زهرا کریمی» برداشته شد؛ اشتغال او ادامه دارد" in page
    [entry] = corrections()
    assert (entry.from_state, entry.to_state) == ("ended", RecordStatus.REGISTERED.value)
    assert entry.details == {"previous_end_date": day(-20).isoformat(), "cleared": True}
    other = officer_client(app, make_user, SECOND)
    refused = post_form(other, "/monitoring/records/new", {**JOB, "start_date": days(-1)})
    assert refused.status_code == 409 and f"«{FIRST}»" in refused.get_data(as_text=True)


def test_the_admin_corrects_any_agencys_end(make_user, login, client: FlaskClient,
                                            ended: MonitoringRecord) -> None:
    login(make_user(Role.ADMIN))
    correct(client, ended, end_date=days(-30))
    assert ended.end_date == day(-30) and len(corrections()) == 1


@pytest.mark.parametrize(("form", "message"), [
    ({"end_date": "offset:-60"}, "تاریخ پایان باید پس از تاریخ شروع"),
    ({"end_date": "offset:-70"}, "تاریخ پایان باید پس از تاریخ شروع"),
    ({"end_date": "offset:-20"}, "تاریخ پایان همین حالا"),
    ({"end_date": "offset:40"}, "حداکثر یک ماه پس از امروز"),
    ({}, "تاریخ پایان درست را وارد کنید"),
])
def test_an_end_that_cannot_be_is_refused_and_nothing_changes(
        officer: FlaskClient, ended: MonitoringRecord, form: dict[str, str],
        message: str) -> None:
    typed = {key: days(int(value.split(":")[1])) for key, value in form.items()}
    page = correct(officer, ended, **typed)
    assert "اصلاح پایان اشتغال «زهرا کریمی» انجام نشد" in page and message in page
    assert ended.end_date == day(-20) and corrections() == []


def later_job(app: Flask, make_user, start: int) -> FlaskClient:
    """Another agency registers the person from `start` days from today (she was free)."""
    other = officer_client(app, make_user, SECOND)
    response = post_form(other, "/monitoring/records/new", {**JOB, "start_date": days(start)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return other


def test_an_end_moved_into_a_job_taken_since_elsewhere_is_refused_naming_the_agency(
        app: Flask, make_user, officer: FlaskClient, ended: MonitoringRecord) -> None:
    later_job(app, make_user, -10)
    since = format_date(day(-10))
    page = correct(officer, ended, end_date=days(-5))
    assert (f"این فرد از {since} با «{SECOND}» ثبت اشتغال دارد؛ پایان این اشتغال نمی‌تواند "
            f"پس از {since} باشد.") in page
    cleared = correct(officer, ended, clear="1")
    assert f"با «{SECOND}» ثبت اشتغال دارد؛ پایان این اشتغال برداشته نمی‌شود" in cleared
    assert ended.end_date == day(-20) and corrections() == []
    # up to the day the other job starts is hers to correct
    correct(officer, ended, end_date=days(-10))
    assert ended.end_date == day(-10) and len(corrections()) == 1


def test_a_later_job_with_the_same_agency_is_named_as_hers(
        officer: FlaskClient, ended: MonitoringRecord) -> None:
    post_form(officer, "/monitoring/records/new", {**JOB, "start_date": days(-10)})
    page = correct(officer, ended, clear="1")
    assert f"با همین دستگاه («{FIRST}») ثبت اشتغال دارد" in page
    assert ended.end_date == day(-20)


def test_an_end_cleared_while_another_agency_registers_her_is_refused_by_the_database(
        app: Flask, officer: FlaskClient, ended: MonitoringRecord) -> None:
    """A race: the other agency's record is written, not yet committed, when the officer
    clears the end, so the bank's check cannot see it. PostgreSQL's overlap rule waits for
    it and refuses the change; SQLite's write lock makes the clear wait and see it."""
    agency_id = get_or_create_agency(SECOND).id
    person_id, record_id = ended.person_id, ended.id
    token = csrf_token(officer, LIST)
    db.session.commit()
    answers: list[Any] = []
    with db.engine.connect() as connection:
        transaction = connection.begin()
        connection.execute(insert(MonitoringRecord).values(
            person_id=person_id, agency_id=agency_id, sector=Sector.SERVICES,
            start_date=day(-10), status=RecordStatus.REGISTERED))
        clearing = threading.Thread(target=lambda: answers.append(officer.post(
            f"{LIST}/{record_id}/end/correct", data={"clear": "1", "csrf_token": token})))
        clearing.start()
        time.sleep(1.5)  # the clear is waiting on the uncommitted record
        transaction.commit()
        clearing.join(timeout=30)
    assert answers and answers[0].status_code == 302
    page = officer.get(LIST).get_data(as_text=True)
    assert f"با «{SECOND}» ثبت اشتغال دارد؛ پایان این اشتغال برداشته نمی‌شود" in page
    db.session.expire_all()
    assert db.session.get(MonitoringRecord, record_id).end_date == day(-20)
    assert corrections() == []


def test_a_job_without_an_end_or_a_rejected_one_has_nothing_to_correct(
        make_user, login, client: FlaskClient, officer: FlaskClient) -> None:
    post_form(officer, "/monitoring/records/new", {**JOB, "start_date": days(-60)})
    record = db.session.scalar(select(MonitoringRecord))
    assert "برای این اشتغال پایانی ثبت نشده است" in correct(officer, record,
                                                              end_date=days(-5))
    login(make_user(Role.INSPECTOR))
    post_form(client, LIST, {"verified": "0", "reason": "جعلی"},
              action=f"{LIST}/{record.id}/decide")
    record.end_date = day(-20)  # as it stood before the rejection
    db.session.commit()
    assert ("در راستی‌آزمایی رد شده است و به حساب نمی‌آید؛ پایان آن اصلاح نمی‌شود"
            in correct(officer, record, clear="1"))
    assert record.end_date == day(-20) and corrections() == []
    assert "اصلاح پایان" not in officer.get(LIST).get_data(as_text=True)


def test_only_her_agencys_officer_or_the_admin_corrects(app: Flask, make_user, login,
                                                       client: FlaskClient,
                                                       ended: MonitoringRecord) -> None:
    other = officer_client(app, make_user, SECOND)
    action = f"{LIST}/{ended.id}/end/correct"
    assert post_form(other, LIST, {"clear": "1"}, action=action).status_code == 404
    login(make_user(Role.INSPECTOR))
    assert post_form(client, LIST, {"clear": "1"}, action=action).status_code == 403
    db.session.refresh(ended)
    assert ended.end_date == day(-20) and corrections() == []


def test_the_list_offers_a_correction_for_an_ended_job_only(officer: FlaskClient,
                                                            ended: MonitoringRecord) -> None:
    post_form(officer, "/monitoring/records/new",
              {**JOB, "national_id": "0499370899", "mobile": "09121234568",
               "first_name": "مریم", "last_name": "رضایی", "start_date": days(-3)})
    page = officer.get(LIST).get_data(as_text=True)
    rows = re.findall(r'<tr data-testid="record">.*?</tr>', page, re.S)
    [mine] = [row for row in rows if "زهرا" in row]
    [going] = [row for row in rows if "مریم" in row]
    assert 'data-testid="correct-end"' in mine and 'data-testid="end-job"' not in mine
    assert f'value="{format_date(day(-20))}"' in mine  # the form starts from the end set
    assert 'data-testid="correct-end"' not in going and 'data-testid="end-job"' in going
    for button in re.findall(r"<button[^>]*>(?:ذخیرهٔ تاریخ|برداشتن پایان)</button>", mine):
        assert 'data-confirm="' in button
