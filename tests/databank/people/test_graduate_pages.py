"""A graduate's journey through the web pages, and what she may and may not see."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.db import db
from databank.matches.models import Proposal
from databank.matches.services import refresh_for_vacancy
from databank.people.models import GraduateProfile, Person
from tests.conftest import PASSWORD, post_form

REGISTRATION = {
    "national_id": "۰۰۱۳۵۴۲۴۱۹", "username": "maryam.ahmadi", "password": "a-long-enough-pass",
    "password_confirm": "a-long-enough-pass", "first_name": "مريم", "last_name": "احمدی",
    "gender": "female", "birth_year": "۱۳۷۶", "mobile": "+۹۸۹۱۲۳۴۵۶۷۸۹", "city": "ساوه",
    "university": "دانشگاه آزاد اسلامی واحد ساوه", "degree": "3",
    "field_of_study": "مهندسی کامپیوتر گرایش نرم افزار", "graduation_year": "1399",
    "skills": "پایتون، SQL; جنگو", "desired_job": "برنامه‌نویس وب", "head_of_household": "1",
    "consent": "1",
}


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_graduate_registers_account_and_profile_in_one_form(client: FlaskClient,
                                                              make_vacancy) -> None:
    make_vacancy(title="برنامه‌نویس پایتون", skills=["پایتون", "جنگو"])
    response = post_form(client, "/graduates/register", REGISTRATION, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert "برنامه‌نویس پایتون" in page and "٪" in page
    person = db.session.scalar(select(Person))
    assert person.national_id == "0013542419" and person.mobile == "09123456789"
    assert person.birth_year == 1376 and person.first_name == "مریم"  # typed with Arabic ي
    assert person.name_key.startswith("مریم")
    profile = person.profile
    assert profile.skills == ["پایتون", "SQL", "جنگو"] and profile.head_of_household
    assert profile.university.name == "دانشگاه آزاد اسلامی واحد ساوه"
    user = db.session.scalar(select(User))
    assert user.role is Role.GRADUATE and user.person_id == person.id
    assert user.display_name == "مریم احمدی"


def test_bad_registration_answers_in_persian_and_stores_nothing(client: FlaskClient) -> None:
    bad = {**REGISTRATION, "national_id": "0013542418", "mobile": "02112345678",
           "birth_year": "2001", "degree": "", "field_of_study": ""}
    response = post_form(client, "/graduates/register", bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    for message in ("رقم کنترل", "با ۰۹ شروع شود", "این سال میلادی است", "همان ۱۳۷۹ یا ۱۳۸۰",
                    "این بخش را پر کنید"):
        assert message in page
    assert count(Person) == count(User) == count(GraduateProfile) == 0


def test_a_national_id_with_an_account_cannot_register_twice(client: FlaskClient) -> None:
    post_form(client, "/graduates/register", REGISTRATION)
    post_form(client, "/", {}, action="/logout")
    again = post_form(client, "/graduates/register", {**REGISTRATION, "username": "other"})
    assert again.status_code == 409
    assert "برای این کد ملی قبلاً حساب کاربری ساخته شده است" in again.get_data(as_text=True)
    assert count(User) == 1 and count(Person) == 1


def test_an_imported_graduate_claims_her_record_only_with_her_mobile(
        client: FlaskClient, make_graduate) -> None:
    make_graduate(national_id="0013542419", mobile="09120000001")
    refused = post_form(client, "/graduates/register", REGISTRATION)
    assert "با شمارهٔ همراه دیگری" in refused.get_data(as_text=True)
    assert count(User) == 0
    claimed = post_form(client, "/graduates/register",
                        {**REGISTRATION, "mobile": "09120000001"})
    assert claimed.status_code == 302
    assert count(Person) == 1 and count(User) == 1


def test_she_edits_her_profile_but_never_her_national_id(client: FlaskClient) -> None:
    post_form(client, "/graduates/register", REGISTRATION)
    edited = {**REGISTRATION, "national_id": "0499370899", "skills": "اکسل، اتوکد",
              "city": "نوبران", "consent": ""}
    response = post_form(client, "/profile", edited)
    assert response.status_code == 302
    person = db.session.scalar(select(Person))
    assert person.national_id == "0013542419" and person.city == "نوبران"
    assert person.profile.skills == ["اکسل", "اتوکد"] and person.profile.consent is False
    assert "0013542419" in client.get("/profile").get_data(as_text=True).translate(
        str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))


def test_without_consent_she_is_proposed_nowhere(client: FlaskClient, make_vacancy) -> None:
    vacancy = make_vacancy()
    post_form(client, "/graduates/register", {**REGISTRATION, "consent": ""})
    refresh_for_vacancy(vacancy)
    db.session.commit()
    assert count(Proposal) == 0
    assert "اجازهٔ نمایش" in client.get("/profile/proposals").get_data(as_text=True)


def test_she_says_she_is_interested_in_a_proposed_vacancy(client: FlaskClient,
                                                          make_vacancy) -> None:
    make_vacancy()
    post_form(client, "/graduates/register", REGISTRATION)
    proposal = db.session.scalar(select(Proposal))
    response = post_form(client, "/profile/proposals", {"interested": "1"},
                         action=f"/profile/proposals/{proposal.id}/interest")
    assert response.status_code == 302
    db.session.refresh(proposal)
    assert proposal.graduate_interested


def test_she_cannot_touch_another_graduates_proposal(client: FlaskClient, make_graduate,
                                                     make_vacancy) -> None:
    vacancy = make_vacancy()
    make_graduate()
    refresh_for_vacancy(vacancy)
    db.session.commit()
    others = db.session.scalar(select(Proposal))
    post_form(client, "/graduates/register", REGISTRATION)
    response = post_form(client, "/profile/proposals", {"interested": "1"},
                         action=f"/profile/proposals/{others.id}/interest")
    assert response.status_code == 404
    db.session.refresh(others)
    assert not others.graduate_interested


def test_graduate_pages_are_for_graduates(client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.EMPLOYER))
    for page in ("/profile", "/profile/proposals"):
        assert client.get(page).status_code == 403


def test_a_graduate_without_a_profile_gets_a_persian_404(client: FlaskClient, make_user,
                                                         login) -> None:
    login(make_user(Role.GRADUATE))
    response = client.get("/profile")
    assert response.status_code == 404
    assert "پروفایلی برای شما ثبت نشده" in response.get_data(as_text=True)


def test_the_registration_form_suggests_fields_and_skills_from_the_lexicon(
        client: FlaskClient) -> None:
    page = client.get("/graduates/register").get_data(as_text=True)
    assert '<datalist id="dl-fields">' in page and "مهندسی کامپیوتر" in page
    assert '<datalist id="dl-skills">' in page and "اتوکد" in page
    assert PASSWORD not in page


@pytest.mark.parametrize(("birth", "graduated", "degree", "message"), [
    ("1376", "1370", "3", "باید پس از سال تولد باشد"),
    ("1376", "1376", "1", "باید پس از سال تولد باشد"),
    ("1380", "1390", "5", "پیش از ۱۴۰۲ ممکن نیست"),    # a doctorate at ten
    ("1380", "1394", "1", "پیش از ۱۳۹۵ ممکن نیست"),    # a diploma at fourteen
    ("1380", "1397", "3", "پیش از ۱۳۹۸ ممکن نیست"),    # a bachelor's at seventeen
])
def test_impossible_birth_and_graduation_years_are_refused(
        client: FlaskClient, birth: str, graduated: str, degree: str, message: str) -> None:
    response = post_form(client, "/graduates/register", {
        **REGISTRATION, "birth_year": birth, "graduation_year": graduated, "degree": degree})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(Person) == count(User) == count(GraduateProfile) == 0


@pytest.mark.parametrize(("birth", "graduated", "degree"), [
    ("1380", "1395", "1"), ("1380", "1398", "3"), ("1370", "1392", "5"), ("1380", "", "3"),
])
def test_possible_birth_and_graduation_years_are_accepted(
        client: FlaskClient, birth: str, graduated: str, degree: str) -> None:
    response = post_form(client, "/graduates/register", {
        **REGISTRATION, "birth_year": birth, "graduation_year": graduated, "degree": degree})
    assert response.status_code == 302, response.get_data(as_text=True)


def test_a_graduation_year_is_checked_against_the_birth_year_she_left_as_it_was(
        client: FlaskClient) -> None:
    """A field the form does not carry keeps the stored year (an emptied one clears it: see
    test_clearing_profile_fields): the two together must still be possible."""
    post_form(client, "/graduates/register", REGISTRATION)
    without_birth_year = {k: v for k, v in REGISTRATION.items() if k != "birth_year"}
    response = post_form(client, "/profile", {**without_birth_year, "graduation_year": "1370"})
    assert response.status_code == 400
    assert "باید پس از سال تولد باشد" in response.get_data(as_text=True)
    profile = db.session.scalar(select(GraduateProfile))
    assert profile.graduation_year == 1399 and profile.person.birth_year == 1376
