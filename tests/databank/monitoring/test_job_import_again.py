"""A jobs file sent a second time: its rows that are the very jobs this agency holds are counted
unchanged (as the graduates import counts them), not refused, and never go to the error file;
a row for the same person and agency that differs is refused, saying what differs."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from databank.audit.models import AuditEntry
from databank.db import db
from tests.conftest import csrf_token
from tests.databank.monitoring.test_job_import import (
    HEADERS,
    PAGE,
    job,
    officer,
    records,
    rows,
    run,
    sheet,
    upload,
)
from tests.databank.monitoring.test_verification import write_sheet

__all__ = ["officer", "sheet"]  # the fixtures


def test_the_same_file_sent_again_is_counted_unchanged_with_no_error_file(
        client, login, officer, sheet) -> None:
    login(officer)
    path = sheet([job(1), job(2, unit_name="", workshop_code=""), job(3, mobile="")])
    first = upload(client, path, csrf_token(client, PAGE)).get_data(as_text=True)
    assert 'data-testid="registered">۳<' in first and 'data-testid="unchanged"' not in first
    again = upload(client, path, csrf_token(client, PAGE)).get_data(as_text=True)
    assert 'data-testid="registered">۰<' in again
    assert 'data-testid="unchanged">۳<' in again and "بی‌تغییر" in again
    assert 'data-testid="refused">۰<' in again and 'data-testid="error-file"' not in again
    assert "ثبت دوباره لازم نیست" not in again
    assert len(records()) == 3
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "import_jobs")
                               .order_by(AuditEntry.id.desc())).first()
    assert entry.details == {"file": "jobs.csv", "rows": 3, "registered": 0, "refused": 0,
                             "unchanged": 3}


def test_a_row_without_a_unit_or_end_matches_the_job_held_with_them(officer, sheet) -> None:
    """The unit is compared when the row names one; a row without the end column (an old
    file) is the job whose end the officer has since recorded."""
    run(officer, sheet([job(1)]))
    [record] = records()
    record.end_date = record.start_date.replace(year=record.start_date.year + 1)
    db.session.commit()
    result = run(officer, sheet([job(1, unit_name="", workshop_code="")], name="again.csv"))
    assert (result.registered, result.unchanged, result.refused) == (0, 1, [])


def test_a_row_for_the_same_person_and_agency_with_another_start_is_refused_saying_so(
        officer, sheet) -> None:
    run(officer, sheet([job(1)]))
    result = run(officer, sheet([job(1, start_date="1403/07/01")], name="again.csv"))
    assert (result.registered, result.unchanged) == (0, 0)
    [refused] = result.refused
    message = refused.problems[0][1]
    assert "با همین دستگاه («کمیته امداد امام خمینی») ثبت اشتغال فعال دارد، نه از " \
        "۱۴۰۳/۰۷/۰۱" in message
    assert "از ۱۴۰۳/۰۶/۱۵" in message and "ثبت دوباره لازم نیست" not in message
    assert len(records()) == 1


def test_a_row_naming_another_unit_is_refused_naming_the_unit_held(officer, sheet) -> None:
    run(officer, sheet([job(1)]))
    result = run(officer, sheet([job(1, unit_name="کارخانه دیگر", workshop_code="")],
                                name="again.csv"))
    assert result.unchanged == 0
    [refused] = result.refused
    assert refused.problems[0][0] == "نام واحد (unit_name)"
    assert "در «کارگاه فرش دستباف»" in refused.problems[0][1]


def test_a_row_giving_an_end_the_held_job_lacks_is_sent_to_the_end_button(
        officer, sheet, tmp_path: Path) -> None:
    run(officer, sheet([job(1)]))
    headers = [*HEADERS, "end_date"]
    path = write_sheet(tmp_path / "ended.csv", [[*rows([job(1)], HEADERS)[0], "1403/09/01"]],
                       headers)
    result = run(officer, path)
    assert result.unchanged == 0
    [refused] = result.refused
    assert refused.problems[0][0] == "تاریخ پایان (end_date)"
    assert "«پایان اشتغال»" in refused.problems[0][1]
    [record] = records()
    assert record.end_date is None


def test_the_command_counts_a_file_sent_again_as_unchanged(runner, officer, sheet) -> None:
    path = sheet([job(1), job(2)])
    assert runner.invoke(args=["import", "jobs", str(path), "--as", "officer"]).exit_code == 0
    again = runner.invoke(args=["import", "jobs", str(path), "--as", "officer"])
    assert again.exit_code == 0, again.output  # nothing refused
    assert "ثبت‌شده: ۰" in again.output and "ردشده: ۰" in again.output
    assert "بی‌تغییر (همان اشتغالِ ثبت‌شدهٔ این دستگاه؛ نوشته نشد): ۲" in again.output
    assert len(records()) == 2
