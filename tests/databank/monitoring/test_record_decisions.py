"""An inspector's decision on a job: never a verification before the job's first day (on the
list, one by one, or in bulk from an insurance list), a rejection's reason of a bounded length,
and the list's final buttons ask before they act."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.audit.models import AuditEntry
from databank.db import db
from databank.jalali import format_date, today
from databank.monitoring import verification
from databank.monitoring.models import MonitoringRecord, RecordStatus
from tests.conftest import post_form
from tests.databank.monitoring.test_job_dates import JOB, days, officer_client
from tests.databank.monitoring.test_verification import (
    inspector,
    insured,
    make_job,
    sheet,
    verify,
)

__all__ = ["inspector", "make_job", "sheet"]  # the fixtures
LIST = "/monitoring/records?status=registered"
SECOND = {**JOB, "national_id": "0499370899", "mobile": "09121234568", "first_name": "مریم",
          "last_name": "رضایی"}


@pytest.fixture
def officer(app: Flask, make_user) -> FlaskClient:
    return officer_client(app, make_user, "مدیریت جهاد کشاورزی")


@pytest.fixture
def checker(app: Flask, make_user, login, client: FlaskClient) -> FlaskClient:
    login(make_user(Role.INSPECTOR))
    return client


def register(officer: FlaskClient, start: str, job: dict[str, str] = JOB) -> MonitoringRecord:
    response = post_form(officer, "/monitoring/records/new", {**job, "start_date": start})
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalar(select(MonitoringRecord).order_by(MonitoringRecord.id.desc()))


def decide(browser: FlaskClient, record: MonitoringRecord, **form: str) -> str:
    response = post_form(browser, LIST, form, action=f"/monitoring/records/{record.id}/decide",
                         follow_redirects=True)
    db.session.refresh(record)
    return response.get_data(as_text=True)


def decisions() -> int:
    return db.session.scalar(select(func.count(AuditEntry.id)).where(
        AuditEntry.action.in_(("verify_job", "reject_job"))))


def test_a_job_that_has_not_started_is_not_verified_and_the_message_names_its_start(
        officer: FlaskClient, checker: FlaskClient) -> None:
    record = register(officer, days(27))
    page = decide(checker, record, verified="1")
    start = format_date(today() + timedelta(days=27))
    assert f"از {start} شروع می‌شود و پیش از شروع تأیید نمی‌شود" in page
    assert "تأیید شد" not in page
    assert record.status is RecordStatus.REGISTERED and record.verified_at is None
    assert decisions() == 0


def test_a_job_that_has_not_started_may_still_be_rejected(officer: FlaskClient,
                                                          checker: FlaskClient) -> None:
    record = register(officer, days(10))
    page = decide(checker, record, verified="0", reason="کارفرما چنین استخدامی را نمی‌شناسد")
    assert "رد شد" in page
    assert record.status is RecordStatus.REJECTED


@pytest.mark.parametrize("start", [0, -3])
def test_a_job_verifies_from_its_first_day(officer: FlaskClient, checker: FlaskClient,
                                           start: int) -> None:
    record = register(officer, days(start))
    assert "تأیید شد" in decide(checker, record, verified="1")
    assert record.status is RecordStatus.VERIFIED


def test_the_list_offers_no_verify_button_before_the_start_and_says_from_when(
        officer: FlaskClient, checker: FlaskClient) -> None:
    started = register(officer, days(-3))
    ahead = register(officer, days(12), SECOND)
    page = checker.get(LIST).get_data(as_text=True)
    rows = {row_id: row for row in re.findall(r'<tr data-testid="record">.*?</tr>', page, re.S)
            for row_id in (started.id, ahead.id) if f"/records/{row_id}/decide" in row}
    assert 'name="verified" value="1"' in rows[started.id]
    assert 'name="verified" value="1"' not in rows[ahead.id]
    start = format_date(today() + timedelta(days=12))
    assert f'data-testid="not-started">تأیید از {start}<' in rows[ahead.id]
    assert 'name="verified" value="0"' in rows[ahead.id]  # a rejection stays possible


def test_an_insurance_list_does_not_verify_a_job_that_has_not_started(inspector, make_job,
                                                                      sheet) -> None:
    ahead = make_job(start=today() + timedelta(days=5))
    result = verify(inspector, sheet([insured(ahead.person.national_id, days=0)]))
    db.session.refresh(ahead)
    assert ahead.status is RecordStatus.REGISTERED and result.verified == []
    assert {line.record_id: line.reason for line in result.pending} == {
        ahead.id: verification.NOT_STARTED.format(start=format_date(ahead.start_date))}
    assert result.unmatched == []  # the row is explained beside its record


# The reason of a rejection

def test_a_rejection_reason_longer_than_a_thousand_characters_is_refused_and_nothing_written(
        officer: FlaskClient, checker: FlaskClient) -> None:
    record = register(officer, days(-3))
    page = decide(checker, record, verified="0", reason="ن" * 20_000)
    assert "دلیل رد حداکثر ۱۰۰۰ نویسه می‌تواند باشد" in page
    assert "ن" * 1001 not in page
    assert record.status is RecordStatus.REGISTERED and record.rejection_reason is None
    assert decisions() == 0


def test_a_rejection_reason_of_a_thousand_characters_is_kept(officer: FlaskClient,
                                                             checker: FlaskClient) -> None:
    record = register(officer, days(-3))
    decide(checker, record, verified="0", reason="ن" * 1000)
    assert record.status is RecordStatus.REJECTED and record.rejection_reason == "ن" * 1000


@pytest.mark.parametrize("verified", ["", "yes", "2"])
def test_a_decision_that_is_neither_verify_nor_reject_is_refused(
        officer: FlaskClient, checker: FlaskClient, verified: str) -> None:
    record = register(officer, days(-3))
    page = decide(checker, record, verified=verified, reason="دلیل")
    assert "تأیید یا رد را انتخاب کنید" in page
    assert record.status is RecordStatus.REGISTERED and decisions() == 0


# The final buttons ask first (static/js/confirm.js reads data-confirm)

def test_verify_reject_and_end_buttons_ask_for_confirmation(app: Flask, make_user, login,
                                                            officer: FlaskClient,
                                                            client: FlaskClient) -> None:
    register(officer, days(-3))
    login(make_user(Role.ADMIN))
    page = client.get(LIST).get_data(as_text=True)
    for button in ("تأیید", "رد اشتغال", "ثبت پایان"):
        [tag] = re.findall(rf"<button[^>]*>{button}</button>", page)
        assert 'data-confirm="' in tag and "«زهرا کریمی»" in tag, tag


# One word for a job waiting for its check, wherever it is shown

def test_a_job_awaiting_its_check_reads_the_same_on_the_list_the_export_and_the_audit_log(
        app: Flask, make_user, login, officer: FlaskClient, client: FlaskClient) -> None:
    from tests.databank.monitoring.test_record_filters import exported

    record = register(officer, days(-3))
    awaiting = "در انتظار راستی‌آزمایی"
    assert RecordStatus.REGISTERED.label == awaiting
    login(make_user(Role.ADMIN))
    page = client.get("/monitoring/records").get_data(as_text=True)
    assert f'<td data-label="وضعیت">{awaiting}</td>' in page and "ثبت‌شده" not in page
    assert f">{awaiting}</a>" in page  # the status filter
    [header, row] = exported(client.get("/monitoring/records/export.xlsx"))
    assert row[header.index("وضعیت")] == awaiting
    decide(client, record, verified="1")
    audit = client.get("/admin/audit").get_data(as_text=True)
    assert f"<td>{awaiting}</td>" in audit
