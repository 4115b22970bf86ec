"""Self-registration may take over a person already in the bank only with proof that it is
her (the mobile number the record holds), and never rewrites who the office or agency
recorded her to be: not at registration, not later on her profile page."""

from __future__ import annotations

import jdatetime
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.db import db
from databank.jalali import today
from databank.monitoring.models import MonitoringRecord
from databank.organisations.services import get_or_create_agency
from databank.people.models import Person
from databank.vocabulary import Gender
from tests.conftest import PASSWORD, post_form
from tests.databank.people.test_graduate_pages import REGISTRATION

NATIONAL_ID = "0013542419"  # REGISTRATION's, in ASCII digits
JOB = {"national_id": NATIONAL_ID, "first_name": "زهرا", "last_name": "کریمی", "gender": "زن",
       "sector": "services", "unit_name": "کارگاه خیاطی نور",
       "start_date": jdatetime.date.fromgregorian(date=today()).strftime("%Y/%m/%d")}
# Someone else, who knows her national ID, registering as a man under another name.
IMPOSTOR = {**REGISTRATION, "first_name": "علی", "last_name": "رضایی", "gender": "male",
            "mobile": "09350000000", "username": "impostor"}


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def agency_records_job(app: Flask, make_user, **changes: str) -> None:
    """An agency officer registers a job for a person through the form, with no mobile."""
    agency = get_or_create_agency("کمیته امداد امام خمینی (ره)")
    db.session.commit()
    officer = make_user(Role.AGENCY_OFFICER, agency_id=agency.id)
    browser = app.test_client()
    post_form(browser, "/login", {"username": officer.username, "password": PASSWORD})
    response = post_form(browser, "/monitoring/records/new", {**JOB, **changes})
    assert response.status_code == 302, response.get_data(as_text=True)


def person() -> Person:
    db.session.expire_all()
    return db.session.scalar(select(Person).where(Person.national_id == NATIONAL_ID))


def test_a_person_an_agency_recorded_without_a_mobile_cannot_be_taken_over(
        app: Flask, client: FlaskClient, make_user) -> None:
    agency_records_job(app, make_user)
    response = post_form(client, "/graduates/register", IMPOSTOR)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "شمارهٔ همراهی ندارد" in page and "دفتر کاریابی مراجعه کنید" in page
    recorded = person()
    assert (recorded.first_name, recorded.last_name) == ("زهرا", "کریمی")
    assert recorded.gender is Gender.FEMALE and recorded.mobile is None
    assert recorded.profile is None and count(User) == 1  # the agency officer alone
    record = db.session.scalar(select(MonitoringRecord))
    assert record.person.full_name == "زهرا کریمی"


def test_a_graduate_imported_without_a_mobile_claims_her_record_only_at_an_office(
        client: FlaskClient, make_graduate) -> None:
    make_graduate(national_id=NATIONAL_ID, first_name="مریم", last_name="احمدی", mobile=None)
    refused = post_form(client, "/graduates/register", REGISTRATION)
    assert refused.status_code == 409
    assert "شمارهٔ همراهی ندارد" in refused.get_data(as_text=True)
    assert count(User) == 0 and person().mobile is None
    # The office sees her national card and records her mobile (a second import row).
    make_graduate(national_id=NATIONAL_ID, mobile="09123456789")
    claimed = post_form(client, "/graduates/register", REGISTRATION)
    assert claimed.status_code == 302, claimed.get_data(as_text=True)
    assert count(User) == 1 and db.session.scalar(select(User)).person_id == person().id


def test_a_proven_claim_keeps_the_identity_the_office_recorded(
        client: FlaskClient, make_graduate) -> None:
    make_graduate(national_id=NATIONAL_ID, first_name="فاطمه", last_name="رحیمی",
                  gender=Gender.FEMALE, birth_year=None, mobile="09123456789")
    response = post_form(client, "/graduates/register",
                         {**REGISTRATION, "first_name": "سارا", "last_name": "نادری",
                          "gender": "male", "birth_year": "1376", "city": "نوبران"},
                         follow_redirects=True)
    assert response.status_code == 200
    assert "همان است که در بانک ثبت شده" in response.get_data(as_text=True)
    claimed = person()
    assert (claimed.first_name, claimed.last_name) == ("فاطمه", "رحیمی")
    assert claimed.gender is Gender.FEMALE
    assert claimed.birth_year == 1376  # left empty by the office: hers to fill
    assert claimed.city == "نوبران" and claimed.profile.skills == ["پایتون", "SQL", "جنگو"]
    assert db.session.scalar(select(User)).display_name == "فاطمه رحیمی"


def test_a_claim_with_empty_boxes_keeps_what_the_office_recorded(
        client: FlaskClient, make_graduate) -> None:
    """The registration form cannot show a stranger what the record holds, so she leaves
    boxes empty that the office filled: her skills and «head of household» stay, as her city
    does, and she is told to check her profile."""
    make_graduate(national_id=NATIONAL_ID, first_name="مریم", last_name="احمدی",
                  mobile="09123456789", skills=["اتوکد", "سالیدورکس"], head_of_household=True,
                  city="ساوه", desired_job="نقشه‌کش")
    typed = {**REGISTRATION, "skills": "", "city": "", "desired_job": ""}
    del typed["head_of_household"]
    claimed = post_form(client, "/graduates/register", typed, follow_redirects=True)
    assert claimed.status_code == 200
    assert "همان است که در پرونده بود" in claimed.get_data(as_text=True)
    profile = person().profile
    assert profile.skills == ["اتوکد", "سالیدورکس"] and profile.head_of_household
    assert person().city == "ساوه" and profile.desired_job == "نقشه‌کش"
    # what she does type replaces the record's
    profile_page = client.get("/profile").get_data(as_text=True)
    assert "سالیدورکس" in profile_page


def test_skills_she_types_at_a_claim_replace_the_recorded_ones(
        client: FlaskClient, make_graduate) -> None:
    make_graduate(national_id=NATIONAL_ID, mobile="09123456789", skills=["اتوکد"])
    assert post_form(client, "/graduates/register", REGISTRATION).status_code == 302
    assert person().profile.skills == ["پایتون", "SQL", "جنگو"]


def test_after_a_claim_her_profile_page_keeps_the_recorded_identity(
        client: FlaskClient, make_graduate) -> None:
    make_graduate(national_id=NATIONAL_ID, first_name="فاطمه", last_name="رحیمی",
                  gender=Gender.FEMALE, birth_year=1376, mobile="09123456789")
    post_form(client, "/graduates/register", REGISTRATION)
    page = client.get("/profile").get_data(as_text=True)
    assert 'data-testid="recorded-first_name"' in page and 'data-testid="recorded-gender"' in page
    assert 'value="فاطمه"' in page and "readonly" in page

    changed = post_form(client, "/profile", {**REGISTRATION, "first_name": "سارا",
                                             "gender": "male", "birth_year": "1370"})
    assert changed.status_code == 400
    assert "با کارت ملی به دفتر کاریابی مراجعه کنید" in changed.get_data(as_text=True)
    kept = person()
    assert kept.first_name == "فاطمه" and kept.gender is Gender.FEMALE
    assert kept.birth_year == 1376

    # What the page posts back (the recorded values, spelt as typed) saves the rest.
    same = post_form(client, "/profile", {**REGISTRATION, "first_name": "فاطمه",
                                          "last_name": "رحيمی", "gender": "female",
                                          "birth_year": "۱۳۷۶", "city": "نوبران"})
    assert same.status_code == 302, same.get_data(as_text=True)
    saved = person()
    assert saved.city == "نوبران" and saved.last_name == "رحیمی"


def test_she_may_correct_the_name_she_registered_herself(client: FlaskClient) -> None:
    post_form(client, "/graduates/register", REGISTRATION)
    assert "recorded-first_name" not in client.get("/profile").get_data(as_text=True)
    response = post_form(client, "/profile", {**REGISTRATION, "first_name": "مریم‌السادات",
                                              "birth_year": "1375"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert person().first_name == "مریم‌السادات" and person().birth_year == 1375


def test_her_profile_never_moves_her_to_another_persons_national_id(
        client: FlaskClient, make_graduate) -> None:
    other = make_graduate(national_id="0499370899", first_name="زهرا")
    post_form(client, "/graduates/register", REGISTRATION)
    response = post_form(client, "/profile", {**REGISTRATION, "national_id": "0499370899",
                                              "first_name": "نرگس"})
    assert response.status_code == 302
    db.session.expire_all()
    assert other.person.first_name == "زهرا"
    assert person().first_name == "نرگس"
