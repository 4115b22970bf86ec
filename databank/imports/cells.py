"""One spreadsheet cell as text, both ways: what a reader hands the schemas, and what a writer
puts in a file so that a spreadsheet program never runs it as a formula."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TypeVar

import jdatetime

K = TypeVar("K")

# Cells a spreadsheet program would read as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

UNCOMPUTED = ("این خانه فرمولی است که مقدار محاسبه‌شده ندارد (فایل را برنامه‌ای جز اکسل ساخته "
              "است)؛ فایل را در اکسل باز و یک بار ذخیره کنید، یا ستون را کپی و با «چسباندن "
              "مقدار» (Paste Values) به جای فرمول‌ها بگذارید و دوباره بفرستید.")


class UncomputedFormula(str):
    """An XLSX formula cell without the value a spreadsheet program stores beside it (files
    written by a program, not saved by Excel). Its text is the formula, which the error file
    shows; an importer refuses its row (uncomputed) rather than read the cell as empty, which
    would silently drop a required value."""


def uncomputed(cells: Sequence[str], positions: Iterable[tuple[K, int]]) -> list[K]:
    """The keys, of (key, position) pairs, whose cell is an uncomputed formula."""
    return [key for key, position in positions
            if position < len(cells) and isinstance(cells[position], UncomputedFormula)]


def quote_formula(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def unquote_formula(text: str) -> str:
    """Undo quote_formula: an apostrophe before a formula character is ours, not the sender's."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def cell_text(value: object) -> str:
    """Text of a cell as the sender meant it: an XLSX number 13542419.0 is «13542419» (a
    national ID that lost its leading zeros, not a fraction), a yes/no cell is «بله»/«خیر», a
    date cell its Solar Hijri date."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "بله" if value else "خیر"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return _jalali_text(value.date() if isinstance(value, datetime) else value)
    return unquote_formula(str(value).replace("\x00", "").strip())


def _jalali_text(day: date) -> str:
    """A date cell is a day whatever the sender's spreadsheet shows: handed on in Solar Hijri,
    as every date the schemas read. A year before 1700 is a Solar Hijri date the program took
    for a Gregorian one (1403/07/15 typed into a cell): its figures are the sender's."""
    if day.year < 1700:
        return f"{day.year:04d}/{day.month:02d}/{day.day:02d}"
    return jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")


def export_cell(value: object) -> object:
    """A value as written to a file: numbers stay numbers, text is quoted against formulas."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return quote_formula(str(value))
