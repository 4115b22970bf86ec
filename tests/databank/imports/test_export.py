"""Exports write the import's own columns under their Persian headers, so an export imported
again gives the same bank; cells that a spreadsheet would run as formulas are quoted."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from databank.db import db
from databank.imports import exports, services
from databank.jalali import days_from_today, to_jalali
from databank.organisations.services import get_or_create_estate, get_or_create_unit
from databank.people.models import Person
from databank.people.schemas import GraduateSchema
from databank.people.services import save_graduate
from databank.vacancies.models import Vacancy
from databank.vacancies.schemas import VacancyImportSchema
from databank.vacancies.services import save_vacancy
from databank.vocabulary import Sector
from tests.conftest import valid_national_id
from tests.databank.imports.conftest import (
    GRADUATE_HEADERS,
    PERSIAN_GRADUATE_HEADERS,
    PERSIAN_VACANCY_HEADERS,
    VACANCY_HEADERS,
    graduate,
    read_csv,
    read_xlsx,
    vacancy,
)

GRADUATES = [
    graduate(1354241, consent="بله"),
    graduate(2, gender="", birth_year="", mobile="", city="", university="", skills="",
             desired_job="-علی", graduation_year="", degree="زیر دیپلم"),
    graduate(3, gender="مرد", degree="دکتری", head_of_household="بله",
             desired_job="=HYPERLINK(\"http://evil\")", skills="@SUM(A1)، +ورد، C++"),
    graduate(4, degree="دیپلم", field_of_study="حسابداری", university="پیام نور اراک",
             consent="1"),
    graduate(5, degree="کاردانی", last_name="کریمی یکم"),
    graduate(6, degree="کارشناسی ارشد", city="ساوه", first_name="علي"),
]
# an open vacancy's deadline lies ahead (an import refuses a past one for a new vacancy)
DEADLINE = days_from_today(60)
JALALI_DEADLINE = to_jalali(DEADLINE).strftime("%Y/%m/%d")
# on the county's list the admin keeps, in any bank: an import takes estates from it
ESTATE = "ناحیه صنعتی ساوه"
VACANCIES = [
    vacancy("A-1", deadline=JALALI_DEADLINE),
    vacancy("A-2", gender="مرد", min_degree="", fields_of_study="", skills="",
            description="شیفت شب\nدو خط", positions="1"),
    vacancy("B-1", unit_name="لبنیات پگاه", industrial_estate="", sector="کشاورزی",
            city="خمین", gender="زن", min_degree="دیپلم", description="-منفی"),
    vacancy("C-1", unit_name="خدمات فنی سپهر", industrial_estate=ESTATE,
            sector="خدمات", min_degree="دکتری", title="+مشاور"),
    # closed after its deadline passed, and paused: an export read back keeps them so
    vacancy("C-2", unit_name="خدمات فنی سپهر", status="بسته",
            deadline=to_jalali(days_from_today(-30)).strftime("%Y/%m/%d")),
    vacancy("C-3", unit_name="خدمات فنی سپهر", status="متوقف"),
]


def build_bank() -> None:
    for row in GRADUATES:
        save_graduate(GraduateSchema().load(row))
    for row in VACANCIES:
        data = VacancyImportSchema().load({**row, "fields": row["fields_of_study"]})
        estate = get_or_create_estate(data["industrial_estate"]) \
            if data.get("industrial_estate") else None
        unit = get_or_create_unit(data["unit_name"], estate=estate,
                                  sector=data.get("sector") or Sector.INDUSTRY,
                                  city=data.get("city"))
        save_vacancy(unit, data)
    db.session.commit()


def bank() -> dict[str, Any]:
    """Everything the spreadsheets carry, with the stored keys, by natural identity."""
    db.session.expire_all()
    people = {}
    for person in db.session.scalars(select(Person)):
        profile = person.profile
        people[person.national_id] = {
            name: getattr(person, name) for name in (
                "first_name", "last_name", "full_name", "name_key", "gender", "birth_year",
                "mobile", "city", "city_key")} | {
            name: getattr(profile, name) for name in (
                "degree", "field_of_study", "field_key", "field_code", "graduation_year",
                "skills", "skills_key", "desired_job", "desired_job_key",
                "head_of_household", "consent")} | {
            "university": profile.university.name if profile.university else None}
    vacancies = {}
    for item in db.session.scalars(select(Vacancy)):
        unit = item.unit
        vacancies[(unit.name, item.ref)] = {
            name: getattr(item, name) for name in (
                "title", "title_key", "positions", "min_degree", "fields", "fields_key",
                "skills", "skills_key", "gender", "status", "deadline", "description", "city",
                "city_key")} | {
            "unit_sector": unit.sector, "unit_name_key": unit.name_key,
            "estate": unit.estate.name if unit.estate else None}
    return {"people": people, "vacancies": vacancies}


def wipe() -> None:
    db.session.remove()
    db.drop_all()
    db.create_all()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imported_into_an_empty_bank_gives_the_same_bank(
        app, tmp_path: Path, fmt: str) -> None:
    build_bank()
    before = bank()
    assert len(before["people"]) == len(GRADUATES) and len(before["vacancies"]) == 6
    assert sum(person["consent"] for person in before["people"].values()) == 2
    assert before["vacancies"][("فولاد مرکزی", "A-1")]["deadline"] == DEADLINE
    assert before["vacancies"][("خدمات فنی سپهر", "C-1")]["estate"] == ESTATE
    paths = {kind: tmp_path / f"{kind}.{fmt}" for kind in ("graduates", "vacancies")}
    assert exports.export("graduates", paths["graduates"], fmt) == len(GRADUATES)
    assert exports.export("vacancies", paths["vacancies"], fmt) == len(VACANCIES)
    db.session.commit()

    wipe()
    get_or_create_estate(ESTATE)
    db.session.commit()
    for kind, path in paths.items():
        result = services.import_file(kind, path)
        assert result.refused == [] and result.updated == 0, result.refused
    assert bank() == before


def test_an_export_imported_again_into_the_same_bank_changes_nothing_and_says_so(
        app, tmp_path: Path) -> None:
    build_bank()
    before = bank()
    exports.export("graduates", tmp_path / "g.xlsx", "xlsx")
    exports.export("vacancies", tmp_path / "v.csv", "csv")
    graduates = services.import_file("graduates", tmp_path / "g.xlsx")
    vacancies = services.import_file("vacancies", tmp_path / "v.csv")
    assert (graduates.created, graduates.updated, graduates.unchanged,
            graduates.refused) == (0, 0, len(GRADUATES), [])
    assert (vacancies.created, vacancies.updated, vacancies.unchanged,
            vacancies.refused) == (0, 0, len(VACANCIES), [])
    assert bank() == before


def test_exports_use_the_persian_headers_the_import_reads_and_readable_persian_values(
        app, tmp_path: Path) -> None:
    build_bank()
    exports.export("graduates", tmp_path / "g.csv", "csv")
    exports.export("vacancies", tmp_path / "v.xlsx", "xlsx")
    graduates, vacancies = read_csv(tmp_path / "g.csv"), read_xlsx(tmp_path / "v.xlsx")
    assert graduates[0] == [
        "کد ملی", "نام", "نام خانوادگی", "جنسیت", "سال تولد", "تلفن همراه", "شهر", "دانشگاه",
        "مقطع تحصیلی", "رشته تحصیلی", "سال دانش‌آموختگی", "مهارت‌ها", "شغل مورد نظر",
        "سرپرست خانوار", "رضایت به معرفی"]
    assert vacancies[0] == [
        "کد آگهی", "نام واحد", "شهرک صنعتی", "شهر", "عنوان شغل", "بخش", "کد کارگاه بیمه",
        "تعداد", "حداقل مقطع", "رشته‌ها", "مهارت‌ها", "جنسیت", "توضیحات", "مهلت", "وضعیت"]
    assert graduates[0] == PERSIAN_GRADUATE_HEADERS and vacancies[0] == PERSIAN_VACANCY_HEADERS
    first = dict(zip(GRADUATE_HEADERS, graduates[1], strict=True))
    assert first["national_id"] == valid_national_id(1354241)  # leading zeros kept
    assert (first["gender"], first["degree"], first["head_of_household"], first["consent"]) == (
        "زن", "کارشناسی", "خیر", "بله")
    assert first["skills"] == "پایتون، اکسل"
    rows = {row[0]: dict(zip(VACANCY_HEADERS, row, strict=True)) for row in vacancies[1:]}
    assert rows["A-1"]["gender"] == "فرقی ندارد" and rows["A-1"]["sector"] == "صنعت"
    assert rows["A-1"]["deadline"] == JALALI_DEADLINE
    assert rows["B-1"]["sector"] == "کشاورزی" and rows["B-1"]["min_degree"] == "دیپلم"
    assert (rows["A-1"]["status"], rows["C-2"]["status"], rows["C-3"]["status"]) == (
        "باز", "بسته", "متوقف")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_cells_that_look_like_formulas_are_quoted(app, fmt: str) -> None:
    build_bank()
    buffer = io.BytesIO()
    exports.export("graduates", buffer, fmt)
    buffer.seek(0)
    if fmt == "csv":
        text = buffer.getvalue().decode("utf-8-sig")
        assert "'=HYPERLINK" in text and "'-علی" in text and "'@SUM(A1)" in text
        assert ",=" not in text and ",-" not in text
    else:
        from openpyxl import load_workbook

        workbook = load_workbook(buffer)
        cells = [cell for row in workbook.active.iter_rows() for cell in row]
        assert all(cell.data_type != "f" for cell in cells)
        values = {cell.value for cell in cells}
        assert "'=HYPERLINK(\"http://evil\")" in values and "'-علی" in values
        workbook.close()
