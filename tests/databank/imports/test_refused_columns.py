"""Refused rows name their column in Persian: the page of the graduates and vacancies import,
its error file and the jobs import show the column's label, with the sender's English header
beside it so she still finds the column in her file (the jobs import: monitoring's
test_job_import_columns)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.imports.columns import VACANCY_COLUMNS
from tests.conftest import post_form
from tests.databank.imports.conftest import (
    VACANCY_HEADERS,
    as_rows,
    read_csv,
    vacancy,
    write_csv,
)

DEADLINE = next(column for column in VACANCY_COLUMNS if column.name == "deadline")


@pytest.mark.parametrize("header, title", [
    ("deadline", "مهلت (deadline)"),
    (" Deadline ", "مهلت (Deadline)"),
    ("مهلت", "مهلت"),
    ("مهلت ثبت‌نام", "مهلت ثبت‌نام"),  # a Persian alias: as the sender wrote it
    ("", "مهلت"),
])
def test_a_column_is_titled_in_persian_and_as_the_sender_named_it(header: str,
                                                                  title: str) -> None:
    assert DEADLINE.title(header) == title


def refused_columns(page: str) -> list[str]:
    table = page.split('data-testid="refused-rows"')[1].split("</table>")[0]
    return re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td>", table)


def test_the_import_page_and_its_error_file_name_the_column_in_persian(
        client: FlaskClient, make_user, login, tmp_path: Path) -> None:
    login(make_user(Role.PLACEMENT_OFFICER))
    path = write_csv(tmp_path / "estate.csv", VACANCY_HEADERS,
                     as_rows(VACANCY_HEADERS, [vacancy("A-1", deadline="1403/13/01")]))
    response = post_form(client, "/imports/", {
        "kind": "vacancies", "file": (io.BytesIO(path.read_bytes()), path.name)})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert refused_columns(page) == ["مهلت (deadline)"]

    link = page.split('data-testid="error-file" href="')[1].split('"')[0]
    (tmp_path / "errors.csv").write_bytes(client.get(link).data)
    reason = read_csv(tmp_path / "errors.csv")[1][-1]
    assert reason.startswith("ردیف ۲ — مهلت (deadline): ")
