"""Which unit a vacancy row may write to: never one an employer account holds (her vacancies
are hers to post and keep; a row that says just what the bank holds of one of them, as an
export read back does, is counted unchanged), and never a second unit made of a name close to
a known unit's, unless the row says the unit is new."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.db import db
from databank.imports import exports, services
from databank.imports.columns import VACANCY_COLUMNS
from databank.jalali import days_from_today
from databank.organisations.models import IndustrialEstate, IndustrialUnit
from databank.organisations.services import get_or_create_estate, get_or_create_unit
from databank.organisations.unit_merge import merge_units
from databank.vacancies.models import Vacancy
from databank.vocabulary import Gender, Sector
from tests.conftest import post_form
from tests.databank.imports.conftest import (
    VACANCY_HEADERS,
    as_rows,
    read_csv,
    read_xlsx,
    vacancy,
)

UNIT_COLUMN = "نام واحد (unit_name)"
EMPLOYERS_UNIT = ("واحد «شرکت فولاد سپهر ساوه» در سامانه حساب کارفرما دارد و فرصت‌های شغلی‌اش "
                  "را کارفرما خودش ثبت و به‌روز می‌کند؛ این ردیف ذخیره نشد")


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def find(ref: str) -> Vacancy | None:
    return db.session.scalar(select(Vacancy).where(Vacancy.ref == ref))


def import_rows(sheet: Any, *rows: dict[str, Any], headers: list[str] = VACANCY_HEADERS,
                name: str = "file.csv") -> services.ImportResult:
    return services.import_file("vacancies", sheet(headers, as_rows(headers, rows),
                                                   name=name))


@pytest.fixture
def held(make_user, make_vacancy) -> Vacancy:
    """A vacancy the employer holding «شرکت فولاد سپهر ساوه» posted."""
    unit = get_or_create_unit("شرکت فولاد سپهر ساوه", city="ساوه")
    db.session.commit()
    make_user(Role.EMPLOYER, unit_id=unit.id)
    return make_vacancy(unit, ref="S-1", title="جوشکار", positions=2)


def test_a_row_cannot_change_a_vacancy_of_a_unit_an_employer_holds(sheet, held) -> None:
    result = import_rows(sheet, vacancy("S-1", unit_name="شرکت فولاد سپهر ساوه",
                                        title="انباردار", positions="9",
                                        industrial_estate="شهرک تازه",
                                        workshop_code="5550001"),
                         vacancy("A-1"))
    assert (result.created, result.updated) == (1, 0)
    (refused,) = result.refused
    assert refused.row == 2 and refused.problems[0].column == UNIT_COLUMN
    assert EMPLOYERS_UNIT in refused.reason
    db.session.refresh(held)
    assert (held.title, held.positions) == ("جوشکار", 2)
    assert (held.unit.estate, held.unit.workshop_code) == (None, None)
    assert count(IndustrialEstate) == 0  # the refused row's estate is nowhere
    assert find("A-1").unit.name == "فولاد مرکزی"


def test_a_row_cannot_add_a_vacancy_to_a_unit_an_employer_holds(sheet, held) -> None:
    """However the row spells the unit's name: the employer posts her unit's vacancies."""
    result = import_rows(sheet, vacancy("S-2", unit_name="شركت فولاد  سپهر ساوه"))
    assert (result.created, result.updated) == (0, 0)
    (refused,) = result.refused
    assert refused.problems[0].column == UNIT_COLUMN and EMPLOYERS_UNIT in refused.reason
    assert find("S-2") is None and count(Vacancy) == 1


def test_a_unit_nobody_holds_still_takes_its_rows(sheet, make_user, make_vacancy) -> None:
    unit = get_or_create_unit("شرکت فولاد سپهر ساوه")
    db.session.commit()
    make_user(Role.EMPLOYER)  # an employer account of no unit
    make_vacancy(unit, ref="S-1", title="جوشکار")
    result = import_rows(sheet, vacancy("S-1", unit_name="شرکت فولاد سپهر ساوه",
                                        title="انباردار"),
                         vacancy("S-2", unit_name="شرکت فولاد سپهر ساوه"))
    assert (result.created, result.updated, result.refused) == (1, 1, [])
    assert find("S-1").title == "انباردار"


def test_a_name_close_to_a_known_units_is_refused_naming_it(sheet) -> None:
    get_or_create_unit("شرکت فولاد سپهر ساوه")
    db.session.commit()
    result = import_rows(sheet, vacancy("N-1", unit_name="شرکت فولاد سپهر"),
                         vacancy("N-2", unit_name="شركت  فولاد سپهر"),
                         vacancy("A-1"))
    assert result.created == 1 and [row.row for row in result.refused] == [2, 3]
    problem = result.refused[0].problems[0]
    assert problem.column == UNIT_COLUMN
    assert problem.reason == (
        "واحدی با نام «شرکت فولاد سپهر» در بانک نیست، ولی این واحدها نامی نزدیک دارند: "
        "«شرکت فولاد سپهر ساوه». اگر یکی از آن‌هاست، نامش را همان‌طور که در بانک است "
        "بنویسید؛ اگر واحد تازه‌ای است، در ستون «واحد تازه» (new_unit) این ردیف «بله» بنویسید "
        "(اگر فایل این ستون را ندارد، آن را بیفزایید). این ردیف ذخیره نشد.")
    assert "«شرکت فولاد سپهر ساوه»" in result.refused[1].reason
    assert count(IndustrialUnit) == 2  # the known one and «فولاد مرکزی»
    assert find("N-1") is None and find("N-2") is None


def test_a_row_that_says_its_unit_is_new_creates_it(sheet) -> None:
    known = get_or_create_unit("شرکت فولاد سپهر ساوه")
    db.session.commit()
    headers = [*VACANCY_HEADERS, "واحد تازه"]
    result = import_rows(sheet, vacancy("N-1", unit_name="شرکت فولاد سپهر", **{
        "واحد تازه": "بله"}), vacancy("N-2", unit_name="شرکت فولاد سپهر"),
        vacancy("N-3", unit_name="فولاد سپهر ساو", **{"واحد تازه": "خیر"}),
        headers=headers, name="new.xlsx")
    assert result.created == 2, result.refused
    assert find("N-1").unit_id == find("N-2").unit_id != known.id
    assert find("N-1").unit.name == "شرکت فولاد سپهر"
    (refused,) = result.refused
    assert refused.row == 4 and "«شرکت فولاد سپهر ساوه»" in refused.reason
    assert count(IndustrialUnit) == 2


def test_a_name_merged_into_a_unit_finds_the_unit_kept(sheet, make_user) -> None:
    kept = get_or_create_unit("شرکت فولاد سپهر ساوه")
    other = get_or_create_unit("گروه صنعتی سپهر")
    db.session.commit()
    merge_units(make_user(Role.ADMIN), other.id, kept.id)
    db.session.commit()
    result = import_rows(sheet, vacancy("M-1", unit_name="گروه صنعتی سپهر"))
    assert (result.created, result.refused) == (1, [])
    assert find("M-1").unit_id == kept.id


def test_an_export_read_back_does_not_trip_over_its_own_units(sheet, tmp_path) -> None:
    """Every unit of an export is known by its exact name: none is taken for a close one."""
    import_rows(sheet, vacancy("A-1"), vacancy("B-1", unit_name="شرکت فولاد سپهر ساوه"),
                vacancy("C-1", unit_name="شرکت فولاد سپهر", new_unit="بله"),
                headers=[*VACANCY_HEADERS, "new_unit"])
    exports.export("vacancies", tmp_path / "all.csv", "csv")
    again = services.import_file("vacancies", tmp_path / "all.csv")
    assert (again.updated, again.unchanged, again.refused) == (0, 3, [])


# An office's export read back: the rows of an employer's vacancies say what the bank holds.

PERSIAN_HEADERS = [column.label for column in VACANCY_COLUMNS if column.exported]


@pytest.fixture
def employers(make_user, make_vacancy) -> Vacancy:
    """A vacancy its employer posted with every column filled, on a unit with an estate and an
    insurance workshop code."""
    unit = get_or_create_unit("شرکت فولاد سپهر ساوه", city="ساوه", sector=Sector.SERVICES,
                              estate=get_or_create_estate("شهرک صنعتی کاوه"),
                              workshop_code="5550001")
    db.session.commit()
    make_user(Role.EMPLOYER, unit_id=unit.id)
    return make_vacancy(unit, ref="S-1", title="جوشکار", positions=3, min_degree=1,
                        fields=["جوشکاری", "مکانیک"], skills=["جوش آرگون", "نقشه‌خوانی"],
                        gender=Gender.MALE, deadline=days_from_today(40),
                        description="شیفت شب\nبا بیمه")


def export_rows(tmp_path: Path, name: str = "all.csv") -> tuple[Path, list[list[Any]]]:
    path = tmp_path / name
    exports.export("vacancies", path, path.suffix[1:])
    db.session.commit()
    return path, (read_csv(path) if path.suffix == ".csv" else read_xlsx(path))


def vacancy_state(vacancy: Vacancy) -> tuple[Any, ...]:
    db.session.expire_all()
    unit = vacancy.unit
    return (vacancy.title, vacancy.positions, vacancy.min_degree, vacancy.fields,
            vacancy.skills, vacancy.gender, vacancy.deadline, vacancy.description,
            vacancy.city, vacancy.status, vacancy.updated_at, unit.estate.name, unit.sector,
            unit.workshop_code)


@pytest.mark.parametrize("name", ["all.csv", "all.xlsx"])
def test_an_export_read_back_counts_an_employers_vacancy_unchanged_not_refused(
        sheet, employers, tmp_path: Path, name: str) -> None:
    import_rows(sheet, vacancy("A-1"))
    before = vacancy_state(employers)
    path, rows = export_rows(tmp_path, name)
    assert rows[0] == PERSIAN_HEADERS and len(rows) == 3
    again = services.import_file("vacancies", path)
    # the unit nobody holds too: every row says just what the bank holds
    assert (again.created, again.updated, again.unchanged, again.refused) == (0, 0, 2, [])
    assert vacancy_state(employers) == before


@pytest.mark.parametrize(("header", "cell"), [
    ("عنوان شغل", "انباردار"),
    ("تعداد", "9"),
    ("مهلت", ""),  # a blank cell says nothing: unchanged, as everywhere in an import
    ("توضیحات", "شیفت روز"),
    ("جنسیت", "فرقی ندارد"),
    ("مهارت‌ها", "جوش آرگون"),
    ("شهرک صنعتی", "شهرک صنعتی خیرآباد"),
    ("بخش", "صنعت"),
    ("کد کارگاه بیمه", "5550002"),
])
def test_a_row_that_would_change_an_employers_vacancy_is_still_refused(
        sheet, employers, tmp_path: Path, header: str, cell: str) -> None:
    before = vacancy_state(employers)
    path, rows = export_rows(tmp_path)
    rows[1][rows[0].index(header)] = cell
    again = services.import_file("vacancies", sheet(rows[0], rows[1:], name="changed.csv"))
    if not cell:
        assert (again.unchanged, again.refused) == (1, [])
    else:
        assert (again.updated, again.unchanged) == (0, 0)
        (refused,) = again.refused
        assert refused.problems[0].column == "نام واحد" and EMPLOYERS_UNIT in refused.reason
    assert vacancy_state(employers) == before


def test_an_employers_vacancy_the_bank_does_not_hold_is_still_refused(
        sheet, employers, tmp_path: Path) -> None:
    path, rows = export_rows(tmp_path)
    rows[1][0] = "S-2"
    again = services.import_file("vacancies", sheet(rows[0], rows[1:], name="new.csv"))
    assert again.unchanged == 0 and len(again.refused) == 1
    assert find("S-2") is None


def test_the_page_and_the_command_report_the_unchanged_rows(
        app, client, login, make_user, runner, employers, tmp_path: Path) -> None:
    path, _ = export_rows(tmp_path)
    login(make_user(Role.PLACEMENT_OFFICER))
    response = post_form(client, "/imports/", {
        "kind": "vacancies", "file": (io.BytesIO(path.read_bytes()), path.name)})
    page = response.get_data(as_text=True)
    assert 'data-testid="unchanged">۱<' in page and 'data-testid="refused">۰<' in page
    assert "این ردیف‌ها همان بود که در بانک است؛ چیزی از آن‌ها نوشته نشد." in page
    result = runner.invoke(args=["import", "vacancies", str(path)])
    assert result.exit_code == 0, result.output
    assert "بی‌تغییر (همان که در بانک است؛ نوشته نشد): ۱" in result.output
    assert "ردشده: ۰" in result.output
