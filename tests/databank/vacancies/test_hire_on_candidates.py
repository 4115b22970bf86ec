"""On her candidates page, a hire or a rejection refused for what the employer typed (a start day
left out, impossible or Gregorian; no reason) names the candidate and keeps what she typed in
that candidate's field, with the error beside it; and a paused vacancy's page says truly which
candidates stay."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import format_date, today
from databank.matches import review
from databank.matches.interest import mark_interest
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_vacancy
from tests.conftest import PASSWORD, post_form
from tests.databank.matches.test_review import officer

__all__ = ["officer"]  # the fixture

S = ProposalStatus


@pytest.fixture
def proposals(make_graduate, make_vacancy) -> list[Proposal]:
    make_graduate(first_name="مریم")
    make_graduate(first_name="سارا")
    refresh_for_vacancy(make_vacancy(positions=2))
    db.session.commit()
    return list(db.session.scalars(select(Proposal).order_by(Proposal.rank)))


@pytest.fixture
def employer(app: Flask, make_user, proposals: list[Proposal]) -> FlaskClient:
    browser = app.test_client()
    user = make_user(Role.EMPLOYER, unit_id=proposals[0].vacancy.unit_id)
    post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    return browser


def introduced(officer, proposals: list[Proposal]) -> None:
    for proposal in proposals:
        for step in (S.SHORTLISTED, S.INTRODUCED, S.INTERVIEWED):
            review.move(officer, proposal.id, step)
    db.session.commit()


def rows(page: str) -> list[str]:
    return re.findall(r'<tr data-testid="candidate">(.*?)</tr>', page, re.S)


@pytest.mark.parametrize("typed", ["", "1405/13/01", "2026-12-01"])
def test_a_refused_start_day_names_the_candidate_and_stays_in_her_field(
        employer: FlaskClient, officer, proposals: list[Proposal], typed: str) -> None:
    introduced(officer, proposals)
    first, second = proposals
    page = f"/vacancies/{second.vacancy_id}/candidates"
    response = post_form(employer, page, {"to": "hired", "start_date": typed},
                         action=f"{page}/{second.id}/move")
    said = response.get_data(as_text=True)
    assert response.status_code == 400
    name = second.profile.person.full_name
    refused = re.search(r'data-testid="refused">([^<]*)<', said).group(1)
    assert refused.startswith(f"ثبت استخدام برای «{name}» انجام نشد: ")
    own, other = sorted(rows(said), key=lambda row: name not in row)
    field = re.search(r'<input class="[^"]*is-invalid"[^>]*name="start_date"[^>]*>', own)
    assert field and f'value="{typed}"' in field.group(0) and "autofocus" in field.group(0)
    error = re.search(r'data-testid="move-error">([^<]*)<', own).group(1)
    assert error and error in refused
    assert "is-invalid" not in other and 'data-testid="move-error"' not in other
    db.session.refresh(second)
    assert second.status is S.INTERVIEWED


def test_a_rejection_without_a_reason_is_said_beside_that_candidate_s_reason(
        employer: FlaskClient, officer, proposals: list[Proposal]) -> None:
    introduced(officer, proposals)
    first = proposals[0]
    page = f"/vacancies/{first.vacancy_id}/candidates"
    response = post_form(employer, page, {"to": "rejected", "reason": "  "},
                         action=f"{page}/{first.id}/move")
    said = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"رد برای «{first.profile.person.full_name}» انجام نشد: دلیل رد را بنویسید." in said
    assert said.count('data-testid="move-error"') == 1


def test_a_good_start_day_still_hires(employer: FlaskClient, officer,
                                      proposals: list[Proposal]) -> None:
    introduced(officer, proposals)
    first = proposals[0]
    page = f"/vacancies/{first.vacancy_id}/candidates"
    response = post_form(employer, page, {"to": "hired", "start_date": format_date(today())},
                         action=f"{page}/{first.id}/move")
    assert response.status_code == 302
    db.session.refresh(first)
    assert first.status is S.HIRED


def test_pausing_says_truly_which_candidates_stay(employer: FlaskClient, officer, make_user,
                                                  proposals: list[Proposal]) -> None:
    """Pausing takes away only proposals nobody acted on: a shortlisted candidate stays, and so
    does one either side said it is interested in."""
    first, second = proposals
    review.move(officer, first.id, S.SHORTLISTED)
    mark_interest(make_user(Role.GRADUATE, person_id=second.profile.person_id), second.id)
    db.session.commit()
    page = f"/vacancies/{first.vacancy_id}/candidates"
    post_form(employer, "/vacancies", {"status": "paused"},
              action=f"/vacancies/{first.vacancy_id}/status")
    said = employer.get(page).get_data(as_text=True)
    assert len(rows(said)) == 2
    note = re.search(r'data-testid="not-recruiting">(.*?)</div>', said, re.S).group(1)
    assert "در فهرست کوتاه" in note and "علاقه‌مندی اعلام کرده‌اید" in note
    assert "نامزدهایی که معرفی، مصاحبه یا استخدام شده‌اند می‌مانند" not in note
