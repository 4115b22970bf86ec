"""A graduate who withdraws her consent leaves the employers' lists: her name and mobile are
not shown again, even after an introduction, and no one says interest in her until she gives
it back; a hired graduate stays on the list of the unit she works for."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_vacancy
from tests.conftest import PASSWORD, post_form


def signed_in(app: Flask, user) -> FlaskClient:
    browser = app.test_client()
    post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    return browser


def test_an_introduced_graduate_who_withdrew_consent_leaves_the_employers_list(
        app: Flask, make_user, make_graduate, make_vacancy) -> None:
    profile = make_graduate(first_name="نسرین", mobile="09125556677")
    vacancy = make_vacancy()
    refresh_for_vacancy(vacancy)
    proposal = db.session.scalar(select(Proposal))
    proposal.status = ProposalStatus.INTRODUCED
    db.session.commit()
    employer = signed_in(app, make_user(Role.EMPLOYER, unit_id=vacancy.unit_id))
    page = f"/vacancies/{vacancy.id}/candidates"
    assert "۰۹۱۲۵۵۵۶۶۷۷" in employer.get(page).get_data(as_text=True)

    profile.consent = False
    db.session.commit()
    shown = employer.get(page).get_data(as_text=True)
    assert "نسرین" not in shown and "۰۹۱۲۵۵۵۶۶۷۷" not in shown
    assert 'data-testid="candidate"' not in shown
    said = post_form(employer, page, {"interested": "1"},
                     action=f"{page}/{proposal.id}/interest")
    assert said.status_code == 404
    db.session.refresh(proposal)
    assert not proposal.employer_interested

    proposal.status = ProposalStatus.HIRED  # she works there: the unit keeps seeing her
    db.session.commit()
    assert "نسرین" in employer.get(page).get_data(as_text=True)


def test_she_gives_her_consent_back_before_saying_interest(
        app: Flask, make_user, make_graduate, make_vacancy) -> None:
    profile = make_graduate()
    refresh_for_vacancy(make_vacancy())
    proposal = db.session.scalar(select(Proposal))
    profile.consent = False
    db.session.commit()
    graduate = signed_in(app, make_user(Role.GRADUATE, person_id=profile.person_id))
    said = post_form(graduate, "/profile/proposals", {"interested": "1"},
                     action=f"/profile/proposals/{proposal.id}/interest")
    assert "اجازهٔ نمایش به کارفرمایان" in said.get_data(as_text=True)
    db.session.refresh(proposal)
    assert not proposal.graduate_interested


def test_the_others_close_ranks_when_she_withdraws(make_graduate, make_vacancy) -> None:
    from databank.matches.services import refresh_for_profile

    first, second = make_graduate(), make_graduate()
    vacancy = make_vacancy()
    refresh_for_vacancy(vacancy)
    db.session.commit()
    ranked = {p.profile_id: p.rank for p in db.session.scalars(select(Proposal))}
    leaving = first if ranked[first.id] == 1 else second
    leaving.consent = False
    refresh_for_profile(leaving)
    db.session.commit()
    assert [p.rank for p in db.session.scalars(select(Proposal))] == [1]
