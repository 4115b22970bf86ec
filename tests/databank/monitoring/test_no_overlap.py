"""Two agencies never credit the same person for the same days: not at the same moment (the
unique index on open records) and not by reaching back into the time of a job that has ended
(the overlap rule, kept by the database itself)."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from databank.db import db
from databank.monitoring.models import MonitoringRecord, RecordStatus
from databank.people.models import Person
from databank.vocabulary import Sector
from tests.conftest import post_form
from tests.databank.monitoring.test_records import JOB, agencies, officer_client, records

__all__ = ["agencies"]  # the fixture, shared with the records' tests


def ended_job(app: Flask, make_user, agency, end: str):
    """Agency `agency` registers JOB (from 1405/07/01) and ends it on `end`."""
    browser, _ = officer_client(app, make_user, agency)
    assert post_form(browser, "/monitoring/records/new", JOB).status_code == 302
    held = db.session.scalar(select(MonitoringRecord))
    assert post_form(browser, "/monitoring/records", {"end_date": end},
                     action=f"/monitoring/records/{held.id}/end").status_code == 302
    return browser, held


def test_a_job_reaching_back_into_an_ended_job_of_another_agency_is_refused(
        app: Flask, make_user, agencies) -> None:
    ended_job(app, make_user, agencies[0], "1405/08/15")
    second, _ = officer_client(app, make_user, agencies[1])
    response = post_form(second, "/monitoring/records/new", {**JOB, "start_date": "1405/08/01"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "«مدیریت جهاد کشاورزی»" in page and "پیش از ۱۴۰۵/۰۸/۱۵ شروع شود" in page
    assert records() == 1
    # the day the first job ended she was free: a job may start on it
    on_the_day = post_form(second, "/monitoring/records/new",
                           {**JOB, "start_date": "1405/08/15"})
    assert on_the_day.status_code == 302
    assert records() == 2


def test_the_same_agency_cannot_count_one_person_twice_for_the_same_days(
        app: Flask, make_user, agencies) -> None:
    browser, _ = ended_job(app, make_user, agencies[0], "1405/08/15")
    response = post_form(browser, "/monitoring/records/new", {**JOB, "start_date": "1405/07/20"})
    assert response.status_code == 409
    assert "همین دستگاه" in response.get_data(as_text=True)
    assert records() == 1


def test_a_rejected_job_does_not_hold_its_days(app: Flask, make_user, agencies, login,
                                               client) -> None:
    from databank.accounts.models import Role

    _, held = ended_job(app, make_user, agencies[0], "1405/08/15")
    login(make_user(Role.INSPECTOR))
    post_form(client, "/monitoring/records", {"verified": "0", "reason": "جعلی"},
              action=f"/monitoring/records/{held.id}/decide")
    second, _ = officer_client(app, make_user, agencies[1])
    response = post_form(second, "/monitoring/records/new", {**JOB, "start_date": "1405/07/10"})
    assert response.status_code == 302
    assert records() == 2


def _record(person: Person, agency, start: date, end: date | None,
            status: RecordStatus = RecordStatus.REGISTERED) -> MonitoringRecord:
    return MonitoringRecord(person=person, agency=agency, sector=Sector.SERVICES,
                            start_date=start, end_date=end, status=status,
                            rejection_reason="جعلی" if status is RecordStatus.REJECTED else None)


@pytest.fixture
def person(app: Flask) -> Person:
    person = Person(national_id="0013542419", first_name="زهرا", last_name="کریمی")
    db.session.add(person)
    db.session.commit()
    return person


@pytest.mark.parametrize(("first", "second"), [
    ((date(2026, 1, 1), date(2026, 6, 1)), (date(2026, 5, 1), date(2026, 7, 1))),
    ((date(2026, 1, 1), date(2026, 6, 1)), (date(2025, 6, 1), None)),
    ((date(2026, 1, 1), date(2026, 6, 1)), (date(2026, 2, 1), date(2026, 3, 1))),
    ((date(2026, 3, 1), None), (date(2026, 1, 1), date(2026, 3, 2))),
])
def test_the_database_refuses_overlapping_records_whatever_code_writes_them(
        person: Person, agencies, first, second) -> None:
    db.session.add(_record(person, agencies[0], *first))
    db.session.commit()
    db.session.add(_record(person, agencies[1], *second))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert records() == 1


def test_the_database_allows_jobs_one_after_the_other_and_rejected_ones(
        person: Person, agencies) -> None:
    db.session.add_all([
        _record(person, agencies[0], date(2026, 1, 1), date(2026, 6, 1)),
        _record(person, agencies[1], date(2026, 6, 1), date(2026, 8, 1)),
        _record(person, agencies[0], date(2026, 2, 1), None, RecordStatus.REJECTED),
        _record(person, agencies[1], date(2026, 8, 1), None),
    ])
    db.session.commit()
    assert records() == 4


def test_the_database_refuses_an_end_moved_into_the_next_job(person: Person, agencies) -> None:
    earlier = _record(person, agencies[0], date(2026, 1, 1), date(2026, 6, 1))
    db.session.add_all([earlier, _record(person, agencies[1], date(2026, 6, 1), None)])
    db.session.commit()
    earlier.end_date = date(2026, 7, 1)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.refresh(earlier)
    assert earlier.end_date == date(2026, 6, 1)


def test_a_job_cannot_end_on_the_day_it_starts(app: Flask, make_user, agencies) -> None:
    """It would cover no day yet count toward the commitment; a mistaken record is rejected by
    an inspector instead, as the message says."""
    browser, _ = officer_client(app, make_user, agencies[0])
    post_form(browser, "/monitoring/records/new", JOB)
    record = db.session.scalar(select(MonitoringRecord))
    response = post_form(browser, "/monitoring/records", {"end_date": "1405/07/01"},
                         action=f"/monitoring/records/{record.id}/end", follow_redirects=True)
    assert "پایان اشتغال «زهرا کریمی» ثبت نشد: تاریخ پایان باید پس از تاریخ شروع (۱۴۰۵/۰۷/۰۱) " \
        "باشد" in response.get_data(as_text=True)
    db.session.refresh(record)
    assert record.end_date is None


def test_an_end_announced_ahead_is_named_to_the_same_agency_as_the_first_free_day(
        app: Flask, make_user, agencies) -> None:
    from datetime import timedelta

    from databank.jalali import format_date, persian_digits, to_jalali, today

    browser, _ = officer_client(app, make_user, agencies[0])
    post_form(browser, "/monitoring/records/new", JOB)
    record = db.session.scalar(select(MonitoringRecord))
    ahead = today() + timedelta(days=10)
    typed = persian_digits(to_jalali(ahead).strftime("%Y/%m/%d"))
    post_form(browser, "/monitoring/records", {"end_date": typed},
              action=f"/monitoring/records/{record.id}/end")
    start = persian_digits(to_jalali(today()).strftime("%Y/%m/%d"))
    response = post_form(browser, "/monitoring/records/new", {**JOB, "start_date": start})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert f"نمی‌تواند پیش از {format_date(ahead)} شروع شود" in page
    assert "ثبت دوباره لازم نیست" not in page
