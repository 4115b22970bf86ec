"""The message after an agency officer ends a job names the person and tells the truth about
when she may be registered again: from the end day when it has come; for an end announced
for a later day, a job starting on that day or later may be registered at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from databank.jalali import format_date, today
from tests.databank.monitoring.test_job_dates import days, officer, register_and_end

__all__ = ["officer"]  # the fixture
NAME = "زهرا کریمی"


@pytest.mark.parametrize("offset", [-5, 0])
def test_an_end_that_has_come_says_she_can_be_registered_again_from_that_day(
        officer: FlaskClient, offset: int) -> None:
    _, page = register_and_end(officer, days(offset))
    day = format_date(today() + timedelta(days=offset))
    assert f"پایان اشتغال «{NAME}» ثبت شد؛ از {day} می‌توان او را دوباره ثبت کرد." in page
    assert "پایان می‌یابد" not in page


def test_an_end_ahead_says_the_day_and_that_a_job_from_that_day_can_be_registered_now(
        officer: FlaskClient) -> None:
    """Another agency need not wait for the day: a job starting on it or later is accepted
    at once (test_end_message_truthful registers one)."""
    record, page = register_and_end(officer, days(10))
    day = format_date(today() + timedelta(days=10))
    assert record.end_date == today() + timedelta(days=10)
    assert (f"پایان اشتغال «{NAME}» ثبت شد؛ اشتغال او در {day} پایان می‌یابد. از همین حالا "
            f"هر دستگاهی می‌تواند اشتغال تازهٔ او را با تاریخ شروع {day} یا پس از آن ثبت "
            "کند.") in page
    assert "تا آن روز" not in page
    assert "دوباره ثبت" not in page and "قابل ثبت است" not in page
    assert day[0] in "۰۱۲۳۴۵۶۷۸۹"  # Solar Hijri in Persian digits


def test_a_refused_end_names_the_person_and_says_nothing_of_a_success(
        officer: FlaskClient) -> None:
    _, page = register_and_end(officer, days(31))
    assert f"پایان اشتغال «{NAME}» ثبت نشد: " in page
    assert "ثبت شد؛" not in page
