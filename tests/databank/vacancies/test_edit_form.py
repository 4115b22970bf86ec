"""The employer's edit form: a field she clears is cleared (a spreadsheet's blank cell is not
the same rule, and keeps the stored value), a paused or closed vacancy keeps its deadline but
is given no new one in the past, and the deadline is shown in Persian digits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import format_date, today
from databank.vacancies.models import Vacancy, VacancyStatus
from tests.conftest import post_form
from tests.databank.vacancies.test_employer_pages import (
    DEADLINE,
    VACANCY,
    jalali,
    register_unit,
)


@pytest.fixture
def vacancy(client: FlaskClient, make_user, login) -> Vacancy:
    login(make_user(Role.EMPLOYER))
    register_unit(client)
    assert post_form(client, "/vacancies/new", {**VACANCY, "min_degree": "3"}
                     ).status_code == 302
    return db.session.scalar(select(Vacancy))


def edit(client: FlaskClient, vacancy: Vacancy, **changes: str):
    return post_form(client, f"/vacancies/{vacancy.id}/edit", {**VACANCY, **changes})


def test_clearing_optional_fields_on_the_edit_form_clears_them(client: FlaskClient,
                                                                vacancy: Vacancy) -> None:
    assert vacancy.description and vacancy.deadline and vacancy.city and vacancy.skills
    response = edit(client, vacancy, description="", deadline="", city="  ", skills="",
                    fields="", min_degree="")
    assert response.status_code == 302
    db.session.refresh(vacancy)
    assert vacancy.description is None and vacancy.deadline is None
    assert vacancy.city is None and vacancy.city_key is None
    assert vacancy.skills == [] and vacancy.fields == [] and vacancy.min_degree is None
    assert vacancy.title == VACANCY["title"] and vacancy.positions == 2
    page = client.get(f"/vacancies/{vacancy.id}/edit").get_data(as_text=True)
    assert "تمام‌وقت" not in page


def test_positions_cannot_be_cleared_on_the_edit_form(client: FlaskClient,
                                                      vacancy: Vacancy) -> None:
    response = edit(client, vacancy, positions="", description="")
    assert response.status_code == 400
    assert "این بخش را پر کنید" in response.get_data(as_text=True)
    db.session.refresh(vacancy)
    assert vacancy.positions == 2 and vacancy.description == "تمام‌وقت"


def test_a_blank_cell_of_an_import_row_still_keeps_the_stored_value(app, tmp_path) -> None:
    """Imports keep their own rule (imports.services._load): only what a row says is kept."""
    from databank.imports.services import import_file
    from tests.databank.imports.conftest import VACANCY_HEADERS, as_rows, vacancy, write_csv

    said = vacancy("R-1", description="دو شیفت", city="اراک", deadline=jalali(DEADLINE))
    blank = vacancy("R-1", description="", city="", deadline="")
    for number, row in enumerate((said, blank)):
        path = write_csv(tmp_path / f"{number}.csv", VACANCY_HEADERS,
                         as_rows(VACANCY_HEADERS, [row]))
        assert import_file("vacancies", path).refused == []
    stored = db.session.scalar(select(Vacancy))
    assert (stored.description, stored.city, stored.deadline) == ("دو شیفت", "اراک", DEADLINE)


@pytest.mark.parametrize("status", [VacancyStatus.PAUSED, VacancyStatus.CLOSED])
def test_a_paused_or_closed_vacancy_keeps_its_deadline_but_gets_no_new_past_one(
        client: FlaskClient, vacancy: Vacancy, status: VacancyStatus) -> None:
    vacancy.status = status
    vacancy.deadline = today() - timedelta(days=3)
    db.session.commit()
    kept = edit(client, vacancy, deadline=jalali(vacancy.deadline), title="انباردار")
    assert kept.status_code == 302
    refused = edit(client, vacancy, deadline=jalali(today() - timedelta(days=10)))
    assert refused.status_code == 400
    assert "نمی‌تواند گذشته باشد" in refused.get_data(as_text=True)
    db.session.refresh(vacancy)
    assert vacancy.deadline == today() - timedelta(days=3)
    assert edit(client, vacancy, deadline=jalali(today())).status_code == 302
    db.session.refresh(vacancy)
    assert vacancy.deadline == today()


def test_the_edit_form_shows_the_deadline_in_persian_digits(client: FlaskClient,
                                                            vacancy: Vacancy) -> None:
    page = client.get(f"/vacancies/{vacancy.id}/edit").get_data(as_text=True)
    assert f'value="{format_date(DEADLINE)}"' in page
    assert jalali(DEADLINE) not in page
    assert edit(client, vacancy, deadline=format_date(DEADLINE)).status_code == 302
    db.session.refresh(vacancy)
    assert vacancy.deadline == DEADLINE
