"""Interest is a signal to the placement office, said or taken back only until it introduces
the graduate, and said only while she consents to be shown. Her page offers just the button
that rule allows (none on a hired proposal, whatever her consent), and the server refuses a
posted one anyway with a Persian reason, never a 500. The office's page says why a proposal
can only be rejected."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.matches.interest import CLOSED_TO_INTEREST, GIVE_CONSENT_FIRST
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_vacancy
from tests.conftest import PASSWORD, post_form

S = ProposalStatus
SAY, TAKE_BACK = 'data-testid="interest-say"', 'data-testid="interest-take_back"'


@pytest.fixture
def proposal(make_graduate, make_vacancy) -> Proposal:
    make_graduate()
    refresh_for_vacancy(make_vacancy())
    db.session.commit()
    return db.session.scalar(select(Proposal))


def put(proposal: Proposal, status: ProposalStatus, *, consent: bool,
        interested: bool = False) -> None:
    proposal.status = status
    proposal.rejection_reason = "ظرفیت پر شد" if status is S.REJECTED else None
    proposal.graduate_interested = proposal.employer_interested = interested
    proposal.profile.consent = consent
    db.session.commit()


def signed_in(app: Flask, user) -> FlaskClient:
    browser = app.test_client()
    post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    return browser


@pytest.fixture
def graduate(app: Flask, make_user, proposal: Proposal) -> FlaskClient:
    return signed_in(app, make_user(Role.GRADUATE, person_id=proposal.profile.person_id))


def card(graduate: FlaskClient) -> str:
    page = graduate.get("/profile/proposals").get_data(as_text=True)
    cards = page.split('data-testid="proposal"')[1:]
    assert len(cards) == 1
    return cards[0]


def say(graduate: FlaskClient, proposal: Proposal, interested: bool):
    return post_form(graduate, "/profile/proposals", {"interested": "1" if interested else "0"},
                     action=f"/profile/proposals/{proposal.id}/interest")


@pytest.mark.parametrize(("status", "consent", "interested", "button"), [
    (S.PROPOSED, True, False, SAY),
    (S.PROPOSED, True, True, TAKE_BACK),
    (S.SHORTLISTED, True, False, SAY),
    (S.PROPOSED, False, False, None),  # she gives her consent back first
    (S.SHORTLISTED, False, True, TAKE_BACK),  # taking a signal back needs no consent
    (S.INTRODUCED, True, False, None),
    (S.INTERVIEWED, True, True, None),
    (S.HIRED, True, False, None),
    (S.HIRED, False, False, None),  # what QA found: «علاقه‌مندم» on a hired proposal
    (S.HIRED, False, True, None),
    (S.REJECTED, True, False, None),
    (S.REJECTED, False, True, None),
])
def test_her_proposal_shows_only_the_interest_button_that_can_work(
        graduate: FlaskClient, proposal: Proposal, status: ProposalStatus, consent: bool,
        interested: bool, button: str | None) -> None:
    put(proposal, status, consent=consent, interested=interested)
    shown = card(graduate)
    assert ("به این فرصت علاقه‌مندم" in shown) is (button == SAY)
    assert ("انصراف" in shown) is (button == TAKE_BACK)
    assert (button is not None) is (f"/profile/proposals/{proposal.id}/interest" in shown)
    assert ("علاقه‌مندی شما ثبت شده است" in shown) is interested
    assert status.label in shown
    if status in (S.PROPOSED, S.SHORTLISTED) and not consent and not interested:
        assert GIVE_CONSENT_FIRST in shown


@pytest.mark.parametrize("status", [S.INTRODUCED, S.INTERVIEWED, S.HIRED, S.REJECTED])
@pytest.mark.parametrize("interested", [True, False])
def test_interest_posted_past_the_introduction_is_refused_in_persian(
        graduate: FlaskClient, proposal: Proposal, status: ProposalStatus,
        interested: bool) -> None:
    put(proposal, status, consent=False, interested=not interested)
    response = say(graduate, proposal, interested)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    refused = re.search(r'data-testid="refused">([^<]*)<', page).group(1)
    assert refused == CLOSED_TO_INTEREST[status]
    assert 'data-testid="proposal"' in page  # she is still on her list
    db.session.refresh(proposal)
    assert proposal.graduate_interested is (not interested)
    assert proposal.status is status


def test_without_consent_she_takes_interest_back_but_does_not_say_it(
        graduate: FlaskClient, proposal: Proposal) -> None:
    put(proposal, S.SHORTLISTED, consent=False, interested=True)
    assert say(graduate, proposal, False).status_code == 302
    db.session.refresh(proposal)
    assert not proposal.graduate_interested
    refused = say(graduate, proposal, True)
    assert refused.status_code == 409 and GIVE_CONSENT_FIRST in refused.get_data(as_text=True)
    db.session.refresh(proposal)
    assert not proposal.graduate_interested


@pytest.mark.parametrize(("status", "consent"), [(S.REJECTED, True), (S.HIRED, False),
                                                 (S.INTRODUCED, True)])
def test_the_employer_is_refused_the_same_way(app: Flask, make_user, proposal: Proposal,
                                              status: ProposalStatus, consent: bool) -> None:
    put(proposal, status, consent=consent)
    employer = signed_in(app, make_user(Role.EMPLOYER, unit_id=proposal.vacancy.unit_id))
    page = f"/vacancies/{proposal.vacancy_id}/candidates"
    response = post_form(employer, page, {"interested": "1"},
                         action=f"{page}/{proposal.id}/interest")
    assert response.status_code == 409
    assert CLOSED_TO_INTEREST[status] in response.get_data(as_text=True)
    db.session.refresh(proposal)
    assert not proposal.employer_interested


def test_the_office_page_of_a_hired_proposal_offers_nothing_and_names_the_withdrawal(
        client: FlaskClient, login, make_user, proposal: Proposal) -> None:
    put(proposal, S.HIRED, consent=False, interested=True)
    login(make_user(Role.ADMIN))
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    assert 'data-testid="consent-withdrawn"' in page
    assert "data-testid=\"move-" not in page and "interest" not in page.split("<main")[-1]


def test_the_office_page_says_why_only_a_rejection_is_left(
        client: FlaskClient, login, make_user, proposal: Proposal) -> None:
    put(proposal, S.SHORTLISTED, consent=False)
    login(make_user(Role.ADMIN))
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    assert re.findall(r'data-testid="move-(\w+)"', page) == ["rejected"]
    assert "اجازهٔ معرفی به کارفرما را پس گرفته است" in page
    assert 'data-testid="held-back"' in page


def test_a_paused_vacancy_takes_no_new_interest_but_lets_it_be_taken_back(
        graduate: FlaskClient, proposal: Proposal) -> None:
    from databank.matches.interest import VACANCY_NOT_OPEN
    from databank.vacancies.models import VacancyStatus

    put(proposal, S.PROPOSED, consent=True)
    proposal.vacancy.status = VacancyStatus.PAUSED
    db.session.commit()
    not_open = VACANCY_NOT_OPEN.format(status=VacancyStatus.PAUSED.label)
    shown = card(graduate)
    assert SAY not in shown and not_open in shown and GIVE_CONSENT_FIRST not in shown
    refused = say(graduate, proposal, True)
    assert refused.status_code == 409 and not_open in refused.get_data(as_text=True)
    db.session.refresh(proposal)
    assert not proposal.graduate_interested
    put(proposal, S.PROPOSED, consent=True, interested=True)
    assert TAKE_BACK in card(graduate)
    assert say(graduate, proposal, False).status_code == 302
    db.session.refresh(proposal)
    assert not proposal.graduate_interested
