"""A proposal held by the other side's earlier run is scored again when a profile or a vacancy
is edited: an untouched one that now scores below the engine's minimum is withdrawn (a fresh
run would never propose it), while one someone acted on stays with its new score and reasons.
The graduate's page and the office queue show the same proposals."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_profile, refresh_for_vacancy
from databank.organisations.services import get_or_create_agency, get_or_create_office
from databank.people.services import profile_values
from databank.vacancies.services import edit_vacancy
from matching.scoring import MIN_SCORE
from tests.conftest import PASSWORD, post_form
from tests.databank.matches.test_review import move

FARSI = {"field_of_study": "زبان و ادبیات فارسی", "skills": "ترجمه", "desired_job": "مترجم"}


def proposals_of(profile_id: int) -> dict[int, Proposal]:
    return {p.vacancy_id: p for p in db.session.scalars(
        select(Proposal).where(Proposal.profile_id == profile_id))}


def signed_in(app: Flask, user) -> FlaskClient:
    browser = app.test_client()
    response = post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def queue_links(officer: FlaskClient) -> set[int]:
    page = officer.get("/review").get_data(as_text=True)
    return {int(i) for i in re.findall(r'href="/review/(\d+)', page)}


def test_her_edit_into_an_unrelated_field_withdraws_untouched_proposals_below_the_minimum(
        app: Flask, client: FlaskClient, login, make_user, make_graduate,
        make_vacancy) -> None:
    graduate = make_graduate()
    vacancies = [make_vacancy(title=title) for title in
                 ("برنامه‌نویس وب", "کارشناس پایگاه داده", "توسعه‌دهندهٔ نرم‌افزار", "برنامه‌نویس")]
    for vacancy in vacancies:  # each vacancy's own run: her pairs are held by its top
        refresh_for_vacancy(vacancy)
    db.session.commit()
    before = proposals_of(graduate.id)
    assert set(before) == {v.id for v in vacancies}
    assert all(p.by_vacancy and p.score >= MIN_SCORE for p in before.values())
    shortlisted, liked, liked_by_employer, untouched = (before[v.id] for v in vacancies)
    office = get_or_create_office("دفتر کاریابی امید", get_or_create_agency("اداره کار"))
    liked.graduate_interested = True
    liked_by_employer.employer_interested = True
    db.session.commit()
    login(make_user(Role.PLACEMENT_OFFICER, office_id=office.id))
    assert move(client, shortlisted, "shortlisted").status_code == 302
    old_reasons = list(shortlisted.reasons)

    her = signed_in(app, make_user(Role.GRADUATE, person_id=graduate.person_id))
    edited = {**profile_values(graduate), **FARSI, "consent": "1",
              "head_of_household": "1" if graduate.head_of_household else ""}
    assert post_form(her, "/profile", edited).status_code == 302

    db.session.expire_all()
    after = proposals_of(graduate.id)
    kept = {shortlisted.id, liked.id, liked_by_employer.id}
    assert {p.id for p in after.values()} == kept  # the untouched one is gone
    assert untouched.vacancy_id not in after
    for proposal in after.values():  # those acted on argue from what she holds now
        assert proposal.score < MIN_SCORE
        assert not any("مهندسی کامپیوتر" in reason for reason in proposal.reasons)
    assert after[shortlisted.vacancy_id].reasons != old_reasons
    assert after[shortlisted.vacancy_id].status is ProposalStatus.SHORTLISTED

    page = her.get("/profile/proposals").get_data(as_text=True)
    assert page.count('data-testid="proposal"') == 3
    assert queue_links(client) == kept  # the office's to-do list agrees with her page


def test_an_edited_vacancy_withdraws_untouched_pairs_her_own_run_held(
        make_user, make_graduate, make_vacancy) -> None:
    vacancy = make_vacancy()
    employer = make_user(Role.EMPLOYER, unit_id=vacancy.unit_id)
    graduates = [make_graduate(), make_graduate()]
    for graduate in graduates:  # each graduate's own run: the pairs are held by her top
        refresh_for_profile(graduate)
    db.session.commit()
    held = {p.profile_id: p for p in db.session.scalars(select(Proposal))}
    assert set(held) == {g.id for g in graduates}
    assert all(p.by_profile and not p.by_vacancy for p in held.values())
    held[graduates[0].id].graduate_interested = True
    db.session.commit()

    edit_vacancy(employer, vacancy.id, {
        "title": "مترجم متون فنی", "positions": 2, "min_degree": 3,
        "fields": ["زبان و ادبیات فارسی"], "skills": ["ترجمه"], "gender": None})
    db.session.commit()

    left = list(db.session.scalars(select(Proposal)))
    assert [p.profile_id for p in left] == [graduates[0].id]
    assert left[0].score < MIN_SCORE and left[0].graduate_interested
