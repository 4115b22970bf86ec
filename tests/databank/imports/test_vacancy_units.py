"""Which unit a vacancy row may write to: never one an employer account holds (her vacancies
are hers to post and keep), and never a second unit made of a name close to a known unit's,
unless the row says the unit is new."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.db import db
from databank.imports import exports, services
from databank.organisations.models import IndustrialEstate, IndustrialUnit
from databank.organisations.services import get_or_create_unit
from databank.organisations.unit_merge import merge_units
from databank.vacancies.models import Vacancy
from tests.databank.imports.conftest import VACANCY_HEADERS, as_rows, vacancy

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
    assert count(IndustrialEstate) == 1  # the good row's, not the refused row's
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
    assert (again.updated, again.refused) == (3, [])
