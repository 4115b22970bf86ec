"""Files that cannot be read are refused whole, with a Persian message, before anything is
stored: wrong extension, not UTF-8, a quote left open, a corrupt or bomb XLSX, an empty file or
first sheet. Cells are handed on as the sender meant them."""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from databank.db import db
from databank.imports import services
from databank.imports.cells import cell_text, quote_formula, unquote_formula
from databank.imports.errors import UnreadableFile
from databank.imports.readers import open_table
from databank.people.models import Person
from databank.validation import jalali_date
from tests.conftest import valid_national_id
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


def test_a_csv_broken_after_good_rows_is_refused_in_persian_before_any_row_is_stored(
        sheet, tmp_path: Path) -> None:
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(n) for n in (1, 2)]))
    path.write_bytes(path.read_bytes() + b"x," + b"y" * 200_000 + b"\n")
    message = refusal("graduates", path)
    assert message.startswith("فایل CSV ساختار درستی ندارد و خوانده نشد: خانه‌ای در ردیف ۴ "
                              "بیش از ۱۳۱۰۷۲ نویسه دارد.")
    assert "نقل‌قول" in message and not ENGLISH.search(message)


ENGLISH = re.compile(r"field|limit|expected|error|unexpected|data", re.IGNORECASE)
GOOD_LINE = ",".join(graduate(1).values())


@pytest.mark.parametrize(("lines", "where"), [
    ([",".join(GRADUATE_HEADERS), GOOD_LINE, '"' + ",".join(graduate(2).values())[1:],
      ",".join(graduate(3).values())], "ردیف ۳"),
    (['"national_id', *GRADUATE_HEADERS[1:]], "ردیف ۱"),
    ([",".join(GRADUATE_HEADERS), GOOD_LINE.replace("اراک", '"اراک\nمرکزی"', 1),
      GOOD_LINE.replace(valid_national_id(1), valid_national_id(2)).replace(
          "زهرا", '"زهرا', 1)], "ردیف ۳ (سطر ۴ متن فایل)"),
])
def test_a_quote_left_open_is_named_with_its_row_before_anything_is_stored(
        app, tmp_path: Path, lines: list[str], where: str) -> None:
    """The csv module reads the rest of the file into one cell and says nothing: without a
    word about the quote, the sender would read of missing columns or of a wrong cell."""
    path = tmp_path / "quote.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    message = refusal("graduates", path)
    assert message == (
        f"فایل CSV ساختار درستی ندارد و خوانده نشد: در {where} یک نقل‌قول («\"») باز شده و "
        "بسته نشده است، پس همهٔ ادامهٔ فایل یک خانه خوانده می‌شود. نقل‌قول را ببندید یا "
        "بردارید، یا فایل را در اکسل با «CSV UTF-8» دوباره ذخیره کنید.")


def test_any_other_csv_error_is_said_in_persian_with_its_row(
        app, sheet, monkeypatch: pytest.MonkeyPatch) -> None:
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(1), graduate(2)]))

    real = csv.reader

    class Failing:
        """The csv module's reader, failing with an English error after the first row."""

        def __init__(self, lines: Any, **options: Any) -> None:
            self.rows, self.read = real(lines, **options), 0

        def __iter__(self) -> Iterator[list[str]]:
            return self

        def __next__(self) -> list[str]:
            if self.read == 2:
                raise csv.Error("some new error of the csv module")
            self.read += 1
            return next(self.rows)

        @property
        def line_num(self) -> int:
            return self.rows.line_num

    monkeypatch.setattr(csv, "reader", Failing)
    assert refusal("graduates", path) == (
        "فایل CSV از ردیف ۳ به بعد ساختار درستی ندارد و خوانده نشد؛ آن را در اکسل با «CSV UTF-8» "
        "دوباره ذخیره کنید.")


def test_quoted_cells_that_close_are_read_as_usual(app, tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    last = GOOD_LINE.replace("اراک", '"اراک،\nمرکزی"', 1)  # the last row, no newline after
    path.write_text(",".join(GRADUATE_HEADERS) + "\n" + last, encoding="utf-8")
    table = open_table(path)
    assert table.rows == 1
    [(number, cells)] = list(table.records())
    assert number == 2 and cells[6] == "اراک،\nمرکزی" and len(cells) == len(GRADUATE_HEADERS)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n"])
def test_an_empty_file_is_refused(sheet, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    assert refusal("graduates", path) == "فایل خالی است؛ سطر اول باید عنوان ستون‌ها باشد."


def test_a_blank_first_row_above_the_table_is_named(sheet, tmp_path: Path) -> None:
    path = tmp_path / "low.csv"
    path.write_text(",,\n" + ",".join(GRADUATE_HEADERS) + "\n" + GOOD_LINE + "\n",
                    encoding="utf-8")
    assert refusal("graduates", path).startswith("سطر اول فایل خالی است؛")


def test_an_xlsx_whose_first_sheet_is_empty_says_only_that_sheet_is_read(
        app, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "راهنما"
    data = workbook.create_sheet("دانش‌آموختگان")
    data.append(GRADUATE_HEADERS)
    data.append(list(graduate(1).values()))
    path = tmp_path / "sheets.xlsx"
    workbook.save(path)
    assert refusal("graduates", path) == (
        "تنها برگهٔ اول فایل اکسل خوانده می‌شود و برگهٔ اول («راهنما») خالی است؛ داده‌ها شاید "
        "در برگهٔ دیگری از فایل است. جدول را به برگهٔ اول ببرید یا برگهٔ آن را اولین برگهٔ "
        "فایل کنید.")
    single = tmp_path / "single.xlsx"
    Workbook().save(single)
    assert refusal("graduates", single) == "فایل خالی است؛ سطر اول باید عنوان ستون‌ها باشد."


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
