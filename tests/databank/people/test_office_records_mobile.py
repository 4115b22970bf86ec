"""A placement office, seeing a person's national card, records the mobile that lets her claim
the record the bank already holds (register_graduate asks for it as proof); a person with an
account keeps her mobile herself, and the national ID never travels in a URL."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from databank.errors import Conflict, NotAllowed, NotFound
from databank.jalali import persian_digits
from databank.people.models import Person
from databank.people.office_records import record_mobile
from databank.vocabulary import Gender
from tests.conftest import PASSWORD, csrf_token, post_form
from tests.databank.people.test_claiming_a_record import NATIONAL_ID, agency_records_job
from tests.databank.people.test_graduate_pages import REGISTRATION

PAGE = "/people/mobile"
RECORD = "/people/mobile/record"
MOBILE = "09123456789"  # REGISTRATION's, in the form the bank stores it
LINKS = re.compile(r'(?:href|action)="([^"]*)"')


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def person() -> Person:
    db.session.expire_all()
    return db.session.scalar(select(Person).where(Person.national_id == NATIONAL_ID))


def events(action: str = "record_mobile") -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def no_national_id_in_urls(response: Any) -> Any:
    """Neither the URL asked, nor a redirect, nor a link or form action on the page carries
    the national ID, in any digits."""
    urls = [response.request.url, response.location or "",
            *LINKS.findall(response.get_data(as_text=True))]
    for url in urls:
        assert NATIONAL_ID not in url and persian_digits(NATIONAL_ID) not in url, url
    return response


@pytest.fixture
def office(app: Flask, make_user: Callable[..., User]) -> FlaskClient:
    """A placement officer's browser, logged in."""
    officer = make_user(Role.PLACEMENT_OFFICER)
    browser = app.test_client()
    post_form(browser, "/login", {"username": officer.username, "password": PASSWORD})
    return browser


def look_up(browser: FlaskClient, national_id: str = NATIONAL_ID) -> Any:
    return no_national_id_in_urls(post_form(browser, PAGE, {"national_id": national_id}))


def record(browser: FlaskClient, mobile: str, national_id: str = NATIONAL_ID,
           **kwargs: Any) -> Any:
    return no_national_id_in_urls(post_form(browser, PAGE, {"national_id": national_id,
                                                            "mobile": mobile},
                                            action=RECORD, **kwargs))


def test_the_office_records_her_mobile_and_she_then_claims_her_record(
        client: FlaskClient, office: FlaskClient, make_graduate) -> None:
    stored = make_graduate(national_id=NATIONAL_ID, first_name="مریم", last_name="احمدی",
                           mobile=None)
    refused = no_national_id_in_urls(post_form(client, "/graduates/register", REGISTRATION))
    assert refused.status_code == 409 and "شمارهٔ همراهی ندارد" in refused.get_data(as_text=True)

    found = look_up(office, "۰۰۱۳۵۴۲۴۱۹")
    assert found.status_code == 200
    assert 'name="national_id" value="0013542419"' in found.get_data(as_text=True)
    saved = record(office, "۰۹۱۲ ۳۴۵ ۶۷۸۹")
    assert saved.status_code == 302 and saved.location == PAGE
    shown = no_national_id_in_urls(office.get(PAGE)).get_data(as_text=True)
    assert "«مریم احمدی»" in shown and "با کد ملی خود و همین شمارهٔ همراه" in shown
    assert "۰۹۱۲۳۴۵۶۷۸۹" not in shown  # the flash travels in the session cookie
    assert person().mobile == MOBILE and person().id == stored.person_id

    claimed = no_national_id_in_urls(post_form(client, "/graduates/register", REGISTRATION))
    assert claimed.status_code == 302, claimed.get_data(as_text=True)
    user = db.session.scalar(select(User).where(User.role == Role.GRADUATE))
    assert user.person_id == stored.person_id and count(Person) == 1
    assert person().last_name == "احمدی"


def test_a_person_an_agency_named_claims_her_record_once_the_office_records_her_mobile(
        app: Flask, client: FlaskClient, office: FlaskClient, make_user) -> None:
    agency_records_job(app, make_user, first_name="مریم", last_name="احمدی")
    named = person()
    assert named.mobile is None and named.profile is None
    assert record(office, MOBILE).status_code == 302
    claimed = post_form(client, "/graduates/register", REGISTRATION)
    assert claimed.status_code == 302, claimed.get_data(as_text=True)
    assert person().id == named.id and person().profile is not None
    assert db.session.scalar(select(User).where(User.role == Role.GRADUATE)).person_id == named.id


def test_a_wrong_mobile_is_still_refused_after_the_office_records_hers(
        client: FlaskClient, office: FlaskClient, make_graduate) -> None:
    make_graduate(national_id=NATIONAL_ID, mobile=None)
    record(office, "09350000000")
    refused = post_form(client, "/graduates/register", REGISTRATION)
    assert refused.status_code == 409
    assert "شمارهٔ همراه دیگری" in refused.get_data(as_text=True)
    assert count(User) == 1 and person().mobile == "09350000000"  # the officer alone


def test_the_page_shows_the_stored_record_to_compare_with_the_national_card(
        office: FlaskClient, make_graduate) -> None:
    make_graduate(national_id=NATIONAL_ID, first_name="فاطمه", last_name="رحیمی",
                  gender=Gender.FEMALE, birth_year=1376, city="نوبران", mobile="09351112233")
    assert "کد ملی" in no_national_id_in_urls(office.get(PAGE)).get_data(as_text=True)
    page = look_up(office, "٠٠١٣٥٤٢٤١٩").get_data(as_text=True)  # Arabic-Indic digits
    card = page.split('data-testid="person-card"')[1]
    for shown in ("فاطمه رحیمی", "زن", "۱۳۷۶", "نوبران", "۰۹۳۵۱۱۱۲۲۳۳", "۰۰۱۳۵۴۲۴۱۹"):
        assert shown in card
    assert 'data-testid="has-account">ندارد' in card
    assert f'action="{RECORD}"' in page and 'type="hidden" name="national_id"' in page


def test_an_office_corrects_an_old_mobile_and_the_log_keeps_neither_number(
        office: FlaskClient, make_graduate) -> None:
    make_graduate(national_id=NATIONAL_ID, mobile="09351112233")
    assert record(office, MOBILE).status_code == 302
    assert person().mobile == MOBILE
    [event] = events()
    assert event.entity == "person" and event.entity_id == person().id
    assert event.details == {"corrected": True}
    assert db.session.get(User, event.actor_id).role is Role.PLACEMENT_OFFICER


def test_an_admin_records_a_mobile_too(client: FlaskClient, login, make_user,
                                       make_graduate) -> None:
    make_graduate(national_id=NATIONAL_ID, mobile=None)
    login(make_user(Role.ADMIN))
    assert look_up(client).status_code == 200
    assert record(client, MOBILE).status_code == 302
    assert person().mobile == MOBILE and events()[0].details == {}


def test_an_unknown_national_id_is_said_beside_the_field_and_nothing_is_written(
        office: FlaskClient, make_graduate) -> None:
    make_graduate(national_id="0499370899")
    for response in (look_up(office), record(office, MOBILE)):
        page = response.get_data(as_text=True)
        assert response.status_code == 404
        assert "کسی با این کد ملی در بانک ثبت نشده است." in page
        assert 'id="f-national_id-error"' in page and "person-card" not in page
    assert count(Person) == 1 and events() == []


def test_a_person_with_an_account_keeps_her_mobile_herself(
        client: FlaskClient, office: FlaskClient) -> None:
    post_form(client, "/graduates/register", REGISTRATION)
    page = look_up(office).get_data(as_text=True)
    assert 'data-testid="has-account">دارد' in page
    assert "صفحهٔ «پروفایل من»" in page and f'action="{RECORD}"' not in page

    refused = record(office, "09350000000")
    assert refused.status_code == 409
    assert "صفحهٔ «پروفایل من»" in refused.get_data(as_text=True)
    assert person().mobile == MOBILE and events() == []


@pytest.mark.parametrize("role", [Role.GRADUATE, Role.EMPLOYER, Role.AGENCY_OFFICER,
                                  Role.INSPECTOR])
def test_other_roles_are_refused_the_page_and_both_posts(
        client: FlaskClient, login, make_user, make_graduate, role: Role) -> None:
    make_graduate(national_id=NATIONAL_ID, mobile=None)
    login(make_user(role))
    assert client.get(PAGE).status_code == 403
    token = csrf_token(client, "/")
    for url in (PAGE, RECORD):
        response = client.post(url, data={"national_id": NATIONAL_ID, "mobile": MOBILE,
                                          "csrf_token": token})
        assert response.status_code == 403, url
        assert "احمدی" not in response.get_data(as_text=True)
    assert person().mobile is None and events() == []


def test_a_visitor_not_logged_in_is_sent_to_log_in_without_the_national_id(
        client: FlaskClient, make_graduate) -> None:
    make_graduate(national_id=NATIONAL_ID, mobile=None)
    response = no_national_id_in_urls(client.get(PAGE))
    assert response.status_code == 302 and "/login" in response.location
    token = csrf_token(client, "/login")
    posted = no_national_id_in_urls(client.post(RECORD, data={
        "national_id": NATIONAL_ID, "mobile": MOBILE, "csrf_token": token}))
    assert posted.status_code == 302 and "/login" in posted.location
    assert person().mobile is None


@pytest.mark.parametrize("typed, message", [
    ("", "این بخش را پر کنید."),
    ("0013542418", "رقم کنترل نمی‌خواند"),
    ("۱۲۳۴۵", "کد ملی باید ۱۰ رقم باشد."),
    ("۱۱۱۱۱۱۱۱۱۱", "همهٔ ارقام یکسان"),
    ("00135a2419", "فقط باید رقم داشته باشد"),
])
def test_a_bad_national_id_gets_its_persian_message_beside_the_field(
        office: FlaskClient, make_graduate, typed: str, message: str) -> None:
    make_graduate(national_id=NATIONAL_ID, mobile=None)
    for response in (look_up(office, typed), record(office, MOBILE, national_id=typed)):
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert message in page.split('id="f-national_id-error"')[1]
    assert person().mobile is None and events() == []


@pytest.mark.parametrize("typed, message", [
    ("", "این بخش را پر کنید."),
    ("02112345678", "با ۰۹ شروع شود"),
    ("۰۹۸۱۲۳۴۵۶۷۸", "پیش‌شمارهٔ تلفن همراه نیست"),
    ("0912345678x", "فقط باید رقم داشته باشد"),
])
def test_a_bad_mobile_gets_its_persian_message_and_the_record_stays_in_view(
        office: FlaskClient, make_graduate, typed: str, message: str) -> None:
    make_graduate(national_id=NATIONAL_ID, first_name="مریم", last_name="احمدی", mobile=None)
    response = record(office, typed)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page.split('id="f-mobile-error"')[1]
    assert "مریم احمدی" in page.split('data-testid="person-card"')[1]
    assert 'name="national_id" value="0013542419"' in page
    assert person().mobile is None and events() == []


def test_posts_without_the_csrf_token_are_refused(office: FlaskClient, make_graduate) -> None:
    make_graduate(national_id=NATIONAL_ID, mobile=None)
    for url in (PAGE, RECORD):
        response = office.post(url, data={"national_id": NATIONAL_ID, "mobile": MOBILE})
        assert response.status_code == 400, url
        assert "فرم منقضی شده" in response.get_data(as_text=True)
    assert person().mobile is None and events() == []


def test_the_service_refuses_other_roles_unknown_people_and_account_holders(
        make_user, make_graduate, client: FlaskClient) -> None:
    make_graduate(national_id="0499370899", mobile=None)
    with pytest.raises(NotAllowed):
        record_mobile(make_user(Role.AGENCY_OFFICER), "0499370899", MOBILE)
    officer = make_user(Role.PLACEMENT_OFFICER)
    with pytest.raises(NotFound) as unknown:
        record_mobile(officer, NATIONAL_ID, MOBILE)
    assert unknown.value.field == "national_id"
    post_form(client, "/graduates/register", REGISTRATION)
    with pytest.raises(Conflict):
        record_mobile(officer, NATIONAL_ID, "09350000000")
    db.session.rollback()
    assert person().mobile == MOBILE and events() == []
