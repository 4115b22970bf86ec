"""Importing graduates: every row through the registration schema and save_graduate, good rows
stored, bad rows refused with their row number, column and a Persian reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from databank.db import db
from databank.imports import services
from databank.imports.errors import UnreadableFile
from databank.imports.refused import join_reasons
from databank.jalali import persian_digits as fa
from databank.people.models import GraduateProfile, Person
from matching import key
from tests.conftest import name_of, valid_national_id
from tests.databank.imports.conftest import (
    GRADUATE_HEADERS,
    REASON,
    as_rows,
    database_refuses,
    graduate,
    read_csv,
    read_xlsx,
)


def persons() -> int:
    return db.session.scalar(select(func.count(Person.id)))


def person(national_id: str) -> Person:
    found = db.session.scalar(select(Person).where(Person.national_id == national_id))
    assert found is not None, national_id
    return found


def test_graduates_are_created_from_a_csv_with_a_bom(sheet) -> None:
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(11), graduate(12)]),
                 bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = services.import_file("graduates", path)
    assert (result.rows_read, result.created, result.updated, result.refused) == (2, 2, 0, [])
    zahra = person(valid_national_id(11))
    assert zahra.first_name == "زهرا" and zahra.gender.value == "female"
    assert zahra.birth_year == 1375 and zahra.mobile == "09121234567"
    profile = zahra.profile
    assert profile.degree == 3 and profile.field_of_study == "مهندسی کامپیوتر"
    assert profile.university.name == "دانشگاه اراک" and profile.skills == ["پایتون", "اکسل"]
    assert profile.head_of_household is False and profile.graduation_year == 1400


def test_a_csv_without_a_bom_or_separated_by_semicolons_is_read_the_same(sheet) -> None:
    plain = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(11)]), bom=False)
    semicolons = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(12)]),
                       name="semi.csv", delimiter=";")
    assert services.import_file("graduates", plain).created == 1
    assert services.import_file("graduates", semicolons).created == 1
    assert person(valid_national_id(12)).profile.skills == ["پایتون", "اکسل"]


def test_persian_headers_with_arabic_letters_and_odd_spacing_find_their_columns(sheet) -> None:
    headers = ["كد ملي", "نام", "نام  خانوادگی", "جنسیت", "سال تولد", "موبایل", "شهر",
               "دانشگاه", "مقطع", "رشته", "سال فراغت", "مهارت‌ها", "شغل مورد نظر",
               "سرپرست خانوار"]
    row = list(graduate(21, head_of_household="بله").values())
    result = services.import_file("graduates", sheet(headers, [row]))
    assert result.created == 1 and not result.ignored_columns
    profile = person(valid_national_id(21)).profile
    assert profile.field_of_study == "مهندسی کامپیوتر" and profile.head_of_household is True
    assert profile.graduation_year == 1400 and profile.person.mobile == "09121234567"


@pytest.mark.parametrize("digits", [
    str.maketrans("0123456789", "0123456789"),
    str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
    str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
], ids=["latin", "persian", "arabic-indic"])
def test_digits_in_every_script_are_read(sheet, digits) -> None:
    national_id = valid_national_id(123456789)
    row = graduate(1, national_id=national_id.translate(digits),
                   mobile="09351234567".translate(digits), birth_year="1372".translate(digits),
                   graduation_year="1398".translate(digits))
    result = services.import_file("graduates", sheet(GRADUATE_HEADERS,
                                                     as_rows(GRADUATE_HEADERS, [row])))
    assert result.created == 1, result.refused
    stored = person(national_id)
    assert (stored.mobile, stored.birth_year, stored.profile.graduation_year) == (
        "09351234567", 1372, 1398)


def test_a_national_id_that_lost_its_leading_zeros_in_csv_is_restored(sheet) -> None:
    national_id = valid_national_id(1354241)
    assert national_id.startswith("00")
    one_zero = valid_national_id(24680135)
    rows = [graduate(1, national_id=national_id.lstrip("0")),
            graduate(2, national_id=one_zero.lstrip("0") + ".0")]
    result = services.import_file("graduates", sheet(GRADUATE_HEADERS,
                                                     as_rows(GRADUATE_HEADERS, rows)))
    assert result.created == 2, result.refused
    assert person(national_id).last_name == f"کریمی {name_of(1)}"
    assert person(one_zero).last_name == f"کریمی {name_of(2)}"


def test_xlsx_numeric_cells_lose_neither_leading_zeros_nor_gain_a_fraction(sheet) -> None:
    as_int, as_float = valid_national_id(1354241), valid_national_id(2468013)
    rows = [graduate(1, national_id=int(as_int), mobile=9121234567, birth_year=1375,
                     graduation_year=1400.0),
            graduate(2, national_id=float(as_float), mobile=9121234567.0, birth_year=1375.0)]
    result = services.import_file("graduates", sheet(
        GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows), name="file.xlsx"))
    assert result.created == 2, result.refused
    assert person(as_int).mobile == "09121234567"
    assert person(as_int).profile.graduation_year == 1400
    assert person(as_float).birth_year == 1375


def test_arabic_letters_in_names_and_fields_are_folded_in_the_keys(sheet) -> None:
    rows = [graduate(1, first_name="علي", last_name="كريمي", field_of_study="مهندسي كامپيوتر"),
            graduate(2, first_name="علی", last_name="کریمی", field_of_study="مهندسی کامپیوتر")]
    services.import_file("graduates", sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows)))
    arabic, persian = person(valid_national_id(1)), person(valid_national_id(2))
    assert arabic.name_key == persian.name_key == key("علی کریمی")
    assert arabic.profile.field_key == persian.profile.field_key
    # and stored as they read: no Arabic ي or ك shown beside the Persian spelling
    assert (arabic.first_name, arabic.profile.field_of_study) == ("علی", "مهندسی کامپیوتر")
    assert arabic.last_name.startswith("کریمی")


@pytest.mark.parametrize(("cell", "head"), [("خير", False), ("بله ", True), ("آری", True),
                                             ("Yes", True), ("خیر", False)])
def test_yes_no_cells_are_read_however_they_were_typed(sheet, cell: str, head: bool) -> None:
    """«خير» with an Arabic ي is the «خیر» it spells, not a refused row."""
    row = graduate(31, head_of_household=cell)
    result = services.import_file("graduates", sheet(GRADUATE_HEADERS,
                                                     as_rows(GRADUATE_HEADERS, [row])))
    assert result.created == 1, result.refused
    assert person(valid_national_id(31)).profile.head_of_household is head


def test_good_rows_are_stored_and_bad_rows_reported_with_row_number_column_and_reason(
        sheet) -> None:
    rows = [graduate(1), graduate(2, national_id="1234567890"), graduate(3),
            graduate(4, degree="خلبانی", first_name=""), graduate(5, mobile="0812345")]
    result = services.import_file("graduates", sheet(GRADUATE_HEADERS,
                                                     as_rows(GRADUATE_HEADERS, rows)))
    assert (result.rows_read, result.created, len(result.refused)) == (5, 2, 3)
    assert persons() == 2
    refused = {row.row: row for row in result.refused}
    assert sorted(refused) == [3, 5, 6]  # the header is row 1
    assert [(p.column, p.reason) for p in refused[3].problems] == [
        ("کد ملی (national_id)",
         "کد ملی معتبر نیست (رقم کنترل نمی‌خواند)؛ آن را دوباره بررسی کنید.")]
    assert [p.column for p in refused[5].problems] == ["نام (first_name)", "مقطع تحصیلی (degree)"]
    assert "مقطع تحصیلی شناخته نشد" in refused[5].reason
    assert refused[6].problems[0].column == "تلفن همراه (mobile)"
    assert refused[6].reason.startswith("ردیف ۶ — تلفن همراه (mobile): ")


def test_a_rows_reasons_are_joined_as_one_sentence(sheet) -> None:
    """Each reason is a sentence that ends with a full stop: joined as they are, they would
    read «.؛»."""
    rows = [graduate(1, national_id="1234567890", degree="خلبانی", mobile="0812345")]
    result = services.import_file("graduates", sheet(GRADUATE_HEADERS,
                                                     as_rows(GRADUATE_HEADERS, rows)))
    (refused,) = result.refused
    assert len(refused.problems) == 3
    assert all(problem.reason.endswith(".") for problem in refused.problems)
    assert refused.reason == "ردیف ۲ — " + "؛ ".join(
        f"{problem.column}: {problem.reason[:-1]}" for problem in refused.problems) + "."
    assert ".؛" not in refused.reason and refused.reason.count(".") == 1


@pytest.mark.parametrize(("reasons", "joined"), [
    (["یک.", "دو."], "یک؛ دو."),
    (["یک", "دو"], "یک؛ دو."),
    (["یک؛ سه.", "دو..."], "یک؛ سه؛ دو..."),
    (["چرا؟", "  ", "یک. "], "چرا؟؛ یک."),
    ([], ""),
])
def test_join_reasons(reasons: list[str], joined: str) -> None:
    assert join_reasons(reasons) == joined


def test_consent_is_stored_only_when_the_file_has_the_column(sheet) -> None:
    headers = ["کد ملی", "نام", "نام خانوادگی", "مقطع", "رشته", "رضایت"]
    services.import_file("graduates", sheet(headers, [
        [valid_national_id(1), "زهرا", "کریمی", "کارشناسی", "حسابداری", "بله"],
        [valid_national_id(2), "سارا", "کریمی", "کارشناسی", "حسابداری", "خیر"]]))
    services.import_file("graduates", sheet(headers[:5], [
        [valid_national_id(3), "مریم", "کریمی", "کارشناسی", "حسابداری"]], name="no.csv"))
    consent = {n: person(valid_national_id(n)).profile.consent for n in (1, 2, 3)}
    assert consent == {1: True, 2: False, 3: False}


def test_a_refusal_names_the_column_as_the_sender_wrote_it(sheet) -> None:
    headers = ["کد ملی", "نام", "نام خانوادگی", "مقطع تحصیلی", "رشته تحصیلی"]
    result = services.import_file("graduates", sheet(headers, [
        ["12345", "زهرا", "کریمی", "کارشناسی", "حسابداری"]]))
    assert result.refused[0].problems[0].column == "کد ملی"


@pytest.mark.parametrize("name", ["file.csv", "file.xlsx"])
def test_the_error_file_has_the_same_format_and_imports_cleanly_once_fixed(
        sheet, tmp_path: Path, name: str) -> None:
    rows = [graduate(1), graduate(2, birth_year="۱۲۰۰"), graduate(3, gender="نامعلوم")]
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows), name=name)
    source = services.prepare("graduates", path)
    result = services.run_import(source)
    error_file = tmp_path / f"errors{path.suffix}"
    services.write_error_file(source, result, error_file)

    table = read_csv(error_file) if name.endswith(".csv") else read_xlsx(error_file)
    assert table[0] == [*GRADUATE_HEADERS, REASON]
    assert [row[0] for row in table[1:]] == [valid_national_id(2), valid_national_id(3)]
    assert "ردیف ۳ — سال تولد (birth_year)" in table[1][-1]
    assert "ردیف ۴ — جنسیت (gender)" in table[2][-1]

    fixed = [[*row[:-1], row[-1]] for row in table[1:]]
    fixed[0][GRADUATE_HEADERS.index("birth_year")] = "1370"
    fixed[1][GRADUATE_HEADERS.index("gender")] = "مرد"
    resend = sheet(table[0], fixed, name=f"fixed{path.suffix}")
    again = services.import_file("graduates", resend)
    assert (again.created, again.refused) == (2, [])
    assert person(valid_national_id(2)).birth_year == 1370


@pytest.mark.parametrize("header", [REASON, "reason"])  # an error file of now or of before
def test_an_error_file_refused_again_keeps_one_reason_column(sheet, tmp_path: Path,
                                                             header: str) -> None:
    path = sheet([*GRADUATE_HEADERS, header],
                 [[*as_rows(GRADUATE_HEADERS, [graduate(1, degree="؟")])[0], "دلیل پیشین"]])
    source = services.prepare("graduates", path)
    result = services.run_import(source)
    assert source.layout.ignored == ()  # not reported as a column nobody knows
    services.write_error_file(source, result, tmp_path / "again.csv")
    table = read_csv(tmp_path / "again.csv")
    assert table[0] == [*GRADUATE_HEADERS, REASON] and "دلیل پیشین" not in table[1]


PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def test_a_national_id_repeated_in_one_file_refuses_the_later_rows_naming_the_first(
        sheet) -> None:
    """Row 2 is kept; rows 5 and 6 name the same ID (Persian digits, leading zero dropped by
    a spreadsheet), one of them in a later batch: both refused, the first row named."""
    same = valid_national_id(12345678)
    rows = [graduate(12345678, city="اراک"), graduate(2), graduate(3),
            graduate(12345678, national_id=same.lstrip("0").translate(PERSIAN_DIGITS),
                     city="ساوه"),
            graduate(12345678, city="خمین", degree="ارشد")]
    result = services.import_file("graduates", sheet(GRADUATE_HEADERS,
                                                     as_rows(GRADUATE_HEADERS, rows)),
                                  batch_size=2)
    assert (result.created, result.updated, persons()) == (3, 0, 3)
    assert [row.reason for row in result.refused] == [
        f"ردیف {fa(row)} — کد ملی (national_id): این کد ملی در ردیف ۲ همین فایل هم آمده است؛ "
        "اطلاعات هر فرد را در یک ردیف بیاورید." for row in (5, 6)]
    assert person(same).city == "اراک" and person(same).profile.degree == 3


def test_a_repeat_of_a_refused_row_is_refused_too_and_both_go_to_the_error_file(
        sheet, tmp_path: Path) -> None:
    """Which of two rows about one person is right only the sender can tell: a later row is
    not stored in place of an earlier one that was refused for another reason."""
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [
        graduate(1, degree="؟"), graduate(1, city="ساوه")]))
    source = services.prepare("graduates", path)
    result = services.run_import(source)
    assert (result.created, persons()) == (0, 0)
    assert [(row.row, [p.column for p in row.problems]) for row in result.refused] == [
        (2, ["مقطع تحصیلی (degree)"]), (3, ["کد ملی (national_id)"])]
    services.write_error_file(source, result, tmp_path / "errors.csv")
    table = read_csv(tmp_path / "errors.csv")
    assert [line[0] for line in table[1:]] == [valid_national_id(1)] * 2
    assert "همین فایل هم آمده است" in table[2][-1] and "ردیف ۲" in table[2][-1]


def test_a_second_file_updates_the_person_and_keeps_what_it_does_not_say(sheet) -> None:
    services.import_file("graduates", sheet(GRADUATE_HEADERS, as_rows(
        GRADUATE_HEADERS, [graduate(24680135, head_of_household="بله")])))
    zahra = person(valid_national_id(24680135))
    zahra.profile.consent = True
    db.session.commit()
    headers = ["national_id", "first_name", "last_name", "degree", "field_of_study", "mobile"]
    second = sheet(headers, [[valid_national_id(24680135).lstrip("0"), "زهرا", "کریمی", "ارشد",
                              "مهندسی نرم‌افزار", ""]], name="second.csv")
    result = services.import_file("graduates", second)
    assert (result.created, result.updated, persons()) == (0, 1, 1)
    db.session.expire_all()
    zahra = person(valid_national_id(24680135))
    assert zahra.last_name == "کریمی" and zahra.profile.degree == 4
    assert zahra.profile.field_of_study == "مهندسی نرم‌افزار"
    assert zahra.mobile == "09121234567" and zahra.profile.skills == ["پایتون", "اکسل"]
    assert zahra.profile.head_of_household is True and zahra.profile.consent is True


def test_strict_stores_nothing_when_any_row_is_refused(sheet) -> None:
    rows = [graduate(1), graduate(2), graduate(3, degree="")]
    result = services.import_file("graduates", sheet(GRADUATE_HEADERS,
                                                     as_rows(GRADUATE_HEADERS, rows)),
                                  strict=True, batch_size=1)
    assert result.stored is False and [row.row for row in result.refused] == [4]
    assert (result.created, result.updated) == (0, 0)
    assert persons() == 0
    assert db.session.scalar(select(func.count(GraduateProfile.id))) == 0


def test_strict_stores_everything_when_every_row_is_good(sheet) -> None:
    rows = [graduate(1), graduate(2)]
    result = services.import_file("graduates", sheet(GRADUATE_HEADERS,
                                                     as_rows(GRADUATE_HEADERS, rows)),
                                  strict=True, batch_size=1)
    assert result.stored and result.created == 2 and persons() == 2


def test_a_file_without_a_required_column_is_refused_whole_naming_it_in_persian(
        sheet) -> None:
    headers = [name for name in GRADUATE_HEADERS if name not in ("national_id", "degree")]
    path = sheet(headers, [[graduate(1)[name] for name in headers]])
    with pytest.raises(UnreadableFile) as refused:
        services.import_file("graduates", path)
    assert "«کد ملی» (national_id)" in refused.value.message
    assert "«مقطع تحصیلی» (degree)" in refused.value.message
    assert persons() == 0


def test_a_column_given_twice_refuses_the_file(sheet) -> None:
    with pytest.raises(UnreadableFile, match="دو بار"):
        services.import_file("graduates", sheet([*GRADUATE_HEADERS, "کد ملی"], []))


def test_unknown_columns_are_ignored_and_listed(sheet) -> None:
    result = services.import_file("graduates", sheet(
        [*GRADUATE_HEADERS, "معدل"], [[*as_rows(GRADUATE_HEADERS, [graduate(1)])[0], "18"]]))
    assert result.created == 1 and result.ignored_columns == ("معدل",)


def test_blank_rows_are_skipped_and_row_numbers_follow_the_spreadsheet(sheet) -> None:
    blank = [""] * len(GRADUATE_HEADERS)
    rows = [*as_rows(GRADUATE_HEADERS, [graduate(1)]), blank, blank,
            *as_rows(GRADUATE_HEADERS, [graduate(2, last_name="")])]
    for name in ("file.csv", "file.xlsx"):
        result = services.import_file("graduates", sheet(GRADUATE_HEADERS, rows, name=name))
        assert result.rows_read == 2
        assert [row.row for row in result.refused] == [5]


def test_an_apostrophe_guarding_a_formula_character_is_stripped(sheet) -> None:
    rows = [graduate(1, desired_job="'=کارشناس", field_of_study="'-مهندسی مواد",
                     city="'اراک")]
    services.import_file("graduates", sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows)))
    stored = person(valid_national_id(1))
    assert stored.profile.desired_job == "=کارشناس"
    assert stored.profile.field_of_study == "-مهندسی مواد"
    assert stored.city == "'اراک"


def test_a_database_refusal_refuses_only_that_row_without_half_a_record(sheet) -> None:
    rows = [graduate(1), graduate(2, desired_job="ممنوع"), graduate(3)]
    with database_refuses("graduate_profiles", "desired_job", "ممنوع"):
        result = services.import_file("graduates", sheet(GRADUATE_HEADERS,
                                                         as_rows(GRADUATE_HEADERS, rows)))
    assert result.created == 2 and [row.row for row in result.refused] == [3]
    assert result.refused[0].problems[0].reason == services.DATABASE_REFUSAL
    assert db.session.scalar(select(Person).where(
        Person.national_id == valid_national_id(2))) is None
    assert persons() == 2


def test_an_import_reports_possible_duplicates_without_merging_them(sheet) -> None:
    rows = [graduate(1, first_name="علي", last_name="رضایی", birth_year="1370"),
            graduate(2, first_name="علی", last_name="رضايي", birth_year="1370"),
            graduate(3, first_name="علی", last_name="رضایی", birth_year="1371")]
    result = services.import_file("graduates", sheet(GRADUATE_HEADERS,
                                                     as_rows(GRADUATE_HEADERS, rows)))
    assert result.created == 3 and result.possible_duplicates == 1
    assert persons() == 3


def test_skills_listed_one_per_line_in_a_cell_are_separate_skills(sheet) -> None:
    """Alt+Enter in a spreadsheet cell separates items as a comma does."""
    row = graduate(32, skills="اکسل\nورد\r\nپایتون، SQL")
    result = services.import_file("graduates", sheet(
        GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [row]), name="file.xlsx"))
    assert result.created == 1, result.refused
    assert person(valid_national_id(32)).profile.skills == ["اکسل", "ورد", "پایتون", "SQL"]
