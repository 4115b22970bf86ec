"""Importing vacancies: units found by their normalised names or created, estates found on
the county's list the admin keeps, each vacancy identified by its unit and ref, rows checked by
the employer form's schema."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from databank.db import db
from databank.imports import services
from databank.imports.errors import UnreadableFile
from databank.organisations.models import IndustrialEstate, IndustrialUnit
from databank.organisations.services import get_or_create_estate, get_or_create_unit
from databank.vacancies.models import Vacancy
from databank.vocabulary import Gender, Sector
from tests.databank.imports.conftest import VACANCY_HEADERS, as_rows, database_refuses, vacancy


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def find(ref: str) -> Vacancy:
    return db.session.scalar(select(Vacancy).where(Vacancy.ref == ref))


def test_vacancy_rows_create_their_units_once_in_an_estate_of_the_countys_list(sheet) -> None:
    get_or_create_estate("شهرک صنعتی خیرآباد")
    db.session.commit()
    rows = [vacancy("A-1", industrial_estate="شهرک صنعتی خیرآباد"),
            vacancy("A-2", unit_name="فولاد  مركزي", industrial_estate="شهرك صنعتي خيرآباد"),
            vacancy("B-1", unit_name="لبنیات پگاه", industrial_estate="", sector="کشاورزی",
                    city="خمین", gender="زن", min_degree="", positions="۳")]
    result = services.import_file("vacancies", sheet(VACANCY_HEADERS,
                                                     as_rows(VACANCY_HEADERS, rows)))
    assert (result.created, result.refused) == (3, [])
    assert count(IndustrialUnit) == 2 and count(IndustrialEstate) == 1
    steel = find("A-1")
    assert find("A-2").unit_id == steel.unit_id
    assert steel.unit.estate.name == "شهرک صنعتی خیرآباد"
    assert steel.fields == ["مهندسی مواد", "مهندسی مکانیک"] and steel.positions == 2
    assert steel.min_degree == 3 and steel.gender is None and steel.city == "اراک"
    dairy = find("B-1")
    assert dairy.unit.sector is Sector.AGRICULTURE and dairy.unit.estate is None
    assert dairy.gender is Gender.FEMALE and dairy.min_degree is None
    assert dairy.positions == 3 and dairy.city == "خمین"


def test_vacancy_rows_match_existing_units_and_estates_by_normalised_name(sheet) -> None:
    estate = get_or_create_estate("شهرک صنعتی خیرآباد")
    unit = get_or_create_unit("فولاد مرکزی", estate=estate, sector=Sector.INDUSTRY)
    bare = get_or_create_unit("کاشی سینا")
    db.session.commit()
    rows = [vacancy("A-1", unit_name="فولاد‌مرکزی"),
            vacancy("S-1", unit_name="كاشي سينا", industrial_estate="شهرک صنعتي خیرآباد")]
    result = services.import_file("vacancies", sheet(VACANCY_HEADERS,
                                                     as_rows(VACANCY_HEADERS, rows)))
    assert result.created == 2
    assert count(IndustrialUnit) == 2 and count(IndustrialEstate) == 1
    assert find("A-1").unit_id == unit.id
    assert find("S-1").unit_id == bare.id and bare.estate_id == estate.id


def test_a_vacancy_is_identified_by_its_unit_and_ref(sheet) -> None:
    first = sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, [
        vacancy("R-1"), vacancy("R-1", unit_name="کاشی سینا")]))
    assert services.import_file("vacancies", first).created == 2
    second = sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, [
        vacancy("R-1", title="تکنسین آزمایشگاه", positions="5")]), name="second.csv")
    result = services.import_file("vacancies", second)
    assert (result.created, result.updated, count(Vacancy)) == (0, 1, 2)
    steel = db.session.scalar(select(Vacancy).join(IndustrialUnit).where(
        IndustrialUnit.name == "فولاد مرکزی"))
    assert (steel.title, steel.positions) == ("تکنسین آزمایشگاه", 5)


def test_a_vacancy_repeated_in_one_file_refuses_the_later_row_naming_the_first(sheet) -> None:
    """One unit (spelled with a half-space) and one ref (Persian digits) make one vacancy: the
    later row is refused; the same ref at another unit is another vacancy."""
    rows = [vacancy("R-1", title="جوشکار"), vacancy("R-1", unit_name="کاشی سینا"),
            vacancy("R-۱", unit_name="فولاد‌مرکزی", title="تراشکار")]
    result = services.import_file("vacancies", sheet(VACANCY_HEADERS,
                                                     as_rows(VACANCY_HEADERS, rows)))
    assert (result.created, result.updated, count(Vacancy)) == (2, 0, 2)
    [refused] = result.refused
    assert refused.row == 4 and refused.reason == (
        "ردیف ۴ — کد آگهی (ref): کد آگهی «R-۱» واحد «فولاد‌مرکزی» در ردیف ۲ همین فایل هم آمده "
        "است؛ هر آگهی را در یک ردیف بیاورید.")
    steel = db.session.scalar(select(Vacancy).join(IndustrialUnit).where(
        IndustrialUnit.name == "فولاد مرکزی"))
    assert steel.title == "جوشکار"


@pytest.mark.parametrize("word", ["فرقی ندارد", "any", "", "هر دو"])
def test_a_vacancy_open_to_both_genders(sheet, word: str) -> None:
    services.import_file("vacancies", sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, [
        vacancy("G-1", gender=word)])))
    assert find("G-1").gender is None


def test_persian_vacancy_headers_are_accepted(sheet) -> None:
    headers = ["کد آگهی", "نام واحد", "شهرک صنعتی", "شهر", "عنوان شغل", "بخش", "ظرفیت",
               "حداقل مقطع", "رشته‌ها", "مهارت‌ها", "جنسیت", "توضیحات"]
    row = list(vacancy("P-1").values())[:12]
    result = services.import_file("vacancies", sheet(headers, [row], name="v.xlsx"))
    assert result.created == 1, result.refused
    assert find("P-1").fields == ["مهندسی مواد", "مهندسی مکانیک"]


def test_bad_vacancy_rows_are_refused_and_create_no_unit(sheet) -> None:
    rows = [vacancy("OK-1"),
            vacancy("BAD-1", unit_name="واحد تازه", positions="صفر"),
            vacancy("BAD-2", unit_name="واحد دیگر", industrial_estate="شهرک تازه",
                    min_degree="نمی‌دانم", sector="معدن"),
            vacancy("", title="")]
    result = services.import_file("vacancies", sheet(VACANCY_HEADERS,
                                                     as_rows(VACANCY_HEADERS, rows)))
    assert result.created == 1
    refused = {row.row: {p.column for p in row.problems} for row in result.refused}
    assert refused == {3: {"تعداد (positions)"}, 4: {"حداقل مقطع (min_degree)", "بخش (sector)"},
                       5: {"کد آگهی (ref)", "عنوان شغل (title)"}}
    assert count(IndustrialUnit) == 1 and count(IndustrialEstate) == 0


def test_a_unit_created_by_a_row_the_database_refuses_is_taken_back_with_it(sheet) -> None:
    get_or_create_estate("شهرک تازه")
    db.session.commit()
    rows = [vacancy("X-1", unit_name="واحد تازه", industrial_estate="شهرک تازه",
                    title="ممنوع"),
            vacancy("X-2", unit_name="واحد تازه", industrial_estate="شهرک تازه")]
    with database_refuses("vacancies", "title", "ممنوع"):
        result = services.import_file("vacancies", sheet(VACANCY_HEADERS,
                                                         as_rows(VACANCY_HEADERS, rows)))
    assert result.created == 1 and [row.row for row in result.refused] == [2]
    assert count(IndustrialUnit) == 1 and count(IndustrialEstate) == 1
    assert find("X-2").unit.estate.name == "شهرک تازه"


def test_a_vacancy_file_without_unit_or_title_columns_is_refused(sheet) -> None:
    path = sheet(["ref", "city"], [["A-1", "اراک"]])
    with pytest.raises(UnreadableFile) as refused:
        services.import_file("vacancies", path)
    assert "«نام واحد» (unit_name)" in refused.value.message
    assert "«عنوان شغل» (title)" in refused.value.message
    assert count(Vacancy) == 0


def test_a_workshop_code_goes_to_its_unit_and_a_clash_refuses_the_row(sheet) -> None:
    get_or_create_unit("نساجی قدیم", workshop_code="8800123")
    db.session.commit()
    rows = [vacancy("A-1", workshop_code="۷۷۰۰۱"),
            vacancy("A-2"),  # the same unit, no code: keeps the one it has
            vacancy("B-1", unit_name="لبنیات پگاه", workshop_code="8800123"),
            vacancy("A-3", workshop_code="77002")]
    result = services.import_file("vacancies", sheet(VACANCY_HEADERS,
                                                     as_rows(VACANCY_HEADERS, rows)))
    assert result.created == 2 and [row.row for row in result.refused] == [4, 5]
    held, other = (row.problems[0] for row in result.refused)
    assert held.column == other.column == "کد کارگاه بیمه (workshop_code)"
    assert "«نساجی قدیم»" in held.reason and "«۷۷۰۰۱»" in other.reason
    assert find("A-1").unit.workshop_code == "77001"
    assert find_by_name_or_none("لبنیات پگاه") is None


def find_by_name_or_none(name: str) -> IndustrialUnit | None:
    return db.session.scalar(select(IndustrialUnit).where(IndustrialUnit.name == name))


@pytest.mark.parametrize("typed", ["07770001", "7770001.0", "۷۷۷۰۰۰۱", "0007770001"])
def test_a_unit_code_is_the_same_code_whatever_a_spreadsheet_did_to_it(sheet, typed) -> None:
    get_or_create_unit("فولاد مرکزی", workshop_code="7770001")
    db.session.commit()
    result = services.import_file("vacancies", sheet(VACANCY_HEADERS, as_rows(
        VACANCY_HEADERS, [vacancy("A-1", workshop_code=typed)])))
    assert (result.created, result.refused) == (1, [])
    assert find("A-1").unit.workshop_code == "7770001"
