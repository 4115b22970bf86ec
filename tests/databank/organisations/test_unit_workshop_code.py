"""An insurance workshop code belongs to one unit: a second unit asking for it is refused with
the reason (409), whoever registered the first one, and nothing of the refused form is kept."""

from __future__ import annotations

import html
from functools import partial

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from databank.organisations.models import IndustrialEstate, IndustrialUnit
from databank.organisations.services import get_or_create_agency, get_or_create_unit
from tests.conftest import PASSWORD, at_once, csrf_token, post_form

UNIT = {"name": "شرکت نساجی البرز", "sector": "industry",
        "city": "ساوه", "address": "خیابان دوم", "phone": "08642223344", "workshop_code": "7001"}
JOB = {"national_id": "0013542419", "first_name": "زهرا", "last_name": "کریمی",
       "gender": "زن", "mobile": "09121234567", "sector": "services",
       "unit_name": "کارگاه خیاطی نور", "workshop_code": "7001", "start_date": "۱۴۰۵/۰۷/۰۱"}
TAKEN = "این کد کارگاه بیمه برای واحد دیگری ثبت شده است"


def signed_in(app: Flask, make_user, role: Role, **links) -> tuple[FlaskClient, User]:
    user = make_user(role, **links)
    browser = app.test_client()
    post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    return browser, user


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def agency_registers_a_job(app: Flask, make_user) -> IndustrialUnit:
    """The QA path: the code arrives with an agency's job, on a unit the job entry created."""
    agency = get_or_create_agency("مدیریت جهاد کشاورزی")
    db.session.commit()
    officer, _ = signed_in(app, make_user, Role.AGENCY_OFFICER, agency_id=agency.id)
    assert post_form(officer, "/monitoring/records/new", JOB).status_code == 302
    return db.session.scalar(select(IndustrialUnit).where(IndustrialUnit.workshop_code == "7001"))


def test_a_new_unit_with_a_code_an_agency_job_created_is_refused_and_nothing_is_kept(
        app: Flask, make_user) -> None:
    holder = agency_registers_a_job(app, make_user)
    employer, user = signed_in(app, make_user, Role.EMPLOYER)
    response = post_form(employer, "/unit", UNIT)
    assert response.status_code == 409
    assert TAKEN in response.get_data(as_text=True)
    db.session.expire_all()
    assert count(IndustrialUnit) == 1 and count(IndustrialEstate) == 0
    assert db.session.get(User, user.id).unit_id is None
    assert db.session.get(IndustrialUnit, holder.id).workshop_code == "7001"


def test_an_edited_unit_cannot_take_another_units_code_and_keeps_its_own(
        app: Flask, make_user) -> None:
    holder = agency_registers_a_job(app, make_user)
    employer, user = signed_in(app, make_user, Role.EMPLOYER)
    assert post_form(employer, "/unit", {**UNIT, "workshop_code": ""}).status_code == 302
    response = post_form(employer, "/unit", {**UNIT, "name": "شرکت نساجی البرز نو",
                                             "workshop_code": "7001"})
    assert response.status_code == 409 and TAKEN in response.get_data(as_text=True)
    # the answer told that 7001 is a unit's: counted against that unit like a wrong claim
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "claim_refused", AuditEntry.entity_id == holder.id)) == 1
    assert post_form(employer, "/unit", {**UNIT, "workshop_code": "8002"}).status_code == 302
    db.session.expire_all()
    unit = db.session.get(IndustrialUnit, db.session.get(User, user.id).unit_id)
    assert unit.name == "شرکت نساجی البرز" and unit.workshop_code == "8002"


def test_a_stored_code_is_changed_by_an_office_only(app: Flask, make_user) -> None:
    employer, user = signed_in(app, make_user, Role.EMPLOYER)
    assert post_form(employer, "/unit", {**UNIT, "workshop_code": "8002"}).status_code == 302
    form = employer.get("/unit").get_data(as_text=True)
    field = form.split('id="f-workshop_code"')[1].split(">")[0]
    assert 'value="8002"' in field and "readonly" in field  # hers to read, an office's to change
    response = post_form(employer, "/unit", {**UNIT, "workshop_code": "8003"})
    assert response.status_code == 409
    assert "تنها دفتر کاریابی" in html.unescape(response.get_data(as_text=True))
    assert post_form(employer, "/unit", {**UNIT, "workshop_code": "۸۰۰۲",
                                         "city": "اراک"}).status_code == 302  # the same code
    for code in ("80O2", "۸۰۰۲۱۲۳۴۵۶۷۸۹", "-8002", "8002-"):  # a letter O; 13 digits; signs
        refused = post_form(employer, "/unit", {**UNIT, "workshop_code": code})
        assert refused.status_code == 400 and "با رقم وارد کنید" in html.unescape(
            refused.get_data(as_text=True))
    unit_id = db.session.get(User, user.id).unit_id
    office, _ = signed_in(app, make_user, Role.PLACEMENT_OFFICER)
    changed = post_form(office, "/units", {"workshop_code": "۸۰-۰۳"},
                        action=f"/units/{unit_id}/workshop-code")
    assert changed.status_code == 302
    assert "از ۸۰۰۲ به ۸۰۰۳" in html.unescape(office.get("/units").get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(IndustrialUnit, unit_id).workshop_code == "8003"
    entry = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "set_workshop_code")).one()
    assert entry.details == {"workshop_code": "8003", "previous_code": "8002"}
    assert employer.post(f"/units/{unit_id}/workshop-code", data={
        "workshop_code": "1", "csrf_token": csrf_token(employer, "/unit")}).status_code == 403


def test_an_office_cannot_give_a_unit_another_units_code(app: Flask, make_user) -> None:
    holder = agency_registers_a_job(app, make_user)
    other = get_or_create_unit("شرکت رنگ آفتاب")
    db.session.commit()
    office, _ = signed_in(app, make_user, Role.PLACEMENT_OFFICER)
    refused = post_form(office, "/units", {"workshop_code": "7001"},
                        action=f"/units/{other.id}/workshop-code")
    body = html.unescape(refused.get_data(as_text=True))
    assert refused.status_code == 409 and f"برای واحد «{holder.name}» ثبت شده است" in body
    assert f'id="f-workshop_code-{other.id}-error"' in body and 'value="7001"' in body
    db.session.expire_all()
    assert db.session.get(IndustrialUnit, other.id).workshop_code is None
    assert office.post("/units/999999/workshop-code", data={
        "workshop_code": "1", "csrf_token": csrf_token(office, "/units")}).status_code == 404


def test_a_code_typed_in_persian_digits_is_the_same_code(app: Flask, make_user) -> None:
    agency_registers_a_job(app, make_user)
    employer, _ = signed_in(app, make_user, Role.EMPLOYER)
    response = post_form(employer, "/unit", {**UNIT, "workshop_code": "۷۰۰۱"})
    assert response.status_code == 409 and TAKEN in response.get_data(as_text=True)
    assert post_form(employer, "/unit", {**UNIT, "workshop_code": "۸۰۰۲"}).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(IndustrialUnit.workshop_code).where(
        IndustrialUnit.name == UNIT["name"])) == "8002"


def test_a_unit_keeps_its_own_code_when_it_saves_again(app: Flask, make_user) -> None:
    employer, user = signed_in(app, make_user, Role.EMPLOYER)
    assert post_form(employer, "/unit", UNIT).status_code == 302
    assert post_form(employer, "/unit", {**UNIT, "phone": "08642225566"}).status_code == 302
    db.session.expire_all()
    unit = db.session.get(IndustrialUnit, db.session.get(User, user.id).unit_id)
    assert unit.workshop_code == "7001" and unit.phone == "08642225566"


def test_simultaneous_units_with_one_code_leave_exactly_one_holder(
        app: Flask, make_user) -> None:
    """Employers of four new units press save at the same moment with the same code: the
    database's unique constraint decides, and the others hear why (409), not a 500."""
    browsers = [signed_in(app, make_user, Role.EMPLOYER)[0] for _ in range(4)]
    tokens = [csrf_token(browser, "/unit") for browser in browsers]
    db.session.commit()

    def press(number: int, browser: FlaskClient, token: str) -> int:
        return browser.post("/unit", data={**UNIT, "name": f"شرکت همزمان {number}",
                                           "industrial_estate": "", "name_checked": "1",
                                           "csrf_token": token}).status_code

    statuses = at_once([partial(press, number, browser, token) for number, (browser, token)
                        in enumerate(zip(browsers, tokens, strict=True))])
    assert sorted(statuses) == [302] + [409] * 3
    db.session.expire_all()
    assert count(IndustrialUnit) == 1


def test_an_employer_names_an_estate_from_the_countys_list_and_adds_none(
        app: Flask, make_user) -> None:
    from databank.organisations.services import get_or_create_estate

    estate = get_or_create_estate("شهرک صنعتی کاوه", "ساوه")
    db.session.commit()
    employer, user = signed_in(app, make_user, Role.EMPLOYER)
    refused = post_form(employer, "/unit", {**UNIT, "industrial_estate": "شهرک صنعتی کاوهٔ نو"})
    body = html.unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert "«شهرک صنعتی کاوهٔ نو» در فهرست شهرک‌ها و نواحی صنعتی شهرستان نیست" in body
    db.session.expire_all()
    assert count(IndustrialEstate) == 1 and count(IndustrialUnit) == 0
    assert db.session.get(User, user.id).unit_id is None
    saved = post_form(employer, "/unit", {**UNIT, "industrial_estate": "شهرك صنعتي كاوه"})
    assert saved.status_code == 302  # the listed estate, typed on an Arabic keyboard
    db.session.expire_all()
    assert db.session.get(IndustrialUnit, db.session.get(User, user.id).unit_id
                          ).estate_id == estate.id
