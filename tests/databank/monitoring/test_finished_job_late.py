"""A job that has ended is filed late with its end date, on the form and in a jobs file: it holds
the person only for its own days, so a later job of hers with another agency no longer stands
in the way. Two agencies still never hold her on the same day, and each refusal gives the fix
that applies (an earlier end, a later start, or the holder recording her job's end)."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

import jdatetime
import pytest
from flask import Flask
from sqlalchemy import select

from databank.audit.models import AuditEntry
from databank.db import db
from databank.jalali import format_date, today
from databank.monitoring.models import MonitoringRecord
from tests.conftest import at_once, csrf_token, post_form
from tests.databank.monitoring.test_job_import import HEADERS, job, officer, rows, run
from tests.databank.monitoring.test_records import JOB, agencies, officer_client, records
from tests.databank.monitoring.test_verification import write_sheet

__all__ = ["agencies", "officer"]  # the fixtures
NEW = "/monitoring/records/new"
WAIT = "تا پایان آن اشتغال"


def day(text: str):
    year, month, date_of_month = (int(part) for part in text.split("/"))
    return jdatetime.date(year, month, date_of_month).togregorian()


@pytest.fixture
def later_job(app: Flask, make_user, agencies):
    """The QA case: «کمیته امداد» holds her from 1405/08/20, with no end."""
    browser, _ = officer_client(app, make_user, agencies[1])
    response = post_form(browser, NEW, {**JOB, "start_date": "1405/08/20"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return browser


def test_a_finished_job_before_her_later_job_is_registered_with_its_end(
        app: Flask, make_user, agencies, later_job) -> None:
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, NEW, {**JOB, "start_date": "1405/03/01",
                                        "end_date": "1405/08/01"})
    assert response.status_code == 302, response.get_data(as_text=True)
    record = db.session.scalar(select(MonitoringRecord).where(
        MonitoringRecord.agency_id == agencies[0].id))
    assert (record.start_date, record.end_date) == (day("1405/03/01"), day("1405/08/01"))
    [entry] = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "register_job", AuditEntry.entity_id == record.id))
    assert entry.details["end_date"] == day("1405/08/01").isoformat()


def test_an_end_on_the_day_her_later_job_starts_is_accepted(
        app: Flask, make_user, agencies, later_job) -> None:
    """The end is the first day she was free: her next job may start on it."""
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, NEW, {**JOB, "start_date": "1405/03/01",
                                        "end_date": "1405/08/20"})
    assert response.status_code == 302
    assert records() == 2


def test_a_job_with_no_end_starting_before_her_later_job_is_told_to_give_its_end(
        app: Flask, make_user, agencies, later_job) -> None:
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, NEW, {**JOB, "start_date": "1405/03/01"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "این فرد از ۱۴۰۵/۰۸/۲۰ با «کمیته امداد امام خمینی (ره)» ثبت اشتغال فعال دارد" in page
    assert "هم‌پوشانی دارد" in page
    assert "اشتغالی که پایان یافته است با تاریخ پایانش ثبت می‌شود" in page
    assert WAIT not in page and "دستگاه دیگری نمی‌تواند" not in page
    assert records() == 1


def test_an_end_reaching_into_her_later_job_is_refused_naming_it(
        app: Flask, make_user, agencies, later_job) -> None:
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, NEW, {**JOB, "start_date": "1405/03/01",
                                        "end_date": "1405/08/21"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "«کمیته امداد امام خمینی (ره)»" in page and "هم‌پوشانی دارد" in page
    assert "تاریخ پایان آن نمی‌تواند پس از ۱۴۰۵/۰۸/۲۰ باشد" in page
    assert WAIT not in page
    assert records() == 1


def test_a_finished_job_inside_her_open_job_tells_the_holder_to_record_its_end(
        app: Flask, make_user, agencies, later_job) -> None:
    """Waiting would not help a job that has already ended: the holder's job must end first."""
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, NEW, {**JOB, "start_date": "1405/08/25",
                                        "end_date": "1405/09/01"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "«کمیته امداد امام خمینی (ره)» باید پایانش را ثبت کند" in page
    assert WAIT not in page
    assert records() == 1


def test_an_open_job_after_her_open_job_says_the_holder_ends_it_first(
        app: Flask, make_user, agencies, later_job) -> None:
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, NEW, {**JOB, "start_date": "1405/09/01"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert ("تا «کمیته امداد امام خمینی (ره)» پایان آن اشتغال را ثبت نکند، دستگاه دیگری "
            "نمی‌تواند او را ثبت کند") in page


@pytest.mark.parametrize(("end", "message"), [
    ("1405/03/01", "تاریخ پایان باید پس از تاریخ شروع (۱۴۰۵/۰۳/۰۱) باشد"),
    ("1405/02/01", "تاریخ پایان باید پس از تاریخ شروع (۱۴۰۵/۰۳/۰۱) باشد"),
    ("1410/01/01", "تاریخ پایان اشتغال حداکثر یک ماه پس از امروز"),
    ("1405/13/01", "تقویم شمسی"),
])
def test_an_end_not_after_the_start_or_too_far_ahead_is_refused_beside_the_field(
        app: Flask, make_user, agencies, end: str, message: str) -> None:
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, NEW, {**JOB, "start_date": "1405/03/01", "end_date": end})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page and 'id="f-end_date-error"' in page
    assert records() == 0


def test_a_finished_job_keeps_her_free_after_its_end(app: Flask, make_user, agencies) -> None:
    first, _ = officer_client(app, make_user, agencies[0])
    assert post_form(first, NEW, {**JOB, "start_date": "1405/03/01",
                                  "end_date": "1405/05/01"}).status_code == 302
    second, _ = officer_client(app, make_user, agencies[1])
    inside = post_form(second, NEW, {**JOB, "start_date": "1405/04/01"})
    assert inside.status_code == 409
    assert "نمی‌تواند پیش از ۱۴۰۵/۰۵/۰۱ شروع شود" in inside.get_data(as_text=True)
    assert post_form(second, NEW, {**JOB, "start_date": "1405/05/01"}).status_code == 302
    assert records() == 2


def test_the_same_agency_filing_an_earlier_finished_job_of_hers_is_accepted(
        app: Flask, make_user, agencies) -> None:
    browser, _ = officer_client(app, make_user, agencies[0])
    assert post_form(browser, NEW, {**JOB, "start_date": "1405/07/01"}).status_code == 302
    earlier = post_form(browser, NEW, {**JOB, "start_date": "1405/01/15",
                                       "end_date": "1405/04/01"})
    assert earlier.status_code == 302
    assert records() == 2


def test_racing_finished_jobs_for_the_same_days_leave_one(app: Flask, make_user) -> None:
    """The overlap rule of the database decides a race the check before it cannot see (on
    PostgreSQL a real one); the losers get the usual answer naming the holder."""
    from databank.organisations.services import get_or_create_agency

    officers = []
    for number in range(4):
        agency = get_or_create_agency(f"دستگاه همزمان {number}")
        db.session.commit()
        officers.append(officer_client(app, make_user, agency)[0])
    tokens = [csrf_token(browser, NEW) for browser in officers]
    db.session.commit()
    jobs = [("1405/03/01", "1405/05/01"), ("1405/04/01", "1405/06/01"),
            ("1405/02/01", "1405/03/15"), ("1405/04/20", "1405/04/25")]
    statuses = at_once([
        lambda browser=browser, token=token, dates=dates: browser.post(NEW, data={
            **JOB, "start_date": dates[0], "end_date": dates[1], "csrf_token": token}
        ).status_code for browser, token, dates in zip(officers, tokens, jobs, strict=True)])
    db.session.expire_all()
    held = list(db.session.scalars(select(MonitoringRecord)))
    assert statuses.count(302) == len(held) >= 1 and set(statuses) <= {302, 409}
    spans = sorted((record.start_date, record.end_date) for record in held)
    assert all(end <= start for (_, end), (start, _) in itertools.pairwise(spans))


def test_a_jobs_file_may_carry_an_end_and_name_a_person_again_for_another_job(
        officer, tmp_path: Path) -> None:
    headers = [*HEADERS, "تاریخ پایان"]
    path = write_sheet(tmp_path / "jobs.csv", [
        [*row, end] for row, end in zip(rows([
            job(1, start_date="1405/07/01"),
            job(1, start_date="1404/01/10"),  # her earlier job, ended
            job(2, start_date="1404/02/01"),
            job(3, start_date="1404/02/01"),
        ], HEADERS), ["", "1404/06/01", "1404/12/01", "1404/01/01"], strict=True)], headers)
    result = run(officer, path)
    assert result.registered == 3
    [refused] = result.refused
    assert refused.row == 5 and refused.problems[0][0] == "تاریخ پایان"
    assert "پس از تاریخ شروع" in refused.problems[0][1]
    spans = {(record.person.national_id, record.start_date, record.end_date)
             for record in db.session.scalars(select(MonitoringRecord))}
    first, second = job(1)["national_id"], job(2)["national_id"]
    assert spans == {(first, day("1405/07/01"), None),
                     (first, day("1404/01/10"), day("1404/06/01")),
                     (second, day("1404/02/01"), day("1404/12/01"))}


def test_an_end_ahead_leaves_her_free_at_once_for_a_job_from_that_day(
        app: Flask, make_user, agencies) -> None:
    """What the message after an end ahead says is so: another agency registers her now."""
    first, _ = officer_client(app, make_user, agencies[0])
    post_form(first, NEW, {**JOB, "start_date": "1405/07/01"})
    held = db.session.scalar(select(MonitoringRecord))
    ahead = today() + timedelta(days=12)
    typed = jdatetime.date.fromgregorian(date=ahead).strftime("%Y/%m/%d")
    page = post_form(first, "/monitoring/records", {"end_date": typed},
                     action=f"/monitoring/records/{held.id}/end",
                     follow_redirects=True).get_data(as_text=True)
    assert (f"از همین حالا هر دستگاهی می‌تواند اشتغال تازهٔ او را با تاریخ شروع "
            f"{format_date(ahead)} یا پس از آن ثبت کند") in page
    second, _ = officer_client(app, make_user, agencies[1])
    assert post_form(second, NEW, {**JOB, "start_date": typed}).status_code == 302
    assert records() == 2


def test_a_finished_job_reaching_into_an_ended_one_names_both_ways_out(
        app: Flask, make_user, agencies) -> None:
    """Stored 1405/01/01–1405/05/01; filed 1405/04/01–1405/06/01: it may end by the first day
    or start on the last, and the message says both."""
    first, _ = officer_client(app, make_user, agencies[1])
    assert post_form(first, NEW, {**JOB, "start_date": "1405/01/01",
                                  "end_date": "1405/05/01"}).status_code == 302
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, NEW, {**JOB, "start_date": "1405/04/01",
                                        "end_date": "1405/06/01"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "یا تا ۱۴۰۵/۰۱/۰۱ پایان یافته است یا از ۱۴۰۵/۰۵/۰۱ به بعد شروع شده است" in page
    assert "نمی‌تواند پیش از" not in page
    assert records() == 1
