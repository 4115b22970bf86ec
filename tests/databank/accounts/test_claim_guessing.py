"""A stored record is claimed with a short proof (a person's mobile, a unit's workshop code)
that a stranger could try one value after another: after a few wrong proofs in an hour the
record takes no claim from the forms, not even the right one, whoever tries and from however
many accounts; the refusals are in the audit log, and the pause ends on its own."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from databank.accounts.claims import CLAIMS_PAUSED, MAX_REFUSED_CLAIMS, REFUSED, ClaimedRecord
from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import get_or_create_unit
from databank.people.models import Person
from tests.conftest import PASSWORD, post_form
from tests.databank.people.test_graduate_pages import REGISTRATION

NATIONAL_ID = "0013542419"  # REGISTRATION's
WORKSHOP_CODE = "5100037"


def refusals(entity: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == REFUSED, AuditEntry.entity == entity)))


def pause_passes() -> None:
    """An hour and a minute later, as far as the refusals are concerned."""
    db.session.execute(update(AuditEntry).where(AuditEntry.action == REFUSED)
                       .values(at=AuditEntry.at - timedelta(minutes=61)))
    db.session.commit()


def register(client: FlaskClient, mobile: str, username: str = "maryam.ahmadi") -> Any:
    return post_form(client, "/graduates/register",
                     {**REGISTRATION, "mobile": mobile, "username": username})


def accounts() -> int:
    return db.session.scalar(select(func.count(User.id)))


def test_wrong_mobiles_pause_a_persons_claim_even_with_the_right_one_then_it_resumes(
        client: FlaskClient, make_graduate) -> None:
    make_graduate(national_id=NATIONAL_ID, mobile="09123456789")
    for guess in range(MAX_REFUSED_CLAIMS):
        response = register(client, f"0935000000{guess}", username=f"guess{guess}")
        assert response.status_code == 409
        assert "شمارهٔ همراه دیگری" in response.get_data(as_text=True)
    paused = register(client, "09123456789")
    assert paused.status_code == 429
    assert CLAIMS_PAUSED[ClaimedRecord.PERSON] in paused.get_data(as_text=True)
    assert accounts() == 0
    person_id = db.session.scalar(select(Person.id).where(Person.national_id == NATIONAL_ID))
    entries = refusals("person")
    assert len(entries) == MAX_REFUSED_CLAIMS
    assert {e.entity_id for e in entries} == {person_id} and {e.actor_id for e in entries} == {None}
    pause_passes()
    claimed = register(client, "09123456789")
    assert claimed.status_code == 302, claimed.get_data(as_text=True)
    assert db.session.scalar(select(User.person_id)) == person_id


def test_an_office_recording_her_mobile_lifts_the_pause_at_once(
        app: Flask, client: FlaskClient, make_graduate, make_user) -> None:
    """The pause sends her to an office; what the office does there must let her in."""
    make_graduate(national_id=NATIONAL_ID, mobile="09123456789")
    for guess in range(MAX_REFUSED_CLAIMS):
        register(client, f"0935000000{guess}", username=f"guess{guess}")
    assert register(client, "09125556677").status_code == 429
    office = app.test_client()
    officer = make_user(Role.ADMIN)
    post_form(office, "/login", {"username": officer.username, "password": PASSWORD})
    recorded = post_form(office, "/people/mobile", {"national_id": NATIONAL_ID,
                                                    "mobile": "09125556677"},
                         action="/people/mobile/record")
    assert recorded.status_code == 302, recorded.get_data(as_text=True)
    claimed = register(client, "09125556677")
    assert claimed.status_code == 302, claimed.get_data(as_text=True)
    assert accounts() == 2  # the admin's and hers


def test_wrong_mobiles_for_one_person_do_not_pause_anothers_claim(
        client: FlaskClient, make_graduate) -> None:
    make_graduate(national_id=NATIONAL_ID, mobile="09123456789")
    other = make_graduate(national_id="0067749828", mobile="09121112233")
    for guess in range(MAX_REFUSED_CLAIMS):
        register(client, f"0935000000{guess}", username=f"guess{guess}")
    response = post_form(client, "/graduates/register", {
        **REGISTRATION, "national_id": "0067749828", "mobile": "09121112233",
        "username": "other.one"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert db.session.scalar(select(User.person_id)) == other.person_id


def employer(app: Flask, username: str) -> FlaskClient:
    browser = app.test_client()
    response = post_form(browser, "/register", {
        "display_name": username, "username": username, "password": PASSWORD,
        "password_confirm": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    return browser


def claim(browser: FlaskClient, code: str) -> Any:
    return post_form(browser, "/unit", {"name": "شرکت لبنیات کیمیا", "sector": "industry",
                                        "workshop_code": code})


def test_wrong_workshop_codes_from_many_accounts_pause_a_units_claim(app: Flask) -> None:
    unit = get_or_create_unit("شرکت لبنیات کیمیا", city="ساوه", workshop_code=WORKSHOP_CODE)
    db.session.commit()
    guessers = [employer(app, f"guesser{n}") for n in range(MAX_REFUSED_CLAIMS)]
    for n, browser in enumerate(guessers):
        assert claim(browser, f"990000{n}").status_code == 409
    assert claim(guessers[0], "").status_code == 409  # no code typed: not a guess, not counted
    owner = employer(app, "owner")
    paused = claim(owner, WORKSHOP_CODE)
    assert paused.status_code == 429
    assert CLAIMS_PAUSED[ClaimedRecord.UNIT] in paused.get_data(as_text=True)
    entries = refusals("unit")
    assert len(entries) == MAX_REFUSED_CLAIMS and {e.entity_id for e in entries} == {unit.id}
    assert len({e.actor_id for e in entries}) == MAX_REFUSED_CLAIMS  # each guesser named
    pause_passes()
    assert claim(owner, "۵۱۰۰۰۳۷").status_code == 302
    db.session.expire_all()
    holder = db.session.scalar(select(User).where(User.unit_id == unit.id))
    assert holder.username == "owner"
    assert db.session.get(IndustrialUnit, unit.id).workshop_code == WORKSHOP_CODE


def test_the_admin_reads_the_refused_claims_in_the_audit_log(
        app: Flask, make_graduate, make_user, login, client: FlaskClient) -> None:
    make_graduate(national_id=NATIONAL_ID, mobile="09123456789")
    register(app.test_client(), "09350000000")
    login(make_user(Role.ADMIN))
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "ادعای نادرست پرونده" in page and "ناشناس (فرم ثبت‌نام)" in page
    assert "09350000000" not in page and NATIONAL_ID not in page
