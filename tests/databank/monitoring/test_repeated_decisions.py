"""A verification, a rejection or an end posted again once it holds (the back button, a second
tab) was done: the page says so as information, never as a failure, and nothing is written or
audited twice. A different decision on a decided record, or another end day, is still refused."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.audit.models import AuditEntry
from databank.db import db
from databank.jalali import format_date
from databank.monitoring.models import RecordStatus
from tests.databank.monitoring.test_bulk_verify import ACTION, THIRD, tick
from tests.databank.monitoring.test_end_ahead_truthful import day, end_again
from tests.databank.monitoring.test_job_dates import days, register_and_end
from tests.databank.monitoring.test_record_decisions import (
    checker,
    decide,
    decisions,
    officer,
    register,
)

__all__ = ["ACTION", "checker", "officer"]  # the fixtures
NAME = "زهرا کریمی"


def alerts(page: str, kind: str) -> list[str]:
    return re.findall(rf'<div class="alert alert-{kind}" role="alert">(.*?)</div>', page, re.S)


def audited(action: str) -> int:
    return db.session.scalar(select(func.count(AuditEntry.id))
                             .where(AuditEntry.action == action))


def test_verifying_a_verified_job_again_says_it_was_verified_and_writes_nothing(
        officer: FlaskClient, checker: FlaskClient) -> None:
    record = register(officer, days(-3))
    decide(checker, record, verified="1")
    first = record.verified_at
    page = decide(checker, record, verified="1")
    assert alerts(page, "info") == [f"اشتغال «{NAME}» پیش‌تر تأیید شده بود؛ چیزی تغییر نکرد."]
    assert alerts(page, "danger") == [] and "انجام نشد" not in page
    assert record.status is RecordStatus.VERIFIED and record.verified_at == first
    assert decisions() == 1


def test_rejecting_a_rejected_job_again_keeps_the_first_reason_and_says_which(
        officer: FlaskClient, checker: FlaskClient) -> None:
    record = register(officer, days(-3))
    decide(checker, record, verified="0", reason="در فهرست بیمه نیست")
    page = decide(checker, record, verified="0", reason="کارفرما او را نمی‌شناسد")
    assert alerts(page, "info") == [f"اشتغال «{NAME}» پیش‌تر رد شده بود (دلیل: «در فهرست بیمه "
                                    "نیست»)؛ چیزی تغییر نکرد."]
    assert alerts(page, "danger") == []
    assert record.status is RecordStatus.REJECTED
    assert record.rejection_reason == "در فهرست بیمه نیست"
    assert decisions() == 1 and audited("hire_rejected") == 0


@pytest.mark.parametrize(("first", "second", "reason"), [("1", "0", "بازبینی"),
                                                         ("0", "1", "")])
def test_the_other_decision_on_a_decided_job_is_still_refused(
        officer: FlaskClient, checker: FlaskClient, first: str, second: str,
        reason: str) -> None:
    record = register(officer, days(-3))
    decide(checker, record, verified=first, reason="در محل کار نبود")
    page = decide(checker, record, verified=second, reason=reason)
    assert "انجام نشد: وضعیت این اشتغال" in page and alerts(page, "info") == []
    assert decisions() == 1


@pytest.mark.parametrize("offset", [-5, 10])
def test_ending_a_job_again_on_the_same_day_says_it_was_recorded_and_writes_nothing(
        officer: FlaskClient, offset: int) -> None:
    record, _ = register_and_end(officer, days(offset))
    page = end_again(officer, record, days(offset))
    assert alerts(page, "info") == [
        f"پایان اشتغال «{NAME}» پیش‌تر با همین تاریخ ({format_date(day(offset))}) ثبت شده "
        "بود؛ چیزی تغییر نکرد."]
    assert alerts(page, "danger") == [] and "ثبت نشد" not in page
    assert record.end_date == day(offset) and audited("end_job") == 1


def test_ending_a_job_again_on_another_day_is_still_refused(officer: FlaskClient) -> None:
    record, _ = register_and_end(officer, days(-5))
    page = end_again(officer, record, days(-2))
    assert f"پایان اشتغال «{NAME}» ثبت نشد: این اشتغال پیش‌تر پایان یافته است" in page
    assert alerts(page, "info") == [] and record.end_date == day(-5)
    assert audited("end_job") == 1


def test_ticking_again_a_job_verified_already_says_so_beside_those_verified_now(
        officer: FlaskClient, checker: FlaskClient) -> None:
    done, ready = register(officer, days(-4)), register(officer, days(-2), THIRD)
    tick(checker, done)
    page = tick(checker, done, ready)
    assert alerts(page, "success") == ["۱ اشتغال تأیید شد: سارا نوری."]
    assert alerts(page, "info") == [f"اشتغال «{NAME}» پیش‌تر تأیید شده بود؛ چیزی تغییر نکرد."]
    assert alerts(page, "danger") == []
    assert (done.status, ready.status) == (RecordStatus.VERIFIED, RecordStatus.VERIFIED)
    assert decisions() == 2
