"""Before an introduction the employer sees a candidate by number: her place in the vacancy's
list, in Persian digits, never the proposal's internal id."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.db import db
from databank.matches.models import Proposal
from databank.matches.services import refresh_for_vacancy
from tests.conftest import post_form

NUMBERED = re.compile(r">نامزد شمارهٔ (\S+?)<")  # the cell, not a button naming her


def test_candidates_are_numbered_by_their_place_in_persian_digits(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    for _ in range(3):
        make_graduate()
    for vacancy in (make_vacancy(), make_vacancy()):  # other units' proposals take low ids
        refresh_for_vacancy(vacancy)
    db.session.commit()
    employer = make_user(Role.EMPLOYER)
    login(employer)
    post_form(client, "/unit", {"name": "شرکت نرم‌افزاری آزمون", "sector": "industry"})
    vacancy = make_vacancy(unit=db.session.get(User, employer.id).unit)
    refresh_for_vacancy(vacancy)
    db.session.commit()
    proposals = list(db.session.scalars(select(Proposal).where(
        Proposal.vacancy_id == vacancy.id).order_by(Proposal.rank)))
    assert len(proposals) == 3 and min(p.id for p in proposals) > 3
    page = client.get(f"/vacancies/{vacancy.id}/candidates").get_data(as_text=True)
    assert NUMBERED.findall(page) == ["۱", "۲", "۳"]
    for proposal in proposals:  # the links still name the proposal itself
        assert f"/candidates/{proposal.id}/interest" in page
