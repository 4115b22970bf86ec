"""The jobs import reports its refused rows in file order, in the result and in the error
file, whether the schema refused a row or register_job did (another agency holding her)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from databank.jalali import persian_digits as fa
from databank.monitoring import job_import
from tests.databank.imports.conftest import read_csv
from tests.databank.monitoring import test_job_import as jobs
from tests.databank.monitoring.test_job_import import hold, job

officer, sheet = jobs.officer, jobs.sheet  # the job import's fixtures

ORDER = [3, 4, 5, 6, 7]


@pytest.mark.parametrize("batch_size", [500, 2])
def test_refused_jobs_come_in_row_order_in_the_result_and_the_error_file(
        officer, sheet, tmp_path: Path, batch_size: int) -> None:
    for number in (2, 4, 6):  # held by another agency: refused by register_job
        hold(number, date(2024, 3, 25))
    path = sheet([job(1), job(2), job(3, gender="؟"), job(4), job(5, start_date="1403/13/01"),
                  job(6)])
    source = job_import.prepare_jobs(path)
    result = job_import.import_jobs(officer, source, batch_size=batch_size)
    assert result.registered == 1
    assert [row.row for row in result.refused] == ORDER
    errors = tmp_path / "errors.csv"
    job_import.write_error_file(source, result, errors)
    assert [line[-1].split(" — ")[0] for line in read_csv(errors)[1:]] == [
        f"ردیف {fa(n)}" for n in ORDER]
