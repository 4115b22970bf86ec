"""Reading a CSV or XLSX file as a header and numbered rows of text.

A file is read through once before anything is stored (encoding, CSV syntax, XLSX structure),
so a file that turns out unreadable halfway never leaves half its rows behind; that pass also
counts the rows for the progress bar."""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from databank.imports.cells import UncomputedFormula, cell_text
from databank.imports.errors import UnreadableFile
from databank.jalali import persian_digits

FORMATS = {".csv": "csv", ".xlsx": "xlsx"}
XLSX_MAX_UNPACKED = 200 * 1024 * 1024
CSV_DELIMITERS = (",", ";", "\t")
_CHUNK = 1 << 20
# A formula element, with or without a namespace prefix, in a part of the archive.
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")

WRONG_FORMAT = ("قالب فایل پشتیبانی نمی‌شود؛ فایل را با پسوند ‎.csv‎ (CSV UTF-8) یا ‎.xlsx‎ "
                "(اکسل) بفرستید.")
NOT_UTF8 = ("نویسه‌گذاری فایل CSV، UTF-8 نیست؛ در اکسل هنگام ذخیره «CSV UTF-8» را انتخاب "
            "کنید.")
BAD_CSV = ("فایل CSV از {where} به بعد ساختار درستی ندارد و خوانده نشد؛ آن را در اکسل با "
           "«CSV UTF-8» دوباره ذخیره کنید.")
UNCLOSED_QUOTE = ("فایل CSV ساختار درستی ندارد و خوانده نشد: در {where} یک نقل‌قول («\"») باز "
                  "شده و بسته نشده است، پس همهٔ ادامهٔ فایل یک خانه خوانده می‌شود. نقل‌قول را "
                  "ببندید یا بردارید، یا فایل را در اکسل با «CSV UTF-8» دوباره ذخیره کنید.")
CELL_TOO_LONG = ("فایل CSV ساختار درستی ندارد و خوانده نشد: خانه‌ای در {where} بیش از {limit} "
                 "نویسه دارد. بیشتر وقت‌ها یعنی در این ردیف یک نقل‌قول («\"») باز شده و بسته "
                 "نشده است؛ آن را ببندید یا بردارید.")
BAD_XLSX = "فایل اکسل خراب است یا واقعاً فایل ‎.xlsx‎ نیست؛ آن را دوباره در اکسل ذخیره کنید."
XLSX_BOMB = ("فایل اکسل پس از باز شدن بیش از ۲۰۰ مگابایت می‌شود و پذیرفته نشد؛ آن را در "
             "چند فایل کوچک‌تر بفرستید.")
EMPTY = "فایل خالی است؛ سطر اول باید عنوان ستون‌ها باشد."
NO_HEADER = ("سطر اول فایل خالی است؛ سطر اول باید عنوان ستون‌ها باشد (سطرهای خالی بالای جدول "
             "را حذف کنید).")
FIRST_SHEET_EMPTY = ("تنها برگهٔ اول فایل اکسل خوانده می‌شود و برگهٔ اول («{sheet}») خالی است؛ "
                     "داده‌ها شاید در برگهٔ دیگری از فایل است. جدول را به برگهٔ اول ببرید یا "
                     "برگهٔ آن را اولین برگهٔ فایل کنید.")
# Ends the lines a CSV reader is given: read as a row of its own after a file whose quotes are
# all closed, and as the tail of the last cell after one that leaves a quote open.
_END_OF_FILE = "\ue000end-of-file\ue000"


@dataclass(frozen=True)
class Table:
    """A checked file: its header, how many rows follow it, and a way to read them."""

    path: Path
    format: str
    headers: list[str]
    rows: int

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(row number as the spreadsheet shows it, cells as text), blank rows skipped."""
        reader = _read_csv if self.format == "csv" else _read_xlsx
        for number, cells in enumerate(reader(self.path), start=1):
            if number == 1 or not any(cells):
                continue
            yield number, cells + [""] * (len(self.headers) - len(cells))


def file_format(name: str | Path) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        raise UnreadableFile(WRONG_FORMAT)
    return FORMATS[suffix]


def open_table(path: Path) -> Table:
    fmt = file_format(path)
    if not path.is_file():
        raise UnreadableFile(f"فایل «{path}» پیدا نشد.")
    if fmt == "csv":
        _check_utf8(path)
    else:
        _check_xlsx(path)
    headers: list[str] = []
    rows = 0
    try:
        for number, cells in enumerate((_read_csv if fmt == "csv" else _read_xlsx)(path)):
            if number == 0:
                headers = cells
            elif any(cells):
                rows += 1
    except Exception:  # openpyxl raises many kinds for a broken archive or sheet
        if fmt == "csv":  # _read_csv says in Persian what is wrong, or the error is ours
            raise
        raise UnreadableFile(BAD_XLSX) from None
    if not any(headers):
        raise UnreadableFile(_empty(path, fmt, rows))
    return Table(path, fmt, headers, rows)


def _empty(path: Path, fmt: str, rows: int) -> str:
    """Why a file gave no header. Only an XLSX's first sheet is read: an empty one is named,
    since the sender may well see her table on another sheet and think the file full."""
    if rows:
        return NO_HEADER
    sheets = _sheet_names(path) if fmt == "xlsx" else []
    return FIRST_SHEET_EMPTY.format(sheet=sheets[0]) if len(sheets) > 1 else EMPTY


def _sheet_names(path: Path) -> list[str]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _check_utf8(path: Path) -> None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise UnreadableFile(NOT_UTF8) from None


def _check_xlsx(path: Path) -> None:
    """Refuse a zip bomb before openpyxl inflates it. The declared sizes can be trusted as a
    bound: zipfile stops at the declared size and fails the CRC check of a member that lies."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise UnreadableFile(BAD_XLSX) from None
    if unpacked > XLSX_MAX_UNPACKED:
        raise UnreadableFile(XLSX_BOMB)


def _delimiter(first_line: str) -> str:
    return max(CSV_DELIMITERS, key=first_line.count) if first_line else ","


def _read_csv(path: Path) -> Iterator[list[str]]:
    """The rows of a CSV file; raises UnreadableFile, in Persian, at the row where it goes
    wrong. The csv module reads a quote left open to the end of the file as one long last
    cell and says nothing: the marker given after the file's lines tells it apart."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        delimiter = _delimiter(handle.readline())
        handle.seek(0)  # the utf-8-sig decoder is reset and skips the BOM again
        reader = csv.reader(chain(handle, [_END_OF_FILE]), delimiter=delimiter)
        number, line = 1, 1  # the row about to be read, and the line of the text it starts on
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise UnreadableFile(_csv_error(error, number, line)) from None
            if row == [_END_OF_FILE]:
                return
            if row and row[-1].endswith(_END_OF_FILE):
                raise UnreadableFile(UNCLOSED_QUOTE.format(where=_where(number, line)))
            yield [cell_text(cell) for cell in row]
            number, line = number + 1, reader.line_num + 1


def _csv_error(error: csv.Error, row: int, line: int) -> str:
    """The csv module's English error, said in Persian; its text is never shown."""
    where = _where(row, line)
    if str(error).startswith("field larger than field limit"):
        return CELL_TOO_LONG.format(where=where, limit=persian_digits(csv.field_size_limit()))
    return BAD_CSV.format(where=where)


def _where(row: int, line: int) -> str:
    """A row as a spreadsheet numbers it, and the line of the text when a cell of several
    lines above it makes them differ (an editor shows lines, a spreadsheet rows)."""
    if row == line:
        return f"ردیف {persian_digits(row)}"
    return f"ردیف {persian_digits(row)} (سطر {persian_digits(line)} متن فایل)"


def _read_xlsx(path: Path) -> Iterator[list[str]]:
    """The first sheet, each formula as the value last computed. openpyxl parses with
    defusedxml when it is installed (it is a dependency), so entity tricks in the XML are
    refused too."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    written = load_workbook(path, read_only=True) if _has_formulas(path) else None
    try:
        if written is None:
            for row in workbook.worksheets[0].iter_rows(values_only=True):
                yield [cell_text(value) for value in row]
            return
        for row, formulas in zip(workbook.worksheets[0].iter_rows(),
                                 written.worksheets[0].iter_rows(), strict=True):
            yield [_formula_cell(cell, formula)
                   for cell, formula in zip(row, formulas, strict=True)]
    finally:
        workbook.close()
        if written is not None:
            written.close()


def _formula_cell(cell: Any, formula: Any) -> str:
    """A cell as computed, or an UncomputedFormula. The computed sheet gives None alike for
    an empty cell and a formula with no stored value: the sheet as written tells them apart.
    A formula whose stored value is empty text (Excel's ="" or IF(...;"";...)) is typed "str"
    and is empty indeed."""
    if cell.value is None and formula.data_type == "f" and cell.data_type != "str":
        text = formula.value if isinstance(formula.value, str) else getattr(
            formula.value, "text", None)
        return UncomputedFormula(text or "=")
    return cell_text(cell.value)


def _has_formulas(path: Path) -> bool:
    """Whether any part of the archive holds a formula element, so that a file without any
    (most lists) is parsed once, not twice. A false alarm (a chart's references) costs the
    second parse, nothing more."""
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            if not member.filename.endswith(".xml"):
                continue
            with archive.open(member) as handle:
                tail = b""
                while chunk := handle.read(_CHUNK):
                    if _FORMULA_TAG.search(tail + chunk):
                        return True
                    tail = chunk[-32:]
    return False
