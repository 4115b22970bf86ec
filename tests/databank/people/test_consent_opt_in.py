"""Consent to be shown is opt-in: the registration form comes unticked and a registration
without it stands; and its label says what an employer sees, before and after an
introduction, as the candidates page shows it."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import persian_digits
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_vacancy
from databank.people.models import Person
from tests.conftest import post_form
from tests.databank.people.test_graduate_pages import REGISTRATION

CONSENT_BOX = re.compile(r'<input[^>]*name="consent"[^>]*>')


def test_the_consent_box_comes_unticked(client: FlaskClient) -> None:
    page = client.get("/graduates/register").get_data(as_text=True)
    box = CONSENT_BOX.search(page).group(0)
    assert 'type="checkbox"' in box and "checked" not in box


def test_she_registers_without_ticking_it_and_is_not_shown(client: FlaskClient) -> None:
    unticked = {k: v for k, v in REGISTRATION.items() if k != "consent"}
    assert post_form(client, "/graduates/register", unticked).status_code == 302
    assert db.session.scalar(select(Person)).profile.consent is False


def test_the_label_says_an_introduction_hands_her_name_and_mobile_to_the_employer(
        client: FlaskClient, login, make_user, make_graduate, make_vacancy) -> None:
    label = client.get("/graduates/register").get_data(as_text=True)
    assert "بدون کد ملی و شمارهٔ تماس" not in label
    assert "پس از آنکه دفتر کاریابی مرا به او معرفی کند نام و شمارهٔ همراهم" in label
    assert "کد ملی من به کارفرما نشان داده نمی‌شود" in label

    profile = make_graduate(mobile="09121112233")
    vacancy = make_vacancy()
    refresh_for_vacancy(vacancy)
    proposal = db.session.scalar(select(Proposal))
    proposal.status = ProposalStatus.INTRODUCED
    db.session.commit()
    login(make_user(Role.EMPLOYER, unit_id=vacancy.unit_id))
    seen = client.get(f"/vacancies/{vacancy.id}/candidates").get_data(as_text=True)
    person = profile.person
    assert person.full_name in seen and "۰۹۱۲۱۱۱۲۲۳۳" in seen  # what the label now says
    assert person.national_id not in seen and persian_digits(person.national_id) not in seen


def test_the_label_names_what_the_employer_sees_before_the_introduction(
        client: FlaskClient, login, make_user, make_graduate, make_vacancy) -> None:
    label = client.get("/graduates/register").get_data(as_text=True)
    assert "رشته، مقطع، مهارت‌ها، شغل دلخواه و شهر مرا" in label and "جنسیت و شهر" not in label

    profile = make_graduate(desired_job="برنامه‌نویس وب", city="ساوه")
    vacancy = make_vacancy()
    refresh_for_vacancy(vacancy)
    db.session.commit()
    login(make_user(Role.EMPLOYER, unit_id=vacancy.unit_id))
    seen = client.get(f"/vacancies/{vacancy.id}/candidates").get_data(as_text=True)
    assert profile.field_of_study in seen and "ساوه" in seen and "پایتون" in seen
    assert "شغل دلخواه «برنامه‌نویس وب»" in seen  # in the match's reasons
    assert profile.person.full_name not in seen and "جنسیت" not in seen
