"""The dashboard and the home pages count open vacancies as the matcher does (open, and the
deadline, when set, not passed in Tehran) and open positions as what is left after the hires
(Placement rows), never below zero for one vacancy."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import today
from databank.monitoring import dashboard
from databank.monitoring.models import Placement
from databank.organisations.services import get_or_create_unit
from databank.vacancies.models import VacancyStatus

FROM_PERSIAN = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
# (positions, hires, status, deadline in days from today or None)
VACANCIES = [
    (5, 2, VacancyStatus.OPEN, None),  # 3 left
    (2, 3, VacancyStatus.OPEN, None),  # hired beyond its positions: 0 left, not -1
    (4, 0, VacancyStatus.OPEN, 0),  # today is still its last day: 4 left
    (6, 0, VacancyStatus.OPEN, -1),  # deadline passed: not open
    (7, 0, VacancyStatus.PAUSED, None),
    (3, 1, VacancyStatus.CLOSED, None),
]
OPEN_VACANCIES, OPEN_POSITIONS = 3, 7


@pytest.fixture
def bank(app: Any, make_vacancy, make_graduate) -> Any:
    """The vacancies above, the first and the expired one of a single unit."""
    unit = get_or_create_unit("شرکت آزمون شمارش", city="ساوه")
    for number, (positions, hires, status, days) in enumerate(VACANCIES):
        vacancy = make_vacancy(
            unit=unit if number in (0, 3) else None, positions=positions,
            deadline=None if days is None else today() + timedelta(days=days))
        vacancy.status = status
        for _ in range(hires):
            db.session.add(Placement(vacancy_id=vacancy.id, unit_id=vacancy.unit_id,
                                     person_id=make_graduate().person.id,
                                     start_date=today()))
    db.session.commit()
    return unit


def figure(page: str, testid: str) -> int:
    match = re.search(rf'data-testid="{testid}">([^<]*)<', page)
    assert match, testid
    return int(match.group(1).translate(FROM_PERSIAN))


def test_the_pipeline_counts_recruiting_vacancies_and_positions_left_after_hires(bank) -> None:
    state = dashboard.pipeline_counts()
    assert (state.open_vacancies, state.open_positions) == (OPEN_VACANCIES, OPEN_POSITIONS)


def test_the_pipeline_counts_nothing_open_in_an_empty_bank(app) -> None:
    state = dashboard.pipeline_counts()
    assert (state.open_vacancies, state.open_positions) == (0, 0)


def test_the_dashboard_page_shows_the_same_open_figures(client: FlaskClient, bank, make_user,
                                                        login) -> None:
    login(make_user(Role.ADMIN))
    page = client.get("/dashboard/").get_data(as_text=True)
    assert figure(page, "open-vacancies") == OPEN_VACANCIES
    assert figure(page, "open-positions") == OPEN_POSITIONS


@pytest.mark.parametrize("role", [Role.PLACEMENT_OFFICER, Role.ADMIN])
def test_the_county_home_page_shows_the_same_open_figures(client: FlaskClient, bank,
                                                          make_user, login, role: Role) -> None:
    login(make_user(role))
    page = client.get("/").get_data(as_text=True)
    assert figure(page, "open-vacancies") == OPEN_VACANCIES
    assert figure(page, "open-positions") == OPEN_POSITIONS


def test_an_employers_home_page_leaves_out_her_expired_vacancy(client: FlaskClient, bank,
                                                               make_user, login) -> None:
    login(make_user(Role.EMPLOYER, unit_id=bank.id))
    assert figure(client.get("/").get_data(as_text=True), "open-vacancies") == 1
