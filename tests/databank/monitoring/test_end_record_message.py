"""The message after an agency officer ends a job names the person and tells the truth about
when she may be registered again: from the end day when it has come, and not before an end
announced for a later day (until then she is held, and another agency would be refused)."""

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


def test_an_end_ahead_says_the_day_and_that_no_other_agency_can_register_her_until_then(
        officer: FlaskClient) -> None:
    record, page = register_and_end(officer, days(10))
    day = format_date(today() + timedelta(days=10))
    assert record.end_date == today() + timedelta(days=10)
    assert (f"پایان اشتغال «{NAME}» ثبت شد؛ اشتغال او در {day} پایان می‌یابد و تا آن روز "
            "دستگاه دیگری نمی‌تواند او را ثبت کند.") in page
    assert "دوباره ثبت" not in page and "قابل ثبت است" not in page
    assert day[0] in "۰۱۲۳۴۵۶۷۸۹"  # Solar Hijri in Persian digits


def test_a_refused_end_names_the_person_and_says_nothing_of_a_success(
        officer: FlaskClient) -> None:
    _, page = register_and_end(officer, days(31))
    assert f"پایان اشتغال «{NAME}» ثبت نشد: " in page
    assert "ثبت شد؛" not in page
