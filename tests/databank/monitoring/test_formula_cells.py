"""The jobs import and the insurance list read an XLSX through the imports' reader: a formula
cell with no computed value (written by openpyxl, never saved by Excel) refuses its row naming
the column, as the graduates import does, and is never taken for a blank."""

from __future__ import annotations

from pathlib import Path

from databank.imports.cells import UNCOMPUTED
from databank.monitoring.models import RecordStatus
from tests.conftest import write_xlsx
from tests.databank.monitoring import test_job_import as jobs
from tests.databank.monitoring import test_verification as lists
from tests.databank.monitoring.test_job_import import HEADERS, job, records, rows, run
from tests.databank.monitoring.test_verification import (
    PERSIAN_HEADERS,
    WORKSHOP,
    insured,
    status,
    verify,
)

officer = jobs.officer
inspector, make_job = lists.inspector, lists.make_job


def test_a_job_row_with_an_uncomputed_formula_is_refused_naming_its_column(
        officer, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "jobs.xlsx", HEADERS, rows(
        [job(1), job(2, start_date='=TEXT(TODAY(),"yyyy/mm/dd")'), job(3, mobile="=E2")],
        HEADERS))
    result = run(officer, path)
    assert result.registered == 1 and len(records()) == 1
    assert [row.reason for row in result.refused] == [
        f"ردیف ۳ — تاریخ شروع (start_date): {UNCOMPUTED}",  # not «required» as well
        f"ردیف ۴ — تلفن همراه (mobile): {UNCOMPUTED}"]


def test_an_insurance_row_with_an_uncomputed_formula_is_refused_naming_its_column(
        inspector, make_job, tmp_path: Path) -> None:
    record, other = make_job(), make_job()
    path = write_xlsx(tmp_path / "bime.xlsx", PERSIAN_HEADERS, [
        insured(record.person.national_id),
        [other.person.national_id, f'=TEXT({WORKSHOP},"0")', "فولاد", "1403/05/01"]])
    result = verify(inspector, path)
    assert status(record) is RecordStatus.VERIFIED
    assert status(other) is RecordStatus.REGISTERED
    [refused] = result.refused
    assert (refused.row, refused.problems) == (3, (("کد کارگاه", UNCOMPUTED),))
