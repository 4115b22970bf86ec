"""An insurance list's row is evidence of a job only for insurance that has begun and began
before the job ended: a start after today is a promise, one from the job's end on covers no
day of it; either leaves the record registered with its reason, naming the day (verification
is final, so a promise must not make it)."""

from __future__ import annotations

from datetime import date, timedelta

from databank.db import db
from databank.jalali import format_date, today
from databank.monitoring import verification
from databank.monitoring.models import RecordStatus
from tests.conftest import csrf_token
from tests.databank.monitoring import test_verification as lists
from tests.databank.monitoring.test_verification import (
    WORKSHOP,
    audit,
    jalali,
    reasons,
    status,
    upload,
    verify,
)

inspector, make_job, sheet = lists.inspector, lists.make_job, lists.sheet  # its fixtures


def day(offset: int) -> date:
    return today() + timedelta(days=offset)


def row(national_id: str, start: date) -> list[str]:
    return [national_id, WORKSHOP, "فولاد مرکزی", jalali(start)]


def test_insurance_starting_after_today_does_not_verify_a_started_job(
        inspector, make_job, sheet) -> None:
    """As QA found it: a job started a few days ago, insured from a day some weeks ahead (in
    the window after the start, which allows a list filed late)."""
    record = make_job(start=day(-5))
    result = verify(inspector, sheet([row(record.person.national_id, day(50))]))
    assert status(record) is RecordStatus.REGISTERED and result.verified == []
    assert reasons(result) == {record.id: verification.NOT_YET_INSURED.format(
        insured=format_date(day(50)), today=format_date(today()))}
    assert format_date(day(50)) in reasons(result)[record.id]
    assert result.unmatched == []  # the row is explained beside its record
    assert audit("verify_job") == []
    assert audit("verify_insured")[0].details["still_registered"] == 1


def test_insurance_starting_today_verifies(inspector, make_job, sheet) -> None:
    record = make_job(start=day(-5))
    verify(inspector, sheet([row(record.person.national_id, day(0))]))
    assert status(record) is RecordStatus.VERIFIED


def test_a_row_that_has_begun_verifies_though_another_is_ahead(inspector, make_job,
                                                               sheet) -> None:
    record = make_job(start=day(-20))
    national_id = record.person.national_id
    verify(inspector, sheet([row(national_id, day(-19)), row(national_id, day(10))]))
    assert status(record) is RecordStatus.VERIFIED
    [entry] = audit("verify_job")
    assert entry.details["row"] == 2 and entry.details["insured_from"] == day(-19).isoformat()


def test_the_future_row_is_skipped_for_one_that_has_begun_even_when_nearer_the_start(
        inspector, make_job, sheet) -> None:
    record = make_job(start=day(-3))
    national_id = record.person.national_id
    verify(inspector, sheet([row(national_id, day(1)), row(national_id, day(-40))]))
    assert status(record) is RecordStatus.VERIFIED
    assert audit("verify_job")[0].details["row"] == 3


def test_insurance_starting_after_the_job_ended_does_not_verify_it(inspector, make_job,
                                                                   sheet) -> None:
    record = make_job(start=day(-100))
    record.end_date = day(-80)
    db.session.commit()
    result = verify(inspector, sheet([row(record.person.national_id, day(-70))]))
    assert status(record) is RecordStatus.REGISTERED and result.verified == []
    assert reasons(result) == {record.id: verification.INSURED_AFTER_END.format(
        insured=format_date(day(-70)), end=format_date(day(-80)))}
    assert result.unmatched == []


def test_insurance_from_the_day_the_job_ends_is_not_evidence_but_from_before_it_is(
        inspector, make_job, sheet) -> None:
    """`end_date` is the first day she is free: insurance from that day covers no day of
    the job; from the day before, it covers its last."""
    on_the_end, before_it = make_job(start=day(-100)), make_job(start=day(-100))
    on_the_end.end_date = before_it.end_date = day(-80)
    db.session.commit()
    result = verify(inspector, sheet([row(on_the_end.person.national_id, day(-80)),
                                      row(before_it.person.national_id, day(-81))]))
    assert status(on_the_end) is RecordStatus.REGISTERED
    assert "نه پیش از پایان اشتغال" in reasons(result)[on_the_end.id]
    assert status(before_it) is RecordStatus.VERIFIED


def test_an_end_ahead_and_insurance_after_it_is_said_to_be_after_the_end(
        inspector, make_job, sheet) -> None:
    """Insurance after an end announced ahead will never prove the job: that is the reason,
    rather than a wait for the day."""
    record = make_job(start=day(-30))
    record.end_date = day(5)
    db.session.commit()
    result = verify(inspector, sheet([row(record.person.national_id, day(10))]))
    assert status(record) is RecordStatus.REGISTERED
    assert reasons(result)[record.id].startswith(
        f"بیمه در این کارگاه از {format_date(day(10))} است، نه پیش از پایان اشتغال "
        f"({format_date(day(5))})")


def test_the_page_lists_a_job_insured_from_a_day_ahead_as_pending_with_the_day(
        client, login, inspector, make_job, sheet) -> None:
    record = make_job(start=day(-5))
    login(inspector)
    response = upload(client, sheet([row(record.person.national_id, day(50))]),
                      csrf_token(client, lists.PAGE))
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert 'data-testid="verified">۰<' in page and 'data-testid="pending">۱<' in page
    pending = page[page.index('data-testid="pending-records"'):]
    assert f"بیمه در این کارگاه از {format_date(day(50))} است که هنوز نرسیده است" in pending
    assert "پس از امروز" in page  # the page's note says the rule
    assert status(record) is RecordStatus.REGISTERED
