"""Files that cannot be read are refused whole, with a Persian message, before anything is
stored: wrong extension, not UTF-8, a corrupt or bomb XLSX, an empty file. Cells are handed on
as the sender meant them."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from databank.db import db
from databank.imports import services
from databank.imports.cells import cell_text, quote_formula, unquote_formula
from databank.imports.errors import UnreadableFile
from databank.imports.readers import open_table
from databank.people.models import Person
from databank.validation import jalali_date
from tests.databank.imports.conftest import GRADUATE_HEADERS, as_rows, graduate


def refusal(kind: str, path: Path) -> str:
    with pytest.raises(UnreadableFile) as refused:
        services.import_file(kind, path)
    assert db.session.scalar(select(func.count(Person.id))) == 0
    return refused.value.message


@pytest.mark.parametrize("name", ["graduates.xls", "graduates.txt", "graduates", "g.csv.exe"])
def test_a_wrong_extension_is_refused(sheet, tmp_path: Path, name: str) -> None:
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(1)]))
    target = path.rename(tmp_path / name)
    assert "قالب فایل پشتیبانی نمی‌شود" in refusal("graduates", target)


@pytest.mark.parametrize("encoding", ["cp1256", "utf-16"])
def test_a_csv_that_is_not_utf8_is_refused(sheet, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "windows.csv"
    text = ",".join(GRADUATE_HEADERS) + "\n" + ",".join(
        str(v) for v in graduate(1).values()) + "\n"
    path.write_bytes(text.encode(encoding, errors="replace"))
    assert "UTF-8" in refusal("graduates", path)


def test_a_csv_broken_after_good_rows_is_refused_before_any_row_is_stored(
        sheet, tmp_path: Path) -> None:
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(n) for n in (1, 2)]))
    path.write_bytes(path.read_bytes() + b"x," + b"y" * 200_000 + b"\n")
    assert "ساختار درستی ندارد" in refusal("graduates", path)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n"])
def test_an_empty_file_is_refused(sheet, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    assert "خالی" in refusal("graduates", path)


def test_a_corrupt_xlsx_is_refused(sheet, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"national_id,first_name\n1,2\n")
    assert "خراب" in refusal("graduates", garbage)
    not_a_workbook = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(not_a_workbook, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert "خراب" in refusal("graduates", not_a_workbook)
    truncated = tmp_path / "truncated.xlsx"
    whole = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(1)]), name="w.xlsx")
    truncated.write_bytes(whole.read_bytes()[:-200])
    assert "خراب" in refusal("graduates", truncated)


def test_an_xlsx_that_inflates_past_the_limit_is_refused_before_parsing(sheet, tmp_path: Path
                                                                         ) -> None:
    bomb = tmp_path / "bomb.xlsx"
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
        for _ in range(201):
            member.write(chunk)
    assert bomb.stat().st_size < 1_000_000
    assert "۲۰۰ مگابایت" in refusal("graduates", bomb)


def test_a_missing_file_is_refused(app, tmp_path: Path) -> None:
    assert "پیدا نشد" in refusal("graduates", tmp_path / "nowhere.csv")


def test_xlsx_rows_keep_their_sheet_row_numbers(sheet) -> None:
    path = sheet(["a", "b"], [["1", "2"], [None, None], ["3", 4.0]], name="n.xlsx")
    table = open_table(path)
    assert table.headers == ["a", "b"] and table.rows == 2
    assert list(table.records()) == [(2, ["1", "2"]), (4, ["3", "4"])]


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), (13542419.0, "13542419"), (13542419, "13542419"), (2.5, "2.5"),
    (True, "بله"), (False, "خیر"), ("  زهرا ", "زهرا"), ("'=1+1", "=1+1"), ("'-2", "-2"),
    ("'@x", "@x"), ("'+98", "+98"), ("'quoted'", "'quoted'"), ("ab\x00c", "abc"),
])
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


@pytest.mark.parametrize(("value", "text"), [
    (date(2024, 10, 6), "1403/07/15"),
    (datetime(2025, 3, 20, 0, 0), "1403/12/30"),  # the last day of a leap Esfand
    (datetime(1403, 7, 15), "1403/07/15"),  # a Solar Hijri date a program took for Gregorian
])
def test_a_date_cell_is_handed_on_as_its_solar_hijri_date(value: date, text: str) -> None:
    assert cell_text(value) == text


def test_an_xlsx_date_cell_is_read_as_the_day_it_holds(sheet) -> None:
    path = sheet(["start_date"], [[datetime(2024, 10, 6)]], name="d.xlsx")
    [(_, [text])] = list(open_table(path).records())
    assert jalali_date(text) == date(2024, 10, 6)


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+98912", "-1", "@SUM(A1)",
                                  "\tx", "plain", "'=already"])
def test_quoting_a_formula_and_unquoting_it_gives_the_text_back(text: str) -> None:
    quoted = quote_formula(text)
    assert not quoted.startswith(("=", "+", "-", "@", "\t"))
    if not text.startswith("'"):
        assert unquote_formula(quoted) == text
