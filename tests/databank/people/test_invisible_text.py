"""Text that shows nothing is no answer, and control characters never reach the database:
on the graduate's forms, a vacancy and the login form alike (PostgreSQL refuses NUL in text,
which used to be a 500)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.db import db
from databank.people.models import Person
from databank.vacancies.models import Vacancy
from tests.conftest import post_form
from tests.databank.people.test_graduate_pages import REGISTRATION
from tests.databank.vacancies.test_employer_pages import (
    VACANCY,
    register_unit,
)

ZWNJ, RLM = "\u200c", "\u200f"


def stored_person() -> Person:
    db.session.expire_all()
    return db.session.scalar(select(Person))


@pytest.mark.parametrize(("field", "typed"), [
    ("first_name", ZWNJ), ("last_name", RLM), ("field_of_study", ZWNJ * 2),
    ("first_name", f" {ZWNJ}\ufeff "),
])
def test_an_invisible_answer_on_the_profile_is_a_missing_one(client: FlaskClient, field: str,
                                                             typed: str) -> None:
    post_form(client, "/graduates/register", REGISTRATION)
    response = post_form(client, "/profile", {**REGISTRATION, field: typed})
    assert response.status_code == 400
    assert "این بخش را پر کنید" in response.get_data(as_text=True)
    person = stored_person()
    assert person.first_name == "مریم" and person.last_name == "احمدی"
    assert person.profile.field_of_study == "مهندسی کامپیوتر گرایش نرم افزار"


def test_nul_and_controls_are_removed_before_saving_and_the_half_space_kept(
        client: FlaskClient) -> None:
    response = post_form(client, "/graduates/register", {
        **REGISTRATION, "first_name": "مر\x00یم", "city": "سا\x07وه\x00",
        "desired_job": "می\u200cخواهم برنامه\u200cنویس شوم\x00", "skills": "پایتون\x00، SQL"})
    assert response.status_code == 302, response.get_data(as_text=True)
    person = stored_person()
    assert person.first_name == "مریم" and person.city == "ساوه"
    assert person.profile.desired_job == "می\u200cخواهم برنامه\u200cنویس شوم"
    assert person.profile.skills == ["پایتون", "SQL"]
    edited = post_form(client, "/profile", {**REGISTRATION, "last_name": "احمدی\x00نیا"})
    assert edited.status_code == 302, edited.get_data(as_text=True)
    assert stored_person().last_name == "احمدینیا"


def test_a_vacancy_titled_with_an_invisible_character_is_refused(
        client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.EMPLOYER))
    register_unit(client)
    response = post_form(client, "/vacancies/new", {**VACANCY, "title": ZWNJ})
    assert response.status_code == 400
    assert "این بخش را پر کنید" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Vacancy.id))) == 0
    posted = post_form(client, "/vacancies/new", {
        **VACANCY, "title": "کارشناس\x00 کیفیت", "description": "تمام‌وقت\r\nبیمه\x00"})
    assert posted.status_code == 302, posted.get_data(as_text=True)
    vacancy = db.session.scalar(select(Vacancy))
    assert vacancy.title == "کارشناس کیفیت" and vacancy.description == "تمام‌وقت\nبیمه"


def test_a_nul_in_the_login_form_is_a_failed_login_not_an_error(client: FlaskClient,
                                                                 make_user) -> None:
    user = make_user(Role.GRADUATE)
    response = post_form(client, "/login", {"username": f"{user.username}\x00",
                                            "password": "wrong\x00password"})
    assert response.status_code in (400, 401)
