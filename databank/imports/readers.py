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
from pathlib import Path
from typing import Any

from databank.imports.cells import UncomputedFormula, cell_text
from databank.imports.errors import UnreadableFile

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
BAD_CSV = "فایل CSV ساختار درستی ندارد و خوانده نشد"
BAD_XLSX = "فایل اکسل خراب است یا واقعاً فایل ‎.xlsx‎ نیست؛ آن را دوباره در اکسل ذخیره کنید."
XLSX_BOMB = ("فایل اکسل پس از باز شدن بیش از ۲۰۰ مگابایت می‌شود و پذیرفته نشد؛ آن را در "
             "چند فایل کوچک‌تر بفرستید.")
EMPTY = "فایل خالی است؛ سطر اول باید عنوان ستون‌ها باشد."


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
    except csv.Error as error:
        raise UnreadableFile(f"{BAD_CSV} ({error}).") from None
    except Exception:  # openpyxl raises many kinds for a broken archive or sheet
        if fmt == "csv":
            raise
        raise UnreadableFile(BAD_XLSX) from None
    if not any(headers):
        raise UnreadableFile(EMPTY)
    return Table(path, fmt, headers, rows)


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
    with path.open(encoding="utf-8-sig", newline="") as handle:
        delimiter = _delimiter(handle.readline())
        handle.seek(0)  # the utf-8-sig decoder is reset and skips the BOM again
        for row in csv.reader(handle, delimiter=delimiter):
            yield [cell_text(cell) for cell in row]


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
