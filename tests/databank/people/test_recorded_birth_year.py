"""A birth year the bank holds for her (an office's file, an agency's job) is not hers to change
on a self-service form: a graduation year it rules out is refused naming it as the bank's,
beside the birth year, with who corrects it; her profile shows it in Persian digits and posts it
back as stored. Read-only identity names the bank, not a source that may not be the one, and
her proposals page says truly which proposals leave her list."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.db import db
from databank.jalali import today
from databank.matches.models import Proposal
from databank.matches.services import refresh_for_profile
from databank.people.models import Person
from databank.people.services import RECORDED_BIRTH_YEAR
from databank.vacancies.models import VacancyStatus
from databank.vacancies.services import set_status
from tests.conftest import PASSWORD, post_form
from tests.databank.people.test_graduate_pages import REGISTRATION

NATIONAL_ID = "0013542419"  # REGISTRATION's
# before her account exists an office may correct it too; on her profile the admin alone
AT_CLAIM = RECORDED_BIRTH_YEAR.format(year="۱۳۸۴", who="دفتر کاریابی یا مدیر سامانه")
ON_PROFILE = RECORDED_BIRTH_YEAR.format(year="۱۳۸۴", who="مدیر سامانه")
# as save_graduate words it for a year she may check herself
CHECK_YOURS = "سال تولد یا دانش‌آموختگی را بررسی کنید"


def person() -> Person:
    db.session.expire_all()
    return db.session.scalar(select(Person).where(Person.national_id == NATIONAL_ID))


def error(page: str, name: str) -> str:
    found = re.search(rf'id="f-{name}-error">([^<]*)<', page)
    return found.group(1) if found else ""


def recorded_1384(make_graduate) -> None:
    """An office's file holds her, born 1384, with the mobile she now claims it with."""
    make_graduate(national_id=NATIONAL_ID, first_name="مریم", last_name="احمدی",
                  birth_year=1384, graduation_year=None, mobile="09123456789")


def test_a_claim_refused_by_the_recorded_birth_year_says_it_is_the_banks_and_who_corrects_it(
        client: FlaskClient, make_graduate) -> None:
    recorded_1384(make_graduate)
    response = post_form(client, "/graduates/register", {
        **REGISTRATION, "birth_year": "1375", "graduation_year": "1398", "degree": "3"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert error(page, "birth_year") == AT_CLAIM
    assert "۱۳۸۴" in AT_CLAIM and "کارت ملی" in AT_CLAIM
    graduation = error(page, "graduation_year")
    assert "سال تولد ثبت‌شده برای شما در بانک (۱۳۸۴)" in graduation
    assert "پیش از ۱۴۰۲ ممکن نیست" in graduation and CHECK_YOURS not in page
    assert db.session.scalar(select(func.count(User.id))) == 0

    # The way out the message gives: no graduation year until the birth year is corrected.
    claimed = post_form(client, "/graduates/register", {
        **REGISTRATION, "birth_year": "1375", "graduation_year": "", "degree": "3"})
    assert claimed.status_code == 302, claimed.get_data(as_text=True)
    assert person().birth_year == 1384 and person().profile.graduation_year is None


def test_a_claim_whose_years_agree_with_the_recorded_birth_year_goes_through(
        client: FlaskClient, make_graduate) -> None:
    recorded_1384(make_graduate)
    response = post_form(client, "/graduates/register", {
        **REGISTRATION, "birth_year": "1375", "graduation_year": "1402", "degree": "3"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert person().birth_year == 1384 and person().profile.graduation_year == 1402


def test_her_profile_names_the_recorded_birth_year_when_it_rules_out_her_graduation_year(
        client: FlaskClient, make_graduate) -> None:
    recorded_1384(make_graduate)
    post_form(client, "/graduates/register", {**REGISTRATION, "graduation_year": ""})
    response = post_form(client, "/profile", {**REGISTRATION, "birth_year": "1384",
                                              "graduation_year": "1398"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert error(page, "birth_year") == ON_PROFILE
    assert "سال تولد ثبت‌شده برای شما در بانک (۱۳۸۴)" in error(page, "graduation_year")
    assert person().profile.graduation_year is None


def test_her_own_birth_year_is_still_checked_on_her_profile(client: FlaskClient) -> None:
    post_form(client, "/graduates/register", REGISTRATION)
    response = post_form(client, "/profile", {**REGISTRATION, "birth_year": "1384",
                                              "graduation_year": "1398"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "پیش از ۱۴۰۲ ممکن نیست" in error(page, "graduation_year")
    assert CHECK_YOURS in page and error(page, "birth_year") == ""
    assert person().birth_year == 1376


def test_the_recorded_birth_year_reads_in_persian_digits_and_posts_back_as_stored(
        client: FlaskClient, make_graduate) -> None:
    recorded_1384(make_graduate)
    post_form(client, "/graduates/register", {**REGISTRATION, "graduation_year": ""})
    page = client.get("/profile").get_data(as_text=True)
    shown = re.search(r'<input[^>]*id="f-birth_year"[^>]*>', page).group(0)
    assert 'value="۱۳۸۴"' in shown and "readonly" in shown and "name=" not in shown
    assert '<input type="hidden" name="birth_year" value="1384">' in page

    saved = post_form(client, "/profile", {**REGISTRATION, "birth_year": "1384",
                                           "graduation_year": "1403", "city": "نوبران"})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    assert person().birth_year == 1384 and person().city == "نوبران"
    refused = post_form(client, "/profile", {**REGISTRATION, "birth_year": "1383"})
    assert refused.status_code == 400 and person().birth_year == 1384


def help_of(page: str, name: str) -> str:
    return re.search(rf'data-testid="recorded-{name}">([^<]*)<', page).group(1)


def test_the_read_only_identity_names_the_bank_and_who_corrects_it(
        client: FlaskClient) -> None:
    """She registered herself; an agency then registered a job for her, so her identity is
    what the job rests on: no office recorded it, and the help must not say one did."""
    from databank.monitoring.services import create_record
    from databank.organisations.services import get_or_create_agency
    from databank.vocabulary import Sector

    post_form(client, "/graduates/register", REGISTRATION)
    create_record(None, person(), get_or_create_agency("کمیته امداد امام خمینی"),
                  sector=Sector.SERVICES, start_date=today())
    db.session.commit()
    page = client.get("/profile").get_data(as_text=True)
    for name in ("first_name", "last_name", "gender", "birth_year"):
        said = help_of(page, name)
        assert said.startswith("ثبت‌شده در بانک؛") and "مدیر سامانه" in said
        assert "دفتر کاریابی" in said and "کارت ملی" in said
    assert "ثبت‌شده در دفتر کاریابی" not in page


def signed_in(app: Flask, user: User) -> FlaskClient:
    browser = app.test_client()
    assert post_form(browser, "/login", {"username": user.username,
                                         "password": PASSWORD}).status_code == 302
    return browser


def test_a_paused_vacancy_she_said_interest_in_stays_on_her_list_and_the_gone_message_says_so(
        app: Flask, make_user, make_graduate, make_vacancy) -> None:
    profile = make_graduate()
    kept = make_vacancy(title="برنامه‌نویس وب")
    left = make_vacancy(unit=kept.unit, title="برنامه‌نویس پایتون")
    refresh_for_profile(profile)
    db.session.commit()
    ids = {p.vacancy_id: p.id for p in db.session.scalars(select(Proposal))}
    her = signed_in(app, make_user(Role.GRADUATE, person_id=profile.person_id))
    page = "/profile/proposals"
    assert post_form(her, page, {"interested": "1"},
                     action=f"{page}/{ids[kept.id]}/interest").status_code == 302

    employer = make_user(Role.EMPLOYER, unit_id=kept.unit_id)
    for vacancy in (kept, left):
        set_status(employer, vacancy.id, VacancyStatus.PAUSED)
    db.session.commit()

    response = post_form(her, page, {"interested": "1"},
                         action=f"{page}/{ids[left.id]}/interest")
    text = response.get_data(as_text=True)
    assert response.status_code == 404
    said = re.search(r'data-testid="refused">([^<]*)<', text).group(1)
    assert said.startswith("این فرصت دیگر در فهرست پیشنهادهای شما نیست")
    assert "علاقه نشان داده‌اید، حتی اگر متوقف شود، در فهرست می‌ماند" in said
    cards = text.split('data-testid="proposal"')[1:]
    assert len(cards) == 1 and "برنامه‌نویس وب" in cards[0] and "«متوقف»" in cards[0]
