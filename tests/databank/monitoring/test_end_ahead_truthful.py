"""What the bank says of a job's end tells the truth about the day: an end recorded ahead (up
to a month) is a job going on until then, in the officer's messages and in the audit log; a
rejected job is not counted and its end is not corrected; a new job's audit entry says when it
starts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.audit.details import details_text
from databank.audit.models import AuditEntry
from databank.db import db
from databank.jalali import format_date, today
from databank.monitoring.models import MonitoringRecord
from databank.monitoring.services import create_record, decide
from databank.organisations.services import get_or_create_agency
from databank.people.models import Person
from databank.vocabulary import Gender, Sector
from tests.conftest import post_form
from tests.databank.monitoring.test_job_dates import JOB, days, officer, register_and_end

__all__ = ["officer"]  # the fixture
LIST = "/monitoring/records"


def day(offset: int) -> date:
    return today() + timedelta(days=offset)


def end_again(officer: FlaskClient, record: MonitoringRecord, end: str) -> str:
    response = post_form(officer, LIST, {"end_date": end},
                         action=f"{LIST}/{record.id}/end", follow_redirects=True)
    db.session.refresh(record)
    return response.get_data(as_text=True)


def entries(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)
                                   .order_by(AuditEntry.id)))


def audit_page(client: FlaskClient, make_user, login) -> str:
    login(make_user(Role.ADMIN))
    page = client.get("/admin/audit").get_data(as_text=True)
    return page[page.index('data-testid="audit"'):page.index("</table>")]


def test_ending_again_a_job_whose_end_is_ahead_says_the_end_is_recorded_for_that_day(
        officer: FlaskClient) -> None:
    record, _ = register_and_end(officer, days(10))
    page = end_again(officer, record, days(12))
    ahead = format_date(day(10))
    assert (f"پایان اشتغال «زهرا کریمی» ثبت نشد: پایان این اشتغال پیش‌تر برای {ahead} ثبت "
            "شده است و تا آن روز ادامه دارد؛ اگر آن تاریخ نادرست است، «اصلاح پایان» را "
            "بزنید.") in page
    assert "پایان یافته است" not in page
    assert record.end_date == day(10) and len(entries("end_job")) == 1


def test_ending_again_a_job_that_has_ended_says_it_ended_on_its_day(
        officer: FlaskClient) -> None:
    record, _ = register_and_end(officer, days(-5))
    page = end_again(officer, record, days(0))
    assert f"این اشتغال پیش‌تر پایان یافته است ({format_date(day(-5))})؛" in page
    assert "ثبت شده است و تا آن روز ادامه دارد" not in page


@pytest.mark.parametrize(("offset", "state", "label"), [
    (10, "ending", "پایان ثبت‌شده برای روزی پیش رو"),
    (0, "ended", "پایان‌یافته"),
    (-5, "ended", "پایان‌یافته"),
])
def test_the_audit_log_calls_an_end_ahead_recorded_not_ended(
        client: FlaskClient, make_user, login, officer: FlaskClient, offset: int, state: str,
        label: str) -> None:
    register_and_end(officer, days(offset))
    [entry] = entries("end_job")
    assert entry.to_state == state and entry.details == {"end_date": day(offset).isoformat()}
    table = audit_page(client, make_user, login)
    row = next(row for row in table.split("<tr")[1:] if "پایان اشتغال" in row)
    assert label in row and format_date(day(offset)) in row
    if offset > 0:
        assert "پایان‌یافته" not in row


@pytest.mark.parametrize(("new_end", "to_state"), [(20, "ending"), (-3, "ended")])
def test_correcting_an_end_ahead_is_audited_from_a_recorded_end_not_an_ended_job(
        officer: FlaskClient, new_end: int, to_state: str) -> None:
    record, _ = register_and_end(officer, days(10))
    post_form(officer, LIST, {"end_date": days(new_end)},
              action=f"{LIST}/{record.id}/end/correct")
    db.session.refresh(record)
    assert record.end_date == day(new_end)
    [entry] = entries("correct_end")
    assert (entry.from_state, entry.to_state) == ("ending", to_state)


def test_correcting_the_end_of_a_rejected_job_says_it_is_not_counted(
        make_user, officer: FlaskClient) -> None:
    """The job had an end when the inspector rejected it: saying it has none is untrue."""
    record, _ = register_and_end(officer, days(-20))
    decide(make_user(Role.INSPECTOR), record.id, False, "در بازدید، فرد در محل کار نبود.")
    db.session.commit()
    response = post_form(officer, LIST, {"end_date": days(-10)},
                         action=f"{LIST}/{record.id}/end/correct", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert ("اصلاح پایان اشتغال «زهرا کریمی» انجام نشد: این اشتغال در راستی‌آزمایی رد شده "
            "است و به حساب نمی‌آید؛ پایان آن اصلاح نمی‌شود.") in page
    assert "پایانی ندارد" not in page and "پایانی ثبت نشده" not in page
    db.session.refresh(record)
    assert record.end_date == day(-20) and entries("correct_end") == []


def test_a_registered_job_is_audited_with_its_start_day(
        client: FlaskClient, make_user, login, officer: FlaskClient) -> None:
    post_form(officer, "/monitoring/records/new", {**JOB, "start_date": days(-7)})
    [entry] = entries("register_job")
    assert entry.details == {"agency": "مدیریت جهاد کشاورزی",
                             "start_date": day(-7).isoformat()}
    assert details_text(entry.details) == (f"دستگاه: مدیریت جهاد کشاورزی، تاریخ شروع: "
                                           f"{format_date(day(-7))}")
    row = next(row for row in audit_page(client, make_user, login).split("<tr")[1:]
               if "ثبت اشتغال" in row)
    assert f"تاریخ شروع: {format_date(day(-7))}" in row and "start_date" not in row


def test_a_job_created_by_any_path_carries_its_start_day_in_the_audit(app: Flask) -> None:
    """create_record is the one insert (the form, the import and a hire go through it)."""
    person = Person(national_id="0013542419", first_name="زهرا", last_name="کریمی",
                    gender=Gender.FEMALE)
    record = create_record(None, person, get_or_create_agency("کمیته امداد امام خمینی (ره)"),
                           sector=Sector.SERVICES, start_date=day(3))
    db.session.commit()
    [entry] = entries("register_job")
    assert entry.entity_id == record.id and entry.details["start_date"] == day(3).isoformat()
