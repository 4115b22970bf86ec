"""`databank import`, `databank export` and `databank duplicates` as an operator uses them:
a Persian summary; an import exits 0 when every row was stored, 3 when some were refused and
the others stored, 1 when it failed (nothing stored)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from databank.db import db
from databank.people.models import Person
from databank.vacancies.models import Vacancy
from tests.conftest import valid_national_id
from tests.databank.imports.conftest import (
    GRADUATE_HEADERS,
    PERSIAN_GRADUATE_HEADERS,
    VACANCY_HEADERS,
    as_rows,
    graduate,
    read_csv,
    read_xlsx,
    vacancy,
)


def persons() -> int:
    return db.session.scalar(select(func.count(Person.id)))


def test_import_prints_a_persian_summary_and_writes_the_error_file(runner, sheet) -> None:
    rows = [graduate(1), graduate(2), graduate(1, city="ساوه"), graduate(4, degree="؟")]
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows), name="uni.csv")
    result = runner.invoke(args=["import", "graduates", str(path)])
    assert result.exit_code == 3, result.output
    for line in ("ردیف‌های خوانده‌شده: ۴", "ساخته‌شده: ۲", "به‌روزشده: ۰", "ردشده: ۲",
                 "ردیف ۴ — کد ملی (national_id): این کد ملی در ردیف ۲ همین فایل هم آمده است",
                 "ردیف ۵ — مقطع تحصیلی (degree): مقطع تحصیلی شناخته نشد"):
        assert line in result.output
    error_file = path.with_name("uni-errors.csv")
    assert str(error_file) in result.output
    assert [row[0] for row in read_csv(error_file)[1:]] == [valid_national_id(1),
                                                           valid_national_id(4)]
    assert persons() == 2


def test_import_of_an_xlsx_with_an_errors_path(runner, sheet, tmp_path: Path) -> None:
    path = sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, [
        vacancy("A-1"), vacancy("A-2", positions="-3")]), name="estate.xlsx")
    target = tmp_path / "fix-me.xlsx"
    result = runner.invoke(args=["import", "vacancies", str(path), "--errors", str(target)])
    assert result.exit_code == 3, result.output
    assert "ساخته‌شده: ۱" in result.output and str(target) in result.output
    assert read_xlsx(target)[1][0] == "A-2"
    assert db.session.scalar(select(func.count(Vacancy.id))) == 1


def test_an_import_with_refused_rows_stores_the_good_ones_and_exits_3(runner, sheet) -> None:
    """A script must take it neither for a whole import (0) nor for one that stored nothing
    (1): the good rows are in, the refused ones wait in the error file."""
    rows = [graduate(1), graduate(2, degree="؟"), graduate(3)]
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows), name="uni.csv")
    result = runner.invoke(args=["import", "graduates", str(path)])
    assert result.exit_code == 3, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    error_file = path.with_name("uni-errors.csv")
    assert result.stderr.splitlines()[-1] == (f"۱ ردیف رد شد و ذخیره نشد (فایل ردیف‌های "
                                              f"ردشده: {error_file})؛ ردیف‌های درست ذخیره "
                                              "شدند.")
    assert "ساخته‌شده: ۲" in result.stdout and "ردشده: ۱" in result.stdout
    assert persons() == 2 and read_csv(error_file)[1][0] == valid_national_id(2)
    fixed = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(2)]), name="f.csv")
    again = runner.invoke(args=["import", "graduates", str(fixed)])
    assert again.exit_code == 0, again.output
    assert "رد شد" not in again.stderr and persons() == 3


def test_the_import_help_gives_the_exit_statuses(runner, app) -> None:
    for kind in ("graduates", "vacancies"):
        help_text = " ".join(runner.invoke(args=["import", kind, "--help"]).output.split())
        assert "Exit status: 0 when no row was refused" in help_text
        assert "3 when some rows were refused" in help_text
        assert "1 when the import failed" in help_text


def test_import_with_strict_stores_nothing_and_exits_non_zero(runner, sheet) -> None:
    rows = [graduate(1), graduate(2, national_id="123")]
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows))
    result = runner.invoke(args=["import", "graduates", str(path), "--strict"])
    assert result.exit_code == 1
    assert "هیچ ردیفی از این فایل ذخیره نشد" in result.output
    assert "ردیف ۳ — کد ملی (national_id)" in result.output
    assert persons() == 0


def test_import_of_a_file_missing_a_required_column_exits_non_zero(runner, sheet) -> None:
    headers = [name for name in GRADUATE_HEADERS if name != "field_of_study"]
    path = sheet(headers, [[graduate(1)[name] for name in headers]])
    result = runner.invoke(args=["import", "graduates", str(path)])
    assert result.exit_code == 1
    assert "«رشته تحصیلی» (field_of_study)" in result.output
    assert "هیچ ردیفی ذخیره نشد" in result.output
    assert persons() == 0


def test_import_of_an_unreadable_file_exits_non_zero(runner, app, tmp_path: Path) -> None:
    corrupt = tmp_path / "broken.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    wrong = tmp_path / "graduates.xls"
    wrong.write_bytes(b"\xd0\xcf\x11\xe0")
    for path, message in ((corrupt, "خراب"), (wrong, "قالب فایل"),
                          (tmp_path / "missing.csv", "پیدا نشد")):
        result = runner.invoke(args=["import", "graduates", str(path)])
        assert result.exit_code == 1 and message in result.output, result.output
    assert persons() == 0


def test_export_writes_csv_or_xlsx_by_extension(runner, sheet, tmp_path: Path) -> None:
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(1354241)]))
    runner.invoke(args=["import", "graduates", str(path)])
    for name in ("out.csv", "out.xlsx"):
        target = tmp_path / name
        result = runner.invoke(args=["export", "graduates", str(target)])
        assert result.exit_code == 0, result.output
        assert "۱ ردیف" in result.output
        rows = read_csv(target) if name.endswith(".csv") else read_xlsx(target)
        assert rows[0] == PERSIAN_GRADUATE_HEADERS and rows[1][0] == valid_national_id(1354241)
    refused = runner.invoke(args=["export", "vacancies", str(tmp_path / "out.ods")])
    assert refused.exit_code == 1 and "قالب فایل" in refused.output


def test_possible_duplicates_are_counted_by_the_import_and_listed_by_the_command(
        runner, sheet) -> None:
    rows = [graduate(1, first_name="مریم", last_name="احمدی", birth_year="1370"),
            graduate(2, first_name="مريم", last_name="احمدي", birth_year="1370", city="ساوه")]
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows))
    result = runner.invoke(args=["import", "graduates", str(path)])
    assert "موارد احتمالاً تکراری" in result.output and "۱ گروه" in result.output
    assert "databank duplicates" in result.output and "/imports/duplicates" in result.output
    listing = runner.invoke(args=["duplicates"])
    assert listing.exit_code == 0
    assert valid_national_id(1) in listing.output and valid_national_id(2) in listing.output
    assert "۱ گروه احتمالاً تکراری" in listing.output
    assert persons() == 2


def test_the_duplicates_command_says_when_there_are_none(runner, app) -> None:
    result = runner.invoke(args=["duplicates"])
    assert result.exit_code == 0 and "پیدا نشد" in result.output


def test_an_errors_path_that_cannot_be_written_is_refused_before_anything_is_stored(
        runner, sheet, tmp_path: Path) -> None:
    """Checked before the import: its good rows are committed as it goes, so a failure to
    write the error file afterwards would leave them stored and the refused rows lost."""
    rows = [graduate(1), graduate(2, degree="؟")]
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows))
    for target, message in (("/nonexistent/dir/e.csv", "وجود ندارد"),
                            ("/proc/e.csv", "نمی‌توان فایل نوشت"),
                            (str(tmp_path / "e.txt"), "‎.csv‎ یا ‎.xlsx‎"),
                            (str(tmp_path), "پوشه است")):
        result = runner.invoke(args=["import", "graduates", str(path), "--errors", target])
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert message in result.stderr and "هیچ ردیفی ذخیره نشد" in result.stderr
        assert not result.stderr.startswith("Error")
    assert persons() == 0
    assert not (tmp_path / "e.txt").exists()


def test_the_error_file_is_written_in_the_format_its_extension_names(
        runner, sheet, tmp_path: Path) -> None:
    rows = [graduate(1), graduate(2, degree="؟")]
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows), name="uni.csv")
    as_xlsx = tmp_path / "fix-me.xlsx"
    result = runner.invoke(args=["import", "graduates", str(path), "--errors", str(as_xlsx)])
    assert result.exit_code == 3, result.output
    assert read_xlsx(as_xlsx)[0][-1] == "دلیل رد"
    assert read_xlsx(as_xlsx)[1][0] == valid_national_id(2)
    source = sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, [
        vacancy("A-1"), vacancy("A-2", positions="-3")]), name="estate.xlsx")
    as_csv = tmp_path / "fix-me.csv"
    result = runner.invoke(args=["import", "vacancies", str(source), "--errors", str(as_csv)])
    assert result.exit_code == 3, result.output
    assert read_csv(as_csv)[1][0] == "A-2"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_export_to_a_path_that_cannot_be_written_is_refused_in_persian(
        runner, sheet, tmp_path: Path) -> None:
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(1)]))
    runner.invoke(args=["import", "graduates", str(path)])
    for kind in ("graduates", "vacancies", "matches"):
        for target, message in (("/nonexistent/x.csv", "وجود ندارد"),
                                ("/proc/x.csv", "نمی‌توان فایل نوشت"),
                                (str(tmp_path), "پوشه است")):
            result = runner.invoke(args=["export", kind, target])
            assert result.exit_code == 1, (kind, target, result.output)
            assert result.exception is None or isinstance(result.exception, SystemExit)
            assert message in result.stderr and not result.stderr.startswith("Error")
            assert not Path(target).is_file()


def test_an_export_replaces_a_file_whole_and_leaves_no_temporary_file(
        runner, sheet, tmp_path: Path) -> None:
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(1)]))
    runner.invoke(args=["import", "graduates", str(path)])
    target = tmp_path / "out" / "all.csv"
    target.parent.mkdir()
    target.write_text("old content that is longer than the export would ever be " * 200)
    result = runner.invoke(args=["export", "graduates", str(target)])
    assert result.exit_code == 0, result.output
    assert read_csv(target)[1][0] == valid_national_id(1) and len(read_csv(target)) == 2
    assert [p.name for p in target.parent.iterdir()] == ["all.csv"]
