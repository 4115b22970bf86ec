"""The insurance list's error file names its reasons' column in Persian, as the jobs' error file
does («دلیل رد»); the page says so in Persian; a file sent back under either that header or the
English one of older error files has its reasons set aside, not read as an unknown column."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from databank.monitoring import verification
from databank.monitoring.models import RecordStatus
from tests.databank.imports.conftest import read_csv
from tests.databank.monitoring import test_verification as lists
from tests.databank.monitoring.test_verification import HEADERS, insured, status
from tests.databank.monitoring.test_verification_errors import STRANGER, error_link, upload

inspector, make_job, sheet = lists.inspector, lists.make_job, lists.sheet  # its fixtures


def test_the_error_file_and_the_page_name_the_reason_column_in_persian(
        client: FlaskClient, login, inspector, sheet, tmp_path: Path) -> None:
    login(inspector)
    page = upload(client, sheet([insured(STRANGER)]))
    assert "با ستون «دلیل رد»" in page and "ستون «دلیل رد» نادیده گرفته می‌شود" in page
    assert "reason" not in page.split('data-testid="error-file"')[0].split("<main")[-1]
    errors = tmp_path / "errors.csv"
    errors.write_bytes(client.get(error_link(page)).data)
    assert read_csv(errors)[0] == [*HEADERS, "دلیل رد"]


@pytest.mark.parametrize("header", ["دلیل رد", "reason"])
def test_an_error_file_sent_back_has_its_reasons_set_aside_under_either_header(
        client: FlaskClient, login, inspector, make_job, sheet, header: str) -> None:
    record = make_job()
    login(inspector)
    fixed = [*insured(record.person.national_id), f"ردیف ۲ — {verification.NO_RECORD}"]
    page = upload(client, sheet([fixed], headers=[*HEADERS, header]))
    assert "ستون‌های نادیده‌گرفته" not in page
    assert 'data-testid="verified">۱<' in page and status(record) is RecordStatus.VERIFIED
