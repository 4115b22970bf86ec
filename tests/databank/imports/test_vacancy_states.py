"""A vacancy row's «وضعیت»: an export writes each vacancy's state, so one read into another
bank keeps its closed and paused vacancies closed and paused; a row about a stored vacancy
moves it by the employer's own rules, audited; a blank cell leaves the state as it is."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from databank.audit.models import AuditEntry
from databank.db import db
from databank.imports import services
from databank.jalali import to_jalali, today
from databank.matches.models import Proposal
from databank.matches.services import refresh_for_vacancy
from databank.organisations.services import get_or_create_unit
from databank.vacancies.models import Vacancy, VacancyStatus
from tests.databank.imports.conftest import VACANCY_HEADERS, as_rows, vacancy

S = VacancyStatus
UNIT = "شرکت بی‌صاحب"


def jalali(days: int) -> str:
    return to_jalali(today() + timedelta(days=days)).strftime("%Y/%m/%d")


def run(sheet: Any, *rows: dict[str, Any]) -> services.ImportResult:
    return services.import_file("vacancies", sheet(VACANCY_HEADERS,
                                                   as_rows(VACANCY_HEADERS, rows)))


def find(ref: str) -> Vacancy | None:
    db.session.expire_all()
    return db.session.scalar(select(Vacancy).where(Vacancy.ref == ref))


def reasons(result: services.ImportResult) -> list[str]:
    return [problem.reason for row in result.refused for problem in row.problems]


@pytest.fixture
def stored(make_vacancy: Any) -> Vacancy:
    """An open vacancy of a unit nobody holds, with a deadline ahead."""
    unit = get_or_create_unit(UNIT, city="ساوه")
    db.session.commit()
    return make_vacancy(unit, ref="S-1", title="جوشکار", positions=2,
                        deadline=today() + timedelta(days=10))


def row(**values: Any) -> dict[str, Any]:
    return vacancy("S-1", **{"unit_name": UNIT, "title": "جوشکار", "positions": "2",
                             "deadline": jalali(10), **values})


@pytest.mark.parametrize(("word", "state"), [("بسته", S.CLOSED), ("متوقف", S.PAUSED),
                                             ("باز", S.OPEN), ("closed", S.CLOSED)])
def test_a_new_vacancy_starts_in_the_state_its_row_gives(sheet, word: str,
                                                         state: VacancyStatus) -> None:
    result = run(sheet, vacancy("N-1", status=word))
    assert (result.created, result.refused) == (1, [])
    assert find("N-1").status is state


def test_a_blank_state_opens_a_new_vacancy_and_keeps_a_stored_ones(sheet, stored) -> None:
    stored.status = S.PAUSED
    db.session.commit()
    result = run(sheet, vacancy("N-1"), row(title="جوشکار CO2"))
    assert (result.created, result.updated, result.refused) == (1, 1, [])
    assert find("N-1").status is S.OPEN
    assert (find("S-1").status, find("S-1").title) == (S.PAUSED, "جوشکار CO2")


def test_a_new_closed_vacancy_may_carry_a_deadline_that_passed_an_open_one_may_not(
        sheet) -> None:
    result = run(sheet, vacancy("C-1", status="بسته", deadline=jalali(-40)),
                 vacancy("O-1", status="باز", deadline=jalali(-40)))
    assert result.created == 1 and [refused.row for refused in result.refused] == [3]
    assert find("C-1").deadline == today() - timedelta(days=40) and find("O-1") is None


def test_a_row_closes_a_stored_vacancy_audited_and_its_untouched_proposals_leave(
        sheet, stored, make_graduate) -> None:
    make_graduate(field_of_study="جوشکاری", skills=["جوشکاری"], desired_job="جوشکار")
    refresh_for_vacancy(stored)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Proposal)) > 0
    result = run(sheet, row(status="بسته"))
    assert (result.updated, result.refused) == (1, [])
    assert find("S-1").status is S.CLOSED
    assert db.session.scalar(select(func.count()).select_from(Proposal)) == 0
    event = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "vacancy_status"))
    assert (event.entity_id, event.from_state, event.to_state) == (stored.id, "open", "closed")


def test_a_row_cannot_pause_a_closed_vacancy_and_nothing_of_it_is_written(sheet,
                                                                         stored) -> None:
    stored.status = S.CLOSED
    db.session.commit()
    result = run(sheet, row(status="متوقف", title="انباردار"))
    assert result.updated == 0
    assert reasons(result) == ["این فرصت شغلی «بسته» است و نمی‌توان آن را به وضعیت «متوقف» برد."]
    assert (find("S-1").status, find("S-1").title) == (S.CLOSED, "جوشکار")


def test_reopening_asks_for_a_deadline_ahead_which_the_same_row_may_give(sheet,
                                                                        stored) -> None:
    stored.status, stored.deadline = S.CLOSED, today() - timedelta(days=3)
    db.session.commit()
    refused = run(sheet, vacancy("S-1", unit_name=UNIT, title="جوشکار", positions="2",
                                 deadline=jalali(-3), status="باز"))
    assert refused.updated == 0 and "گذشته است" in reasons(refused)[0]
    assert find("S-1").status is S.CLOSED
    reopened = run(sheet, row(status="باز"))
    assert (reopened.updated, reopened.refused) == (1, [])
    assert (find("S-1").status, find("S-1").deadline) == (S.OPEN,
                                                           today() + timedelta(days=10))


def test_an_unknown_state_is_refused_in_persian(sheet) -> None:
    result = run(sheet, vacancy("N-1", status="نیمه‌باز"))
    assert result.created == 0
    assert reasons(result) == ["وضعیت را «باز»، «متوقف» یا «بسته» وارد کنید."]


def test_a_row_does_not_move_a_known_unit_to_another_estate_or_sector(sheet, stored) -> None:
    from databank.organisations.services import get_or_create_estate

    first = get_or_create_estate("شهرک صنعتی کاوه")
    get_or_create_estate("شهرک صنعتی خیرآباد")
    stored.unit.estate = first
    db.session.commit()
    other_estate = run(sheet, row(industrial_estate="شهرک صنعتی خیرآباد", title="انباردار"))
    other_sector = run(sheet, row(sector="کشاورزی", title="انباردار"))
    assert (other_estate.updated, other_sector.updated) == (0, 0)
    assert find("S-1").title == "جوشکار"
    (estate,), (sector,) = reasons(other_estate), reasons(other_sector)
    assert "در «شهرک صنعتی کاوه» ثبت شده است و این ردیف «شهرک صنعتی خیرآباد»" in estate
    assert "در بخش «صنعت» ثبت شده است و این ردیف «کشاورزی»" in sector
    assert "ویرایش مشخصات واحد" in estate and "ویرایش مشخصات واحد" in sector
    same = run(sheet, row(industrial_estate="شهرک صنعتي کاوه", sector="صنعت", title="انباردار"))
    assert (same.updated, same.refused) == (1, [])
    db.session.expire_all()
    assert stored.unit.estate.name == "شهرک صنعتی کاوه" and find("S-1").title == "انباردار"


def test_a_unit_name_with_markup_or_a_formula_sign_is_refused(sheet) -> None:
    result = run(sheet, vacancy("N-1", unit_name="=HYPERLINK(\"x\")"),
                 vacancy("N-2", unit_name="<i>کارخانه</i>"))
    assert result.created == 0 and len(result.refused) == 2
    assert all("در نام نمی‌آید" in reason for reason in reasons(result))


def test_positions_brought_down_to_the_hires_close_a_vacancy_whose_row_still_says_open(
        sheet, stored, make_graduate) -> None:
    """An office's export read back with fewer positions and its «باز» cell as it was: the
    row asks for no move (the state it had), and the vacancy, now filled, closes as the
    employer's form closes it."""
    from databank.monitoring.models import Placement
    from tests.databank.vacancies.test_positions_and_hires import hire

    hire(stored, make_graduate())
    result = run(sheet, row(positions="1", status="باز"))
    assert (result.updated, result.refused) == (1, [])
    assert find("S-1").status is S.CLOSED
    assert db.session.scalar(select(func.count(Placement.id))) == 1


def test_reopening_a_filled_vacancy_by_file_says_what_the_row_must_carry(sheet, stored,
                                                                        make_graduate) -> None:
    from tests.databank.vacancies.test_positions_and_hires import hire

    hire(stored, make_graduate())
    run(sheet, row(positions="1"))
    result = run(sheet, row(positions="1", status="باز"))
    (reason,) = reasons(result)
    assert "در ستون «تعداد» همین ردیف ظرفیتی بیش از استخدام‌ها بنویسید" in reason
    assert "صفحهٔ ویرایش" not in reason
    assert run(sheet, row(positions="2", status="باز")).updated == 1
    assert find("S-1").status is S.OPEN
