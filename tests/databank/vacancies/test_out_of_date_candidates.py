"""An employer acting from a candidates page that went out of date (an office rejected or
introduced the candidate meanwhile, or the graduate withdrew her consent) is answered on her
candidates page, with the Persian reason and the refusal's status, never a bare error page;
and an employer without a unit is sent to register it, as the vacancies list does."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.db import db
from databank.matches import review
from databank.matches.interest import CLOSED_TO_INTEREST
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_vacancy
from databank.vacancies.views import NOT_ON_LIST
from tests.conftest import PASSWORD, post_form

S = ProposalStatus


@pytest.fixture
def proposal(make_graduate, make_vacancy) -> Proposal:
    make_graduate()
    refresh_for_vacancy(make_vacancy())
    db.session.commit()
    return db.session.scalar(select(Proposal))


@pytest.fixture
def employer(app: Flask, make_user, proposal: Proposal) -> FlaskClient:
    browser = app.test_client()
    user = make_user(Role.EMPLOYER, unit_id=proposal.vacancy.unit_id)
    post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    return browser


def office_moves(make_user, proposal: Proposal, *steps: ProposalStatus) -> None:
    officer = make_user(Role.ADMIN)
    for step in steps:
        review.move(officer, proposal.id, step, reason="ظرفیت پر شد")
    db.session.commit()


def answered_on_her_page(response, status: int, message: str) -> None:
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert re.search(r'data-testid="refused">([^<]*)<', page).group(1) == message
    assert 'data-testid="candidates"' in page and "نامزدهای پیشنهادی برای" in page


def test_an_interview_recorded_after_the_office_rejected_her_is_said_on_the_page(
        employer: FlaskClient, make_user, proposal: Proposal) -> None:
    office_moves(make_user, proposal, S.SHORTLISTED, S.INTRODUCED)
    page = f"/vacancies/{proposal.vacancy_id}/candidates"
    shown = employer.get(page).get_data(as_text=True)  # what she has in front of her
    assert 'data-testid="employer-move-interviewed"' in shown
    office_moves(make_user, proposal, S.REJECTED)
    response = post_form(employer, page, {"to": "interviewed"},
                         action=f"{page}/{proposal.id}/move")
    answered_on_her_page(response, 409, f"از وضعیت «{S.REJECTED.label}» نمی‌توان به "
                                        f"«{S.INTERVIEWED.label}» رفت.")
    assert 'data-testid="employer-move-interviewed"' not in response.get_data(as_text=True)
    db.session.refresh(proposal)
    assert proposal.status is S.REJECTED


def test_interest_said_after_the_office_introduced_her_is_said_on_the_page(
        employer: FlaskClient, make_user, proposal: Proposal) -> None:
    page = f"/vacancies/{proposal.vacancy_id}/candidates"
    assert 'data-testid="employer-interest"' in employer.get(page).get_data(as_text=True)
    office_moves(make_user, proposal, S.SHORTLISTED, S.INTRODUCED)
    response = post_form(employer, page, {"interested": "1"},
                         action=f"{page}/{proposal.id}/interest")
    answered_on_her_page(response, 409, CLOSED_TO_INTEREST[S.INTRODUCED])
    db.session.refresh(proposal)
    assert proposal.employer_interested is False


def test_interest_in_a_graduate_who_withdrew_her_consent_meanwhile_is_said_on_the_page(
        employer: FlaskClient, proposal: Proposal) -> None:
    page = f"/vacancies/{proposal.vacancy_id}/candidates"
    employer.get(page)
    proposal.profile.consent = False
    db.session.commit()
    response = post_form(employer, page, {"interested": "1"},
                         action=f"{page}/{proposal.id}/interest")
    answered_on_her_page(response, 404, NOT_ON_LIST)
    db.session.refresh(proposal)
    assert proposal.employer_interested is False


@pytest.mark.parametrize("path", ["candidates", "edit"])
def test_an_employer_without_a_unit_is_sent_to_register_it(
        client: FlaskClient, login, make_user, proposal: Proposal, path: str) -> None:
    login(make_user(Role.EMPLOYER))
    response = client.get(f"/vacancies/{proposal.vacancy_id}/{path}")
    assert response.status_code == 302 and response.headers["Location"] == "/unit"
    assert "ابتدا مشخصات واحد خود را ثبت کنید" in client.get("/unit").get_data(as_text=True)


def test_a_step_pressed_twice_is_said_to_be_done_already_and_written_once(
        employer: FlaskClient, make_user, proposal: Proposal) -> None:
    from databank.audit.models import AuditEntry

    office_moves(make_user, proposal, S.SHORTLISTED, S.INTRODUCED)
    page = f"/vacancies/{proposal.vacancy_id}/candidates"
    for _ in range(2):
        response = post_form(employer, page, {"to": "interviewed"},
                             action=f"{page}/{proposal.id}/move")
        assert response.status_code == 302 and response.headers["Location"].endswith(page)
    shown = employer.get(page).get_data(as_text=True)
    assert "این پیشنهاد پیش‌تر به وضعیت «مصاحبه‌شده» رسیده بود؛ چیزی تغییر نکرد." in shown
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(
        AuditEntry.action == "review", AuditEntry.to_state == "interviewed")) == 1
