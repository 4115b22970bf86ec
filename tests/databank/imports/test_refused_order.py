"""An import's refused rows are reported in file order, on the page and in the error file,
whichever step refused each: loading (the schema) or saving (the bank's rules, the database),
across batches too."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.imports import services
from databank.jalali import persian_digits as fa
from tests.conftest import post_form
from tests.databank.imports.conftest import (
    GRADUATE_HEADERS,
    VACANCY_HEADERS,
    as_rows,
    database_refuses,
    graduate,
    read_csv,
    vacancy,
)

# Spreadsheet rows 3, 5 and 7 are refused when saved, 4 and 6 when loaded.
GRADUATES = [graduate(1), graduate(2, city="ساوه"), graduate(3, gender="؟"),
             graduate(4, city="ساوه"), graduate(5, birth_year="سال"), graduate(6, city="ساوه")]
VACANCIES = [vacancy("1"), vacancy("2", industrial_estate="شهرک ناشناخته"),
             vacancy("3", positions="چند"), vacancy("4", industrial_estate="شهرک ناشناخته"),
             vacancy("5", positions="-1"), vacancy("6", industrial_estate="شهرک ناشناخته")]
ORDER = [3, 4, 5, 6, 7]


def run(path: Path, kind: str, tmp_path: Path, batch_size: int
        ) -> tuple[services.ImportResult, list[list[str]]]:
    source = services.prepare(kind, path)
    result = services.run_import(source, batch_size=batch_size)
    errors = tmp_path / "errors.csv"
    services.write_error_file(source, result, errors)
    return result, read_csv(errors)


@pytest.mark.parametrize("batch_size", [500, 2])
def test_refused_graduates_come_in_row_order_in_the_result_and_the_error_file(
        sheet, tmp_path: Path, batch_size: int) -> None:
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, GRADUATES))
    with database_refuses("persons", "city", "ساوه"):
        result, errors = run(path, "graduates", tmp_path, batch_size)
    assert result.created == 1
    assert [row.row for row in result.refused] == ORDER
    assert [line[-1].split(" — ")[0] for line in errors[1:]] == [f"ردیف {fa(n)}" for n in ORDER]


@pytest.mark.parametrize("batch_size", [500, 2])
def test_refused_vacancies_come_in_row_order_in_the_result_and_the_error_file(
        sheet, tmp_path: Path, batch_size: int) -> None:
    path = sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, VACANCIES))
    result, errors = run(path, "vacancies", tmp_path, batch_size)
    assert result.created == 1
    assert [row.row for row in result.refused] == ORDER
    assert [line[0] for line in errors[1:]] == ["2", "3", "4", "5", "6"]  # the refs, in order


def test_the_import_page_lists_refused_rows_in_row_order(
        client: FlaskClient, make_user: Any, login: Any, sheet) -> None:
    login(make_user(Role.PLACEMENT_OFFICER))
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, GRADUATES))
    with database_refuses("persons", "city", "ساوه"):
        response = post_form(client, "/imports/", {
            "kind": "graduates", "file": (io.BytesIO(path.read_bytes()), path.name)})
    page = response.get_data(as_text=True)
    table = page.split('data-testid="refused-rows"')[1].split("</table>")[0]
    cells = [row.split("<td>")[1].split("</td>")[0] for row in table.split("<tr>")[2:]]
    assert cells == [fa(n) for n in ORDER]
