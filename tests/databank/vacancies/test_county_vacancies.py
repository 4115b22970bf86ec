"""The offices see every unit's vacancies: free positions, proposals still in play, filters,
and the way to each vacancy's proposals in the queue; nobody else reaches the list."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import days_from_today, persian_digits
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_vacancy
from databank.organisations.services import get_or_create_estate, get_or_create_unit
from databank.vacancies.models import VacancyStatus
from databank.vocabulary import Sector
from tests.conftest import PASSWORD, post_form


def listed(page: str) -> list[str]:
    return re.findall(r'data-testid="ref">([^<]*)</bdi>', page)


def test_the_office_sees_every_units_vacancies_with_free_positions_and_proposals(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    estate = get_or_create_estate("شهرک صنعتی کاوه")
    unit = get_or_create_unit("شرکت فولاد سپهر", sector=Sector.INDUSTRY)
    unit.estate_id = estate.id
    other = get_or_create_unit("شرکت لبنیات آزمون", sector=Sector.INDUSTRY)
    make_graduate()
    make_graduate()
    steel = make_vacancy(unit=unit, ref="ST-1", title="جوشکار", positions=3)
    make_vacancy(unit=other, ref="MILK-1", title="کارشناس کنترل کیفیت")
    paused = make_vacancy(unit=other, ref="MILK-2", title="انباردار")
    paused.status = VacancyStatus.PAUSED
    refresh_for_vacancy(steel)
    rejected = db.session.scalars(select(Proposal).where(Proposal.vacancy_id == steel.id)).first()
    rejected.status, rejected.rejection_reason = ProposalStatus.REJECTED, "مناسب نبود"
    db.session.commit()
    login(make_user(Role.PLACEMENT_OFFICER))
    page = client.get("/vacancies/county").get_data(as_text=True)
    assert sorted(listed(page)) == ["MILK-1", "ST-1"]  # recruiting ones by default
    row = page[page.index("ST-1"):].split("</tr>")[0]
    assert "شهرک صنعتی کاوه" in row and f"{persian_digits(3)} از {persian_digits(3)}" in row
    assert re.search(r'data-testid="in-play">([^<]*)<', row).group(1) == persian_digits(1)
    assert "/review?vacancy=ST-1&amp;unit=" in row
    assert listed(client.get("/vacancies/county?state=paused").get_data(as_text=True)) == \
        ["MILK-2"]
    assert listed(client.get(f"/vacancies/county?estate={estate.id}").get_data(
        as_text=True)) == ["ST-1"]
    assert listed(client.get("/vacancies/county?title=كنترل%20کيفيت").get_data(
        as_text=True)) == ["MILK-1"]  # typed with Arabic letters
    assert listed(client.get("/vacancies/county?title=%25").get_data(as_text=True)) == []


def test_a_vacancy_past_its_deadline_is_listed_apart(client: FlaskClient, make_user, login,
                                                     make_vacancy) -> None:
    late = make_vacancy(ref="OLD-1")
    late.deadline = days_from_today(-3)
    make_vacancy(ref="NEW-1")
    db.session.commit()
    login(make_user(Role.ADMIN))
    assert listed(client.get("/vacancies/county").get_data(as_text=True)) == ["NEW-1"]
    expired = client.get("/vacancies/county?state=expired").get_data(as_text=True)
    assert listed(expired) == ["OLD-1"] and "گذشته" in expired


def test_a_wrong_filter_is_named_and_the_others_still_apply(client: FlaskClient, make_user,
                                                            login, make_vacancy) -> None:
    make_vacancy(ref="A-1", title="جوشکار")
    make_vacancy(ref="B-1", title="حسابدار")
    login(make_user(Role.PLACEMENT_OFFICER))
    answer = client.get("/vacancies/county?state=everything&title=حسابدار")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400 and "یکی از گزینه‌های فهرست" in page
    assert listed(page) == ["B-1"]


def test_only_offices_and_the_admin_see_the_county_list(client: FlaskClient, make_user,
                                                        login) -> None:
    for role in (Role.EMPLOYER, Role.GRADUATE, Role.AGENCY_OFFICER):
        other = client.application.test_client()
        user = make_user(role)
        post_form(other, "/login", {"username": user.username, "password": PASSWORD})
        assert other.get("/vacancies/county").status_code == 403
