"""Anyone may open an employer account, so an existing unit (one an office imported with its
vacancies) is claimed only with the insurance workshop code stored for it: a stranger who
types its name sees none of the contacts of the graduates introduced to it, and a claim keeps
what the unit holds when the form leaves a field blank."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.db import db
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_vacancy
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import get_or_create_estate, get_or_create_unit
from tests.conftest import PASSWORD, post_form

NAME = "شرکت لبنیات کیمیا"
TYPED = "شركت لبنيات  كيميا"  # Arabic kaf and ye, a doubled space: the same unit
CODE = "5100037"
MOBILE = "۰۹۱۲۹۸۷۶۵۴۳"
UNPROVEN = "کد کارگاه بیمهٔ ثبت‌شدهٔ آن را وارد کنید"


@pytest.fixture
def imported(app: Flask, make_vacancy, make_graduate) -> IndustrialUnit:
    """A unit an office brought in with a vacancy, and a graduate introduced to it."""
    estate = get_or_create_estate("شهرک صنعتی کاوه", "ساوه")
    unit = get_or_create_unit(NAME, estate=estate, city="ساوه", workshop_code=CODE)
    graduate = make_graduate(mobile="09129876543")
    vacancy = make_vacancy(unit=unit)
    refresh_for_vacancy(vacancy)
    proposal = db.session.scalar(select(Proposal).where(Proposal.profile_id == graduate.id))
    proposal.status = ProposalStatus.INTRODUCED
    db.session.commit()
    return unit


def stranger(app: Flask) -> FlaskClient:
    """Someone who registered at /register a moment ago."""
    browser = app.test_client()
    response = post_form(browser, "/register", {
        "display_name": "غریبه", "username": "stranger", "password": PASSWORD,
        "password_confirm": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    return browser


def claimant() -> User:
    return db.session.scalar(select(User).where(User.username == "stranger"))


def sees_contacts(browser: FlaskClient, unit: IndustrialUnit) -> bool:
    pages = [browser.get("/vacancies", follow_redirects=True)]
    pages += [browser.get(f"/vacancies/{vacancy_id}/candidates") for vacancy_id in
              db.session.scalars(select(Proposal.vacancy_id))]
    return any(MOBILE in page.get_data(as_text=True) for page in pages)


@pytest.mark.parametrize("code", [None, "9999999"], ids=["no code", "a wrong code"])
def test_a_stranger_cannot_claim_an_imported_unit_by_its_name(
        app: Flask, imported: IndustrialUnit, code: str | None) -> None:
    browser = stranger(app)
    form = {"name": TYPED, "sector": "industry", **({"workshop_code": code} if code else {})}
    response = post_form(browser, "/unit", form)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert UNPROVEN in page and "دفتر کاریابی" in page
    db.session.expire_all()
    assert claimant().unit_id is None
    unit = db.session.get(IndustrialUnit, imported.id)
    assert unit.estate.name == "شهرک صنعتی کاوه" and unit.workshop_code == CODE
    assert not sees_contacts(browser, imported)


def test_a_unit_with_no_stored_code_cannot_be_claimed_by_typing_one(
        app: Flask, make_vacancy) -> None:
    unit = get_or_create_unit(NAME, city="ساوه")
    make_vacancy(unit=unit)
    browser = stranger(app)
    response = post_form(browser, "/unit", {"name": TYPED, "sector": "industry",
                                            "workshop_code": CODE})
    assert response.status_code == 409 and UNPROVEN in response.get_data(as_text=True)
    db.session.expire_all()
    assert claimant().unit_id is None
    assert db.session.get(IndustrialUnit, unit.id).workshop_code is None


def test_the_units_own_code_claims_it_and_blank_fields_keep_what_it_holds(
        app: Flask, imported: IndustrialUnit) -> None:
    browser = stranger(app)
    response = post_form(browser, "/unit", {"name": TYPED, "sector": "industry",
                                            "workshop_code": "۵۱۰۰۰۳۷", "phone": "۰۸۶-۴۲۲۲۳۳۴۴"})
    assert response.status_code == 302
    db.session.expire_all()
    assert claimant().unit_id == imported.id
    unit = db.session.get(IndustrialUnit, imported.id)
    assert unit.name == NAME and unit.workshop_code == CODE and unit.city == "ساوه"
    assert unit.estate.name == "شهرک صنعتی کاوه" and unit.phone == "086-42223344"
    assert sees_contacts(browser, imported)


def test_a_claimed_unit_is_not_claimed_again_even_with_its_code(
        app: Flask, imported: IndustrialUnit, make_user: Any, login: Any,
        client: FlaskClient) -> None:
    login(make_user(Role.EMPLOYER))
    assert post_form(client, "/unit", {"name": NAME, "sector": "industry",
                                       "workshop_code": CODE}).status_code == 302
    browser = stranger(app)
    response = post_form(browser, "/unit", {"name": TYPED, "sector": "industry",
                                            "workshop_code": CODE})
    assert response.status_code == 409
    assert "کاربر دیگری دارد" in response.get_data(as_text=True)
    db.session.expire_all()
    assert claimant().unit_id is None
