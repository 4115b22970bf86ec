"""An XLSX formula cell with no computed value (a file written by a program, as openpyxl
writes it, never saved by Excel) is not an empty cell: its row is refused naming the column and
saying how to fix the file, while a formula Excel computed is read as its value."""

from __future__ import annotations

import zipfile
from pathlib import Path

from databank.imports import services
from databank.imports.cells import UNCOMPUTED, UncomputedFormula
from databank.imports.readers import open_table
from tests.conftest import valid_national_id
from tests.databank.imports.conftest import (
    GRADUATE_HEADERS,
    VACANCY_HEADERS,
    as_rows,
    graduate,
    read_xlsx,
    vacancy,
)


def rewrite_cell(path: Path, old: bytes, new: bytes) -> Path:
    """The sheet's XML with one cell written otherwise, as another program would write it."""
    with zipfile.ZipFile(path) as archive:
        parts = {member.filename: archive.read(member) for member in archive.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert parts[sheet].count(old) == 1, parts[sheet]
    parts[sheet] = parts[sheet].replace(old, new)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_formula_written_by_openpyxl_is_read_as_an_uncomputed_formula_not_a_blank(
        sheet) -> None:
    path = sheet(["a", "b", "c"], [["1", "2", "=A2&B2"], [None, None, "=A2"]], name="f.xlsx")
    table = open_table(path)
    assert table.rows == 2  # a row of formulas alone is no blank row
    rows = list(table.records())
    assert rows == [(2, ["1", "2", "=A2&B2"]), (3, ["", "", "=A2"])]
    assert isinstance(rows[0][1][2], UncomputedFormula)
    assert not isinstance(rows[0][1][0], UncomputedFormula)


def test_a_formula_excel_computed_is_read_as_its_value_even_empty_text(sheet) -> None:
    path = sheet(["a", "b", "c"], [["1", "2", "=A2&B2"], ["3", "4", "=IF(A3=\"\",1,\"\")"]],
                 name="f.xlsx")
    rewrite_cell(path, b'<c r="C2"><f>A2&amp;B2</f><v /></c>',
                 b'<c r="C2" t="str"><f>A2&amp;B2</f><v>12</v></c>')
    rewrite_cell(path, b'<c r="C3"><f>IF(A3="",1,"")</f><v /></c>',
                 b'<c r="C3" t="str"><f>IF(A3="",1,"")</f><v></v></c>')
    rows = list(open_table(path).records())
    assert rows == [(2, ["1", "2", "12"]), (3, ["3", "4", ""])]
    assert not any(isinstance(cell, UncomputedFormula) for _, cells in rows for cell in cells)


def test_a_graduate_row_with_an_uncomputed_formula_is_refused_naming_its_column(
        sheet, tmp_path: Path) -> None:
    formula = '=TEXT(1354241,"0000000000")'
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [
        graduate(1), graduate(2, national_id=formula), graduate(3, city="=B4"),
        graduate(4, national_id=formula, degree="دبستان")]), name="graduates.xlsx")
    source = services.prepare("graduates", path)
    result = services.run_import(source)
    assert result.created == 1
    reasons = {row.row: [(p.column, p.reason) for p in row.problems] for row in result.refused}
    assert reasons[3] == [("کد ملی (national_id)", UNCOMPUTED)]  # not «required» as well
    assert reasons[4] == [("شهر (city)", UNCOMPUTED)]  # an optional column too
    assert reasons[5][0] == ("کد ملی (national_id)", UNCOMPUTED)
    assert [column for column, _ in reasons[5]] == ["کد ملی (national_id)",
                                                    "مقطع تحصیلی (degree)"]
    assert "فرمولی است که مقدار محاسبه‌شده ندارد" in UNCOMPUTED and "اکسل" in UNCOMPUTED

    errors = tmp_path / "errors.xlsx"
    services.write_error_file(source, result, errors)
    table = read_xlsx(errors)
    assert table[1][0] == "'" + formula  # the formula shown, never run
    assert table[1][-1] == f"ردیف ۳ — کد ملی (national_id): {UNCOMPUTED}"


def test_a_vacancy_row_with_an_uncomputed_formula_is_refused_naming_its_column(sheet) -> None:
    path = sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, [
        vacancy("V-1"), vacancy("V-2", title='=CONCAT("کارشناس"," فروش")')]),
        name="vacancies.xlsx")
    result = services.import_file("vacancies", path)
    assert result.created == 1
    [row] = result.refused
    assert row.reason == f"ردیف ۳ — عنوان شغل (title): {UNCOMPUTED}"


def test_a_csv_cell_that_looks_like_a_formula_is_plain_text(sheet) -> None:
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [
        graduate(1, national_id=f"={valid_national_id(1)}")]))
    [(_, cells)] = list(open_table(path).records())
    assert not isinstance(cells[0], UncomputedFormula)
