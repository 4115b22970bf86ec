"""Builders for the spreadsheets a university or an estate sends: CSV (with or without a BOM)
and XLSX made with openpyxl at run time, and a row of a valid graduate or vacancy."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from databank.imports.columns import GRADUATE_COLUMNS, VACANCY_COLUMNS
from tests.conftest import database_refuses as refusing
from tests.conftest import name_of, valid_national_id, write_xlsx

GRADUATE_HEADERS = [column.name for column in GRADUATE_COLUMNS]
# the columns an export writes, by their English names: a column that only instructs an
# import (new_unit) is not among them
VACANCY_HEADERS = [column.name for column in VACANCY_COLUMNS if column.exported]
# the headers an export writes: the Persian labels of the same columns
PERSIAN_GRADUATE_HEADERS = [column.label for column in GRADUATE_COLUMNS]
PERSIAN_VACANCY_HEADERS = [column.label for column in VACANCY_COLUMNS if column.exported]
# the column an error file adds
REASON = "دلیل رد"

Rows = Sequence[Sequence[Any]]


def graduate(number: int, **values: Any) -> dict[str, Any]:
    """A valid graduate row; `number` makes the national ID (with leading zeros) and name."""
    row = {
        "national_id": valid_national_id(number), "first_name": "زهرا",
        "last_name": f"کریمی {name_of(number)}", "gender": "زن", "birth_year": "1375",
        "mobile": "09121234567", "city": "اراک", "university": "دانشگاه اراک",
        "degree": "کارشناسی", "field_of_study": "مهندسی کامپیوتر", "graduation_year": "1400",
        "skills": "پایتون، اکسل", "desired_job": "برنامه‌نویس", "head_of_household": "خیر",
        "consent": "",
    }
    row.update(values)
    return row


def vacancy(ref: str, **values: Any) -> dict[str, Any]:
    row = {
        "ref": ref, "unit_name": "فولاد مرکزی", "industrial_estate": "",
        "city": "اراک", "title": "کارشناس کنترل کیفیت", "sector": "صنعت", "positions": "2",
        "min_degree": "کارشناسی", "fields_of_study": "مهندسی مواد، مهندسی مکانیک",
        "skills": "اکسل", "gender": "فرقی ندارد", "description": "", "deadline": "",
    }
    row.update(values)
    return row


def as_rows(headers: Sequence[str], records: Sequence[dict[str, Any]]) -> list[list[Any]]:
    return [[record.get(name, "") for name in headers] for record in records]


def write_csv(path: Path, headers: Sequence[str], rows: Rows, *, bom: bool = True,
              delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


@pytest.fixture
def sheet(app: Any, tmp_path: Path) -> Callable[..., Path]:
    """Builder: sheet(headers, rows, name='file.csv'|'file.xlsx', bom=True) -> path (with the
    app and its fresh database ready)."""

    def build(headers: Sequence[str], rows: Rows, name: str = "file.csv", **options: Any
              ) -> Path:
        path = tmp_path / name
        if path.suffix == ".xlsx":
            return write_xlsx(path, headers, rows)
        return write_csv(path, headers, rows, **options)

    return build


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def read_xlsx(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def database_refuses(table: str, column: str, value: str) -> Any:
    """The database refuses rows of `table` whose `column` is `value` (a real trigger)."""
    return refusing(table, f"NEW.{column} = '{value}'")
