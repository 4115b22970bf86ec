"""A graduate's account is called by her name: when her name changes (on her profile page, or
through the service an office's correction or an import row goes through), the name her
account shows in the navigation bar, the users list and the audit log follows, in the same
transaction."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.db import db
from databank.people.models import Person
from databank.people.services import save_graduate
from tests.conftest import post_form
from tests.databank.people.test_graduate_pages import REGISTRATION


def account() -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.role == Role.GRADUATE))


def navbar_name(client: FlaskClient) -> str:
    page = client.get("/profile").get_data(as_text=True)
    return re.search(r'data-testid="current-user">([^<]*)</button>', page).group(1)


def test_her_account_takes_the_name_she_corrects_on_her_profile(
        client: FlaskClient, make_user, login) -> None:
    post_form(client, "/graduates/register", REGISTRATION)
    assert navbar_name(client).startswith("مریم احمدی (")  # as typed, its ي folded
    response = post_form(client, "/profile", {**REGISTRATION, "first_name": "مریم",
                                               "last_name": "احمدی‌نژاد"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert account().display_name == "مریم احمدی‌نژاد"
    assert navbar_name(client) == f"مریم احمدی‌نژاد ({Role.GRADUATE.label})"

    post_form(client, "/", {}, action="/logout")
    login(make_user(Role.ADMIN))
    users = client.get("/admin/users").get_data(as_text=True)
    assert "مریم احمدی‌نژاد" in users and "مریم احمدی<" not in users


def test_an_office_correction_renames_her_account_with_the_record(
        client: FlaskClient) -> None:
    """save_graduate is the path an office's entry and an import row take; the account's name
    is written in its transaction: rolled back with it, committed with it."""
    post_form(client, "/graduates/register", REGISTRATION)
    person = db.session.scalar(select(Person))
    correction = {"national_id": person.national_id, "first_name": "مریم",
                  "last_name": "احمدی‌پور", "degree": 3,
                  "field_of_study": "مهندسی کامپیوتر"}
    save_graduate(correction, person)
    db.session.rollback()
    assert account().display_name == "مریم احمدی"
    save_graduate(correction, db.session.scalar(select(Person)))
    db.session.commit()
    assert account().display_name == "مریم احمدی‌پور"


def test_a_long_name_is_cut_to_what_the_account_holds(client: FlaskClient) -> None:
    """A first and a last name of 80 letters each are 161 with the space; the account holds
    120 (on PostgreSQL a longer one would be refused and the profile lost with it)."""
    post_form(client, "/graduates/register", REGISTRATION)
    first, last = "ب" * 80, "پ" * 80
    response = post_form(client, "/profile", {**REGISTRATION, "first_name": first,
                                               "last_name": last})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert db.session.scalar(select(Person)).full_name == f"{first} {last}"
    assert account().display_name == f"{first} {last}"[:120]


def test_a_claimed_record_keeps_its_name_and_her_account_its_name(
        client: FlaskClient, make_graduate) -> None:
    """The name an office recorded is not hers to change (people.services.identity_is_hers):
    the refusal leaves the account's name as it was too."""
    make_graduate(national_id="0013542419", first_name="فاطمه", last_name="رحیمی",
                  mobile="09123456789")
    post_form(client, "/graduates/register", REGISTRATION)
    refused = post_form(client, "/profile", {**REGISTRATION, "first_name": "سارا"})
    assert refused.status_code == 400
    assert account().display_name == "فاطمه رحیمی"


def test_once_an_agency_registered_a_job_for_her_her_name_and_gender_stay_as_registered(
        client: FlaskClient) -> None:
    """The job's record and the dashboard's gender figures rest on the identity the agency
    registered: from then on her profile shows it read-only, as a record an office made."""
    from databank.jalali import today
    from databank.monitoring.services import create_record
    from databank.organisations.services import get_or_create_agency
    from databank.vocabulary import Sector

    post_form(client, "/graduates/register", REGISTRATION)
    person = db.session.scalar(select(Person))
    create_record(None, person, get_or_create_agency("کمیته امداد امام خمینی"),
                  sector=Sector.SERVICES, start_date=today())
    db.session.commit()
    page = client.get("/profile").get_data(as_text=True)
    field = page.split('name="last_name"')[1].split(">")[0]
    assert "readonly" in field or "disabled" in field
    refused = post_form(client, "/profile", {**REGISTRATION, "last_name": "رضایی",
                                              "gender": "male"})
    assert refused.status_code == 400
    db.session.expire_all()
    assert (person.last_name, person.gender.value) == ("احمدی", "female")
