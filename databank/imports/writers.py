"""Writing a header and rows as CSV (UTF-8 with a BOM, so Excel shows Persian) or XLSX (a
right-to-left sheet). Every text cell goes through quote_formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from databank.imports.cells import export_cell

Target = Path | BinaryIO


def write_table(target: Target, fmt: str, headers: Sequence[str],
                rows: Iterable[Sequence[object]],
                progress: Callable[[int], None] | None = None) -> int:
    """Write and return how many rows (after the header) were written."""
    writer = _write_csv if fmt == "csv" else _write_xlsx
    if isinstance(target, Path):
        with target.open("wb") as handle:
            return writer(handle, headers, rows, progress)
    return writer(target, headers, rows, progress)


def _write_csv(handle: BinaryIO, headers: Sequence[str], rows: Iterable[Sequence[object]],
               progress: Callable[[int], None] | None) -> int:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        out = csv.writer(text)
        out.writerow(headers)
        count = 0
        for row in rows:
            out.writerow([export_cell(value) for value in row])
            count += 1
            if progress:
                progress(1)
        text.flush()
    finally:
        text.detach()
    return count


def _write_xlsx(handle: BinaryIO, headers: Sequence[str], rows: Iterable[Sequence[object]],
                progress: Callable[[int], None] | None) -> int:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value: object) -> object:
        value = export_cell(value)
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("داده‌ها")  # the tab people see, in Persian as the rest
    sheet.sheet_view.rightToLeft = True
    sheet.append(list(headers))
    count = 0
    for row in rows:
        sheet.append([cell(value) for value in row])
        count += 1
        if progress:
            progress(1)
    workbook.save(handle)
    return count
