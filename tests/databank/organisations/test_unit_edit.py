"""A placement office corrects a unit nobody holds (an imported unit's name typed wrong, its
estate, city, sector); a unit an employer holds is hers to keep up; the unique name and the
close-name check hold as everywhere else."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.audit.models import AuditEntry
from databank.db import db
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import get_or_create_estate, get_or_create_unit
from databank.vocabulary import Sector
from tests.conftest import PASSWORD, post_form

FORM = {"sector": "industry", "city": "ساوه", "industrial_estate": "", "address": "",
        "phone": ""}


def edit(client: FlaskClient, unit: IndustrialUnit, **values: str):
    return post_form(client, f"/units/{unit.id}/edit", {**FORM, **values})


def test_an_office_corrects_an_imported_units_name_and_estate(
        client: FlaskClient, make_user, login) -> None:
    estate = get_or_create_estate("شهرک صنعتی کاوه")
    unit = get_or_create_unit("شرکت فولاد سپهرر", sector=Sector.INDUSTRY)
    db.session.commit()
    login(make_user(Role.PLACEMENT_OFFICER))
    assert f"/units/{unit.id}/edit" in client.get("/units").get_data(as_text=True)
    answer = edit(client, unit, name="شرکت فولاد سپهر", industrial_estate="شهرک صنعتی کاوه")
    assert answer.status_code == 302
    db.session.refresh(unit)
    assert (unit.name, unit.estate_id) == ("شرکت فولاد سپهر", estate.id)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "edit_unit"))
    assert entry.details == {"name": "شرکت فولاد سپهر", "was": "شرکت فولاد سپهرر"}


def test_a_name_another_unit_holds_or_comes_close_to_is_asked_about(
        client: FlaskClient, make_user, login) -> None:
    get_or_create_unit("شرکت لبنیات پگاه ساوه", sector=Sector.INDUSTRY)
    unit = get_or_create_unit("کارگاه نان", sector=Sector.SERVICES)
    db.session.commit()
    login(make_user(Role.ADMIN))
    taken = edit(client, unit, name="شركت لبنيات پگاه ساوه")  # Arabic letters: the same name
    assert taken.status_code == 409 and "از آنِ واحد دیگری است" in taken.get_data(as_text=True)
    close = edit(client, unit, name="شرکت لبنیات پگاه")
    assert close.status_code == 400
    assert "«شرکت لبنیات پگاه ساوه»" in close.get_data(as_text=True)
    assert 'name="name_checked"' in close.get_data(as_text=True)
    db.session.refresh(unit)
    assert unit.name == "کارگاه نان"
    assert edit(client, unit, name="شرکت لبنیات پگاه", name_checked="1").status_code == 302
    unknown = edit(client, unit, name="شرکت لبنیات پگاه", industrial_estate="شهرک خیالی")
    assert unknown.status_code == 400 and "در فهرست شهرک‌ها" in unknown.get_data(as_text=True)


def test_a_unit_an_employer_holds_is_hers_to_edit(client: FlaskClient, make_user,
                                                  login) -> None:
    unit = get_or_create_unit("شرکت پلاستیک آزمون", sector=Sector.INDUSTRY)
    db.session.commit()
    make_user(Role.EMPLOYER, unit_id=unit.id)
    login(make_user(Role.PLACEMENT_OFFICER))
    assert f"/units/{unit.id}/edit" not in client.get("/units").get_data(as_text=True)
    answer = post_form(client, "/units", {**FORM, "name": "نام دیگر"},
                       action=f"/units/{unit.id}/edit")  # a page opened before she linked it
    assert answer.status_code == 302
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "حساب کارفرما دارد" in page
    db.session.refresh(unit)
    assert unit.name == "شرکت پلاستیک آزمون"


def test_only_offices_and_the_admin_edit_units_and_a_merged_one_is_gone(
        client: FlaskClient, make_user, login) -> None:
    kept = get_or_create_unit("شرکت الف", sector=Sector.INDUSTRY)
    merged = get_or_create_unit("شرکت الف قدیم", sector=Sector.INDUSTRY)
    db.session.flush()
    merged.merged_into_id = kept.id
    db.session.commit()
    login(make_user(Role.EMPLOYER))
    assert client.get(f"/units/{kept.id}/edit").status_code == 403
    office = client.application.test_client()
    post_form(office, "/login", {"username": make_user(Role.PLACEMENT_OFFICER).username,
                                 "password": PASSWORD})
    assert office.get(f"/units/{merged.id}/edit").status_code == 404
    assert office.get("/units/999999/edit").status_code == 404


def test_an_employer_naming_a_new_unit_close_to_a_known_one_is_asked(
        app, make_user) -> None:
    """«شرکت فولاد سپهر» while «شرکت فولاد سپهر ساوه» is in the bank: hers, typed another way
    (claim it with its code), or another unit (she says so)."""
    get_or_create_unit("شرکت فولاد سپهر ساوه", sector=Sector.INDUSTRY)
    db.session.commit()
    employer = make_user(Role.EMPLOYER)
    browser = app.test_client()
    post_form(browser, "/login", {"username": employer.username, "password": PASSWORD})
    form = {**FORM, "name": "شرکت فولاد سپهر"}
    asked = post_form(browser, "/unit", form)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 400 and "«شرکت فولاد سپهر ساوه»" in page
    assert 'name="name_checked"' in page
    assert db.session.scalar(select(IndustrialUnit).where(
        IndustrialUnit.name == "شرکت فولاد سپهر")) is None
    assert post_form(browser, "/unit", {**form, "name_checked": "1"}).status_code == 302


def test_an_employer_renaming_her_unit_close_to_another_is_asked_as_a_new_unit_is(
        app, make_user) -> None:
    """«مرغداری پر طلا» while «مرغداری پرطلا» is in the bank: renaming to it would leave two
    units for one farm, as a new unit of that name would. A small correction of her own name
    (the same unit, her old name close to her new one) is not asked about."""
    get_or_create_unit("مرغداری پرطلا", sector=Sector.AGRICULTURE)
    db.session.commit()
    employer = make_user(Role.EMPLOYER)
    browser = app.test_client()
    post_form(browser, "/login", {"username": employer.username, "password": PASSWORD})
    assert post_form(browser, "/unit", {**FORM, "name": "شرکت سرامیک نو",
                                        "name_checked": "1"}).status_code == 302
    asked = post_form(browser, "/unit", {**FORM, "name": "مرغداری پر طلا"})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 400 and "«مرغداری پرطلا»" in page
    assert "ادغام" in page and 'name="name_checked"' in page
    db.session.expire_all()
    assert db.session.get(IndustrialUnit, employer.unit_id).name == "شرکت سرامیک نو"
    assert post_form(browser, "/unit", {**FORM, "name": "شرکت سرامیک نوین"}).status_code == 302
    confirmed = post_form(browser, "/unit", {**FORM, "name": "مرغداری پر طلا",
                                             "name_checked": "1"})
    assert confirmed.status_code == 302
    db.session.expire_all()
    assert db.session.get(IndustrialUnit, employer.unit_id).name == "مرغداری پر طلا"


def test_the_office_is_told_the_admin_adds_an_estate(client: FlaskClient, make_user,
                                                     login) -> None:
    unit = get_or_create_unit("کارگاه نان", sector=Sector.SERVICES)
    db.session.commit()
    login(make_user(Role.PLACEMENT_OFFICER))
    answer = edit(client, unit, name="کارگاه نان", industrial_estate="شهرک خیالی")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400 and "مدیر سامانه آن را" in page
    assert "از دفتر کاریابی بخواهید" not in page


def test_a_blank_unit_name_is_asked_for_by_the_employer_and_the_office(
        client: FlaskClient, make_user, login, app) -> None:
    unit = get_or_create_unit("شرکت فولاد سپهر", sector=Sector.INDUSTRY)
    db.session.commit()
    login(make_user(Role.PLACEMENT_OFFICER))
    refused = edit(client, unit, name="  ")
    assert refused.status_code == 400
    assert "این بخش را پر کنید" in refused.get_data(as_text=True)
    employer = app.test_client()
    post_form(employer, "/login", {"username": make_user(Role.EMPLOYER).username,
                                   "password": PASSWORD})
    new = post_form(employer, "/unit", {**FORM, "name": ""})
    assert new.status_code == 400 and "این بخش را پر کنید" in new.get_data(as_text=True)
    db.session.expire_all()
    assert [u.name for u in db.session.scalars(select(IndustrialUnit))] == ["شرکت فولاد سپهر"]
