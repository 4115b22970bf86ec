"""What the two interest routes answer: only "1" and "0" mean anything (anything else is a
Persian 400 that changes nothing), interest taken back is said to be taken back, taking back
an interest never given changes nothing and leaves no audit entry, and a vacancy past its
deadline shows «گذشته» and takes no new interest (taking it back stays allowed)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.audit.models import AuditEntry
from databank.db import db
from databank.jalali import format_date, today
from databank.matches.interest import DEADLINE_PASSED
from databank.matches.models import Proposal
from databank.matches.schemas import INTEREST_VALUES
from databank.matches.services import refresh_for_vacancy
from tests.conftest import PASSWORD, post_form


@pytest.fixture
def proposal(make_graduate, make_vacancy) -> Proposal:
    make_graduate()
    refresh_for_vacancy(make_vacancy())
    db.session.commit()
    return db.session.scalar(select(Proposal))


def signed_in(app: Flask, user) -> FlaskClient:
    browser = app.test_client()
    assert post_form(browser, "/login", {"username": user.username,
                                         "password": PASSWORD}).status_code == 302
    return browser


@pytest.fixture
def graduate(app: Flask, make_user, proposal: Proposal) -> FlaskClient:
    return signed_in(app, make_user(Role.GRADUATE, person_id=proposal.profile.person_id))


@pytest.fixture
def employer(app: Flask, make_user, proposal: Proposal) -> FlaskClient:
    return signed_in(app, make_user(Role.EMPLOYER, unit_id=proposal.vacancy.unit_id))


def her_page(proposal: Proposal) -> tuple[str, str]:
    return "/profile/proposals", f"/profile/proposals/{proposal.id}/interest"


def its_page(proposal: Proposal) -> tuple[str, str]:
    page = f"/vacancies/{proposal.vacancy_id}/candidates"
    return page, f"{page}/{proposal.id}/interest"


def audit_entries() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def flashed(client: FlaskClient, page: str) -> str:
    return client.get(page).get_data(as_text=True)


def refused_text(response) -> str:
    return re.search(r'data-testid="refused">([^<]*)<', response.get_data(as_text=True)
                     ).group(1)


SIDES = [("graduate", her_page, "graduate_interested"),
         ("employer", its_page, "employer_interested")]


@pytest.mark.parametrize(("side", "pages", "flag"), SIDES)
@pytest.mark.parametrize("value", ["2", "yes", "true", "", "۱", None])
def test_only_one_and_zero_are_understood(request, proposal: Proposal, side, pages, flag,
                                          value) -> None:
    client = request.getfixturevalue(side)
    page, action = pages(proposal)
    before = audit_entries()
    response = post_form(client, page, {} if value is None else {"interested": value},
                         action=action)
    assert response.status_code == 400
    assert refused_text(response) == INTEREST_VALUES
    db.session.refresh(proposal)
    assert getattr(proposal, flag) is False and audit_entries() == before


@pytest.mark.parametrize(("side", "pages", "flag"), SIDES)
def test_taking_back_an_interest_never_given_changes_nothing_and_says_so(
        request, proposal: Proposal, side, pages, flag) -> None:
    client = request.getfixturevalue(side)
    page, action = pages(proposal)
    before = audit_entries()
    response = post_form(client, page, {"interested": "0"}, action=action)
    assert response.status_code == 302
    assert "ثبت نشده بود که برداشته شود؛ چیزی تغییر نکرد" in flashed(client, page)
    db.session.refresh(proposal)
    assert getattr(proposal, flag) is False and audit_entries() == before


def test_the_employer_taking_interest_back_is_told_it_was_taken_back(
        employer: FlaskClient, proposal: Proposal) -> None:
    page, action = its_page(proposal)
    assert post_form(employer, page, {"interested": "1"}, action=action).status_code == 302
    assert "علاقه‌مندی شما به این نامزد ثبت شد" in flashed(employer, page)
    assert post_form(employer, page, {"interested": "0"}, action=action).status_code == 302
    shown = flashed(employer, page)
    assert "علاقه‌مندی شما به این نامزد برداشته شد" in shown
    assert "علاقه‌مندی شما به این نامزد ثبت شد" not in shown
    db.session.refresh(proposal)
    assert proposal.employer_interested is False
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["interest", "no_interest"]


def expire(proposal: Proposal) -> str:
    proposal.vacancy.deadline = today() - timedelta(days=1)
    db.session.commit()
    return DEADLINE_PASSED.format(deadline=format_date(proposal.vacancy.deadline))


def her_card(graduate: FlaskClient) -> str:
    return graduate.get("/profile/proposals").get_data(as_text=True).split(
        'data-testid="proposal"')[1]


def test_a_vacancy_past_its_deadline_is_marked_and_takes_no_new_interest(
        graduate: FlaskClient, proposal: Proposal) -> None:
    assert 'data-testid="expired"' not in her_card(graduate)
    proposal.vacancy.deadline = today()  # its last day: still live
    db.session.commit()
    assert 'data-testid="expired"' not in her_card(graduate)
    assert 'data-testid="interest-say"' in her_card(graduate)
    passed = expire(proposal)
    card = her_card(graduate)
    assert 'data-testid="expired">گذشته<' in card
    assert 'data-testid="interest-say"' not in card and passed in card
    page, action = her_page(proposal)
    before = audit_entries()
    refused = post_form(graduate, page, {"interested": "1"}, action=action)
    assert refused.status_code == 409 and refused_text(refused) == passed
    db.session.refresh(proposal)
    assert proposal.graduate_interested is False and audit_entries() == before


def test_interest_given_before_the_deadline_can_still_be_taken_back(
        graduate: FlaskClient, proposal: Proposal) -> None:
    page, action = her_page(proposal)
    assert post_form(graduate, page, {"interested": "1"}, action=action).status_code == 302
    expire(proposal)
    assert 'data-testid="interest-take_back"' in her_card(graduate)
    assert post_form(graduate, page, {"interested": "0"}, action=action).status_code == 302
    db.session.refresh(proposal)
    assert proposal.graduate_interested is False


def test_interest_in_a_proposal_that_left_her_list_is_answered_on_her_list(
        graduate: FlaskClient, employer: FlaskClient, proposal: Proposal) -> None:
    """The employer paused the vacancy while her list was open: its untouched proposals left
    the bank, and her click is told why on her list, not with a bare 404 page."""
    page, action = her_page(proposal)
    vacancy_page = f"/vacancies/{proposal.vacancy_id}"
    token_page = "/vacancies"
    assert post_form(employer, token_page, {"status": "paused"},
                     action=f"{vacancy_page}/status").status_code == 302
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id) is None
    response = post_form(graduate, page, {"interested": "1"}, action=action)
    text = response.get_data(as_text=True)
    assert response.status_code == 404
    assert re.search(r'data-testid="refused">([^<]*)<', text).group(1).startswith(
        "این فرصت دیگر در فهرست پیشنهادهای شما نیست")


def test_an_office_opening_a_proposal_that_left_the_queue_is_told_why(
        app: Flask, make_user, proposal: Proposal, employer: FlaskClient) -> None:
    office = signed_in(app, make_user(Role.PLACEMENT_OFFICER))
    gone = proposal.id
    assert post_form(employer, "/vacancies", {"status": "closed"},
                     action=f"/vacancies/{proposal.vacancy_id}/status").status_code == 302
    response = office.get(f"/review/{gone}")
    assert response.status_code == 404
    assert "پیشنهاد از صف کنار رفته است" in response.get_data(as_text=True)
