"""An inspector ticks the records she checked on the list and verifies them together: each by
the rule of a single verification, audited one by one; one that may not be verified is named
with its reason while the others are verified; nobody else may do it."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.audit.models import AuditEntry
from databank.db import db
from databank.monitoring.models import MonitoringRecord, RecordStatus
from tests.conftest import post_form
from tests.databank.monitoring.test_job_dates import JOB, days
from tests.databank.monitoring.test_record_decisions import SECOND, checker, officer, register

LIST = "/monitoring/records?status=registered"
ACTION = "/monitoring/records/verify?status=registered"
THIRD = {**JOB, "national_id": "0067749828", "mobile": "09121234569", "first_name": "سارا",
         "last_name": "نوری"}

__all__ = ["checker", "officer"]  # the fixtures


def tick(browser: FlaskClient, *records: MonitoringRecord) -> str:
    response = post_form(browser, LIST, {"record_id": [str(r.id) for r in records]},
                         action=ACTION, follow_redirects=True)
    assert response.status_code == 200
    for record in records:
        db.session.refresh(record)
    return response.get_data(as_text=True)


def test_ticked_records_are_verified_together_and_each_is_audited(
        officer: FlaskClient, checker: FlaskClient) -> None:
    first, second = register(officer, days(-3)), register(officer, days(-1), SECOND)
    page = checker.get(LIST).get_data(as_text=True)
    assert 'data-testid="bulk-verify"' in page
    assert page.count('name="record_id"') == 2 and 'data-select-all="record_id"' in page
    page = tick(checker, first, second)
    assert "۲ اشتغال تأیید شد" in page and "زهرا کریمی" in page and "مریم رضایی" in page
    assert (first.status, second.status) == (RecordStatus.VERIFIED, RecordStatus.VERIFIED)
    audited = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "verify_job")).all()
    assert sorted(entry.entity_id for entry in audited) == sorted((first.id, second.id))
    assert {entry.details["source"] for entry in audited} == {"list_selection"}


def test_a_record_that_may_not_be_verified_is_named_and_the_others_are_verified(
        officer: FlaskClient, checker: FlaskClient) -> None:
    ready, ahead = register(officer, days(-2)), register(officer, days(12), SECOND)
    decided = register(officer, days(-5), THIRD)
    tick(checker, decided)
    page = tick(checker, ready, ahead, decided)
    assert "۱ اشتغال تأیید شد: زهرا کریمی" in page
    assert "اشتغال «مریم رضایی» تأیید نشد" in page and "پیش از شروع تأیید نمی‌شود" in page
    assert "اشتغال «سارا نوری» پیش‌تر تأیید شده بود؛ چیزی تغییر نکرد." in page  # done before
    assert "اشتغال «سارا نوری» تأیید نشد" not in page
    assert (ready.status, ahead.status) == (RecordStatus.VERIFIED, RecordStatus.REGISTERED)


def test_a_job_that_has_not_started_gets_no_box(officer: FlaskClient,
                                                checker: FlaskClient) -> None:
    register(officer, days(-1))
    register(officer, days(9), SECOND)
    page = checker.get(LIST).get_data(as_text=True)
    assert page.count('name="record_id"') == 1


def test_nothing_ticked_is_said_and_changes_nothing(officer: FlaskClient,
                                                    checker: FlaskClient) -> None:
    record = register(officer, days(-1))
    response = post_form(checker, LIST, {}, action=ACTION, follow_redirects=True)
    assert "سابقه‌ای برای تأیید انتخاب نشده است" in response.get_data(as_text=True)
    db.session.refresh(record)
    assert record.status is RecordStatus.REGISTERED


def test_a_record_of_no_one_visible_is_not_found_and_not_named(
        officer: FlaskClient, checker: FlaskClient) -> None:
    record = register(officer, days(-1))
    page = tick(checker, record)
    response = post_form(checker, LIST, {"record_id": ["999999", str(record.id)]},
                         action=ACTION, follow_redirects=True)
    assert "یکی از سوابق انتخاب‌شده تأیید نشد: این سابقه پیدا نشد." in response.get_data(
        as_text=True)
    assert "۱ اشتغال تأیید شد" in page


def test_agency_officers_and_offices_cannot_verify_in_bulk(app: Flask, officer: FlaskClient,
                                                           make_user, login,
                                                           client: FlaskClient) -> None:
    record = register(officer, days(-1))
    assert 'data-testid="bulk-verify"' not in officer.get(LIST).get_data(as_text=True)
    answer = post_form(officer, LIST, {"record_id": [str(record.id)]}, action=ACTION)
    assert answer.status_code == 403
    login(make_user(Role.PLACEMENT_OFFICER))
    assert post_form(client, "/", {"record_id": [str(record.id)]},
                     action=ACTION).status_code == 403
    db.session.refresh(record)
    assert record.status is RecordStatus.REGISTERED


def test_a_forged_selection_is_said_in_plain_persian(officer: FlaskClient,
                                                     checker: FlaskClient) -> None:
    register(officer, days(-1))
    response = post_form(checker, LIST, {"record_id": ["abc", "99999999999999999999"]},
                         action=ACTION, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "یک عدد وارد کنید." in page and "{" not in page.split("<main")[1].split("</main>")[0]
