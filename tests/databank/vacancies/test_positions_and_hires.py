"""A vacancy's positions never fall below the hires already made (Placement rows), whether the
employer edits it or an import row updates it; bringing them down to the hires fills and
closes it, and a filled vacancy is not reopened until its positions are raised."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.audit.models import AuditEntry
from databank.db import db
from databank.imports import services as imports
from databank.jalali import today
from databank.monitoring.models import Placement
from databank.organisations.models import IndustrialUnit
from databank.vacancies.models import Vacancy, VacancyStatus
from tests.conftest import post_form, write_xlsx
from tests.databank.imports.conftest import VACANCY_HEADERS, as_rows
from tests.databank.imports.conftest import vacancy as vacancy_row
from tests.databank.vacancies.test_employer_pages import (
    VACANCY,
    register_unit,
)

BELOW_HIRES = "ظرفیت را نمی‌توان کمتر از ۲ کرد"
RAISE_FIRST = "پیش از بازگشایی، ظرفیت را در صفحهٔ ویرایش افزایش دهید"


@pytest.fixture
def employer(client: FlaskClient, make_user, login) -> Any:
    user = make_user(Role.EMPLOYER)
    login(user)
    register_unit(client)
    return user


def hire(vacancy: Vacancy, graduate: Any) -> None:
    """A hire as matches.review records it: one Placement row on the vacancy."""
    db.session.add(Placement(vacancy_id=vacancy.id, person_id=graduate.person.id,
                             unit_id=vacancy.unit_id, start_date=today()))
    db.session.commit()


def posted_with_hires(client: FlaskClient, make_graduate, positions: int, hires: int
                      ) -> Vacancy:
    assert post_form(client, "/vacancies/new",
                     {**VACANCY, "positions": str(positions)}).status_code == 302
    vacancy = db.session.scalar(select(Vacancy))
    for _ in range(hires):
        hire(vacancy, make_graduate())
    return vacancy


def edit(client: FlaskClient, vacancy: Vacancy, positions: int) -> Any:
    return post_form(client, f"/vacancies/{vacancy.id}/edit",
                     {**VACANCY, "positions": str(positions)})


def reopen(client: FlaskClient, vacancy: Vacancy) -> Any:
    return post_form(client, "/vacancies", {"status": "open"},
                     action=f"/vacancies/{vacancy.id}/status", follow_redirects=True)


def moves_offered(client: FlaskClient, vacancy: Vacancy) -> str:
    page = client.get("/vacancies").get_data(as_text=True)
    return page.split(f"/vacancies/{vacancy.id}/edit", 1)[1].split("</tr>", 1)[0]


def test_positions_below_the_hires_are_refused_naming_the_hires(
        client: FlaskClient, employer, make_graduate) -> None:
    vacancy = posted_with_hires(client, make_graduate, positions=5, hires=2)
    response = edit(client, vacancy, 1)
    assert response.status_code == 409
    assert BELOW_HIRES in response.get_data(as_text=True)
    db.session.refresh(vacancy)
    assert (vacancy.positions, vacancy.status) == (5, VacancyStatus.OPEN)


def test_positions_brought_down_to_the_hires_fill_and_close_the_vacancy(
        client: FlaskClient, employer, make_graduate) -> None:
    vacancy = posted_with_hires(client, make_graduate, positions=5, hires=2)
    response = edit(client, vacancy, 2)
    assert response.status_code == 302
    assert "بسته شد" in client.get("/vacancies").get_data(as_text=True)
    db.session.refresh(vacancy)
    assert (vacancy.positions, vacancy.status) == (2, VacancyStatus.CLOSED)
    assert db.session.scalar(select(AuditEntry.action).where(
        AuditEntry.action == "vacancy_filled", AuditEntry.entity_id == vacancy.id))


def test_positions_above_the_hires_keep_the_vacancy_open(
        client: FlaskClient, employer, make_graduate) -> None:
    vacancy = posted_with_hires(client, make_graduate, positions=5, hires=2)
    assert edit(client, vacancy, 3).status_code == 302
    db.session.refresh(vacancy)
    assert (vacancy.positions, vacancy.status) == (3, VacancyStatus.OPEN)


def test_a_filled_vacancy_is_not_offered_reopening_and_a_forged_reopen_is_refused(
        client: FlaskClient, employer, make_graduate) -> None:
    vacancy = posted_with_hires(client, make_graduate, positions=2, hires=2)
    vacancy.status = VacancyStatus.CLOSED  # as the last hire leaves it (matches.review)
    db.session.commit()
    assert "بازگشایی" not in moves_offered(client, vacancy)
    page = reopen(client, vacancy).get_data(as_text=True)
    assert RAISE_FIRST in page
    db.session.refresh(vacancy)
    assert vacancy.status is VacancyStatus.CLOSED


def test_a_filled_vacancy_reopens_once_its_positions_are_raised(
        client: FlaskClient, employer, make_graduate) -> None:
    vacancy = posted_with_hires(client, make_graduate, positions=2, hires=2)
    vacancy.status = VacancyStatus.CLOSED
    db.session.commit()
    listed = client.get("/vacancies").get_data(as_text=True)
    assert 'data-testid="vacancy-status">پر شده<' in listed  # not just «بسته»
    candidates = client.get(f"/vacancies/{vacancy.id}/candidates").get_data(as_text=True)
    assert "این فرصت شغلی پر شده است" in candidates
    assert "ابتدا ظرفیت را در صفحهٔ ویرایش افزایش دهید" in candidates
    saved = edit(client, vacancy, 3)
    assert saved.status_code == 302
    told = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "هنوز «بسته» است. برای پذیرفتن نامزد تازه، «بازگشایی» را بزنید." in told
    assert "بازگشایی" in moves_offered(client, vacancy)
    reopen(client, vacancy)
    db.session.refresh(vacancy)
    assert (vacancy.positions, vacancy.status) == (3, VacancyStatus.OPEN)


def test_a_paused_vacancy_brought_down_to_its_hires_cannot_be_resumed(
        client: FlaskClient, employer, make_graduate) -> None:
    vacancy = posted_with_hires(client, make_graduate, positions=3, hires=2)
    post_form(client, "/vacancies", {"status": "paused"},
              action=f"/vacancies/{vacancy.id}/status")
    assert edit(client, vacancy, 2).status_code == 302
    assert RAISE_FIRST in reopen(client, vacancy).get_data(as_text=True)
    db.session.refresh(vacancy)
    assert vacancy.status is VacancyStatus.PAUSED


def test_an_import_row_cannot_bring_positions_below_the_hires(
        app, tmp_path: Path, make_graduate) -> None:
    def import_positions(positions: str, name: str) -> imports.ImportResult:
        rows = as_rows(VACANCY_HEADERS, [vacancy_row("R-1", positions=positions)])
        return imports.import_file("vacancies", write_xlsx(tmp_path / name, VACANCY_HEADERS,
                                                           rows))

    assert import_positions("5", "first.xlsx").created == 1
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.ref == "R-1"))
    hire(vacancy, make_graduate())
    hire(vacancy, make_graduate())
    refused = import_positions("1", "second.xlsx").refused
    assert len(refused) == 1 and BELOW_HIRES in refused[0].reason
    db.session.refresh(vacancy)
    assert (vacancy.positions, vacancy.status) == (5, VacancyStatus.OPEN)
    assert import_positions("2", "third.xlsx").updated == 1
    db.session.refresh(vacancy)
    assert (vacancy.positions, vacancy.status) == (2, VacancyStatus.CLOSED)
    assert db.session.scalar(select(IndustrialUnit.name)) == "فولاد مرکزی"
