"""A placement office (or the admin) links an employer account to its unit when she cannot
prove her claim with the workshop code, and unlinks the wrong one. A unit has one holder at
most, kept by the database as well as by the checks, and every refusal is said in Persian
beside the field with nothing written."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from databank.organisations import holders, unit_services
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import get_or_create_estate, get_or_create_unit
from tests.conftest import PASSWORD, at_once, csrf_token, post_form
from tests.databank.test_form_accessibility import assert_announced, parse

NAME = "شرکت لبنیات کیمیا"
CODE = "5100037"
TITLE = "کارشناس کنترل کیفیت"


@pytest.fixture
def unit(app: Flask, make_vacancy) -> IndustrialUnit:
    """A unit an office imported with a vacancy; nobody holds it yet."""
    estate = get_or_create_estate("شهرک صنعتی کاوه", "ساوه")
    unit = get_or_create_unit(NAME, estate=estate, city="ساوه", workshop_code=CODE)
    make_vacancy(unit=unit, title=TITLE)
    return unit


@pytest.fixture
def office(client: FlaskClient, make_user, login) -> User:
    officer = make_user(Role.PLACEMENT_OFFICER)
    login(officer)
    return officer


def browser_of(app: Flask, user: User) -> FlaskClient:
    browser = app.test_client()
    response = post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def link(client: FlaskClient, unit_id: int, username: str, page: str = "/units") -> Any:
    return post_form(client, page, {"username": username}, action=f"/units/{unit_id}/holder")


def release(client: FlaskClient, unit_id: int) -> Any:
    return post_form(client, "/units", {}, action=f"/units/{unit_id}/release")


def sees_vacancy(browser: FlaskClient) -> bool:
    return TITLE in browser.get("/vacancies", follow_redirects=True).get_data(as_text=True)


def holder_ids(unit_id: int) -> list[int]:
    db.session.expire_all()
    return list(db.session.scalars(select(User.id).where(User.unit_id == unit_id)))


def audited(action: str) -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == action))


@pytest.mark.parametrize("role", [Role.PLACEMENT_OFFICER, Role.ADMIN])
def test_an_office_links_an_employer_who_then_sees_her_units_vacancies(
        app: Flask, client: FlaskClient, make_user, login, unit: IndustrialUnit,
        role: Role) -> None:
    login(make_user(role))
    employer = make_user(Role.EMPLOYER, username="kimia")
    browser = browser_of(app, employer)
    assert not sees_vacancy(browser)
    listed = client.get("/units").get_data(as_text=True)
    assert NAME in listed and "شهرک صنعتی کاوه" in listed and CODE in listed
    assert "بدون کاربر" in listed
    response = link(client, unit.id, " KIMIA ")
    assert response.status_code == 302
    assert holder_ids(unit.id) == [employer.id]
    assert audited("link_employer") == 1
    page = client.get("/units").get_data(as_text=True)
    assert "پیوند داده شد" in page and "kimia" in page and employer.display_name in page
    assert "بدون کاربر" not in page and "جدا کردن حساب" in page
    assert sees_vacancy(browser)


def test_the_list_finds_a_unit_by_any_spelling_of_its_name_and_pages(
        client: FlaskClient, office: User, unit: IndustrialUnit) -> None:
    for number in range(35):
        get_or_create_unit(f"کارگاه آزمون {number}")
    db.session.commit()
    found = client.get("/units?q=لبنيات  كيميا").get_data(as_text=True)  # Arabic ye and kaf
    assert NAME in found and "کارگاه آزمون" not in found
    first = client.get("/units").get_data(as_text=True)
    assert "صفحهٔ ۱ از ۲" in first
    assert "/units?page=2" in first
    nothing = client.get("/units?q=ناموجود").get_data(as_text=True)
    assert "واحدی با این نام یا کد کارگاه پیدا نشد." in nothing


@pytest.fixture
def accounts(app: Flask, make_user, unit: IndustrialUnit) -> dict[str, User]:
    other = get_or_create_unit("کارخانه ریسندگی آزمون")
    db.session.commit()
    inactive = make_user(Role.EMPLOYER, username="dormant")
    inactive.is_active = False
    db.session.commit()
    return {"graduate": make_user(Role.GRADUATE, username="maryam"),
            "inactive": inactive,
            "holds_other": make_user(Role.EMPLOYER, username="weaver", unit_id=other.id)}


@pytest.mark.parametrize("username, status, message", [
    ("", 400, "این بخش را پر کنید."),
    ("nobody", 400, holders.NO_ACCOUNT),
    ("maryam", 409, "حساب «maryam» حساب کارفرما (واحد صنعتی) نیست"),
    ("dormant", 409, "حساب «dormant» غیرفعال است"),
    ("weaver", 409, "حساب «weaver» پیش‌تر به واحد «کارخانه ریسندگی آزمون» پیوند داده شده است"),
], ids=["blank", "unknown", "not an employer", "inactive", "holds another unit"])
def test_a_refused_account_is_said_beside_the_field_and_nothing_is_written(
        client: FlaskClient, office: User, unit: IndustrialUnit, accounts, username: str,
        status: int, message: str) -> None:
    response = link(client, unit.id, username)
    assert response.status_code == status
    page = parse(response)
    assert_announced(page)
    field = page.by_id[f"f-username-{unit.id}"]
    assert field.attrs["aria-invalid"] == "true" and field.attrs["value"] == username
    assert message in page.by_id[f"f-username-{unit.id}-error"].content
    assert holder_ids(unit.id) == []
    assert db.session.get(User, accounts["holds_other"].id).unit_id is not None
    assert audited("link_employer") == 0


def test_a_held_unit_names_its_holder_and_keeps_her(
        app: Flask, client: FlaskClient, office: User, make_user, unit: IndustrialUnit) -> None:
    first = make_user(Role.EMPLOYER, username="kimia", unit_id=unit.id)
    make_user(Role.EMPLOYER, username="late")
    response = link(client, unit.id, "late")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert f"واحد «{NAME}» پیش‌تر به حساب «{first.display_name}» (نام کاربری kimia)" in page
    assert holder_ids(unit.id) == [first.id]
    assert audited("link_employer") == 0


def test_the_office_releases_a_wrong_holder_who_then_no_longer_sees_the_unit(
        app: Flask, client: FlaskClient, office: User, make_user, unit: IndustrialUnit) -> None:
    wrong = make_user(Role.EMPLOYER, username="wrong", unit_id=unit.id)
    browser = browser_of(app, wrong)
    assert sees_vacancy(browser)
    response = release(client, unit.id)
    assert response.status_code == 302
    assert holder_ids(unit.id) == []
    assert audited("release_unit") == 1
    assert "جدا شد" in client.get("/units").get_data(as_text=True)
    assert not sees_vacancy(browser)
    assert browser.get("/vacancies").headers["Location"].endswith("/unit")
    right = make_user(Role.EMPLOYER, username="right")
    assert link(client, unit.id, "right").status_code == 302
    assert holder_ids(unit.id) == [right.id]


def test_releasing_a_unit_nobody_holds_is_refused(client: FlaskClient, office: User,
                                                  unit: IndustrialUnit) -> None:
    response = release(client, unit.id)
    assert response.status_code == 409
    assert f"واحد «{NAME}» به هیچ حسابی پیوند داده نشده است." in response.get_data(as_text=True)
    assert audited("release_unit") == 0


@pytest.mark.parametrize("role", [Role.GRADUATE, Role.EMPLOYER, Role.AGENCY_OFFICER,
                                  Role.INSPECTOR])
def test_only_offices_and_the_admin_reach_the_page_and_its_forms(
        client: FlaskClient, make_user, login, unit: IndustrialUnit, role: Role) -> None:
    make_user(Role.EMPLOYER, username="kimia")
    held = get_or_create_unit("کارخانه ریسندگی آزمون")
    db.session.commit()
    holder = make_user(Role.EMPLOYER, username="weaver", unit_id=held.id)
    login(make_user(role))
    token = csrf_token(client, "/account/password")
    assert client.get("/units").status_code == 403
    assert client.post(f"/units/{unit.id}/holder", data={
        "username": "kimia", "csrf_token": token}).status_code == 403
    assert client.post(f"/units/{held.id}/release",
                       data={"csrf_token": token}).status_code == 403
    assert holder_ids(unit.id) == [] and holder_ids(held.id) == [holder.id]


def test_a_visitor_is_sent_to_log_in(client: FlaskClient, unit: IndustrialUnit) -> None:
    assert "/login" in client.get("/units").headers["Location"]


def test_an_unknown_unit_is_not_found(client: FlaskClient, office: User, make_user,
                                      unit: IndustrialUnit) -> None:
    make_user(Role.EMPLOYER, username="kimia")
    assert link(client, unit.id + 1000, "kimia").status_code == 404
    assert release(client, unit.id + 1000).status_code == 404
    assert audited("link_employer") == 0


def test_a_post_without_its_csrf_token_is_refused(client: FlaskClient, office: User,
                                                  make_user, unit: IndustrialUnit) -> None:
    employer = make_user(Role.EMPLOYER, username="kimia")
    assert client.post(f"/units/{unit.id}/holder",
                       data={"username": "kimia"}).status_code == 400
    assert holder_ids(unit.id) == []
    db.session.get(User, employer.id).unit_id = unit.id
    db.session.commit()
    assert client.post(f"/units/{unit.id}/release").status_code == 400
    assert holder_ids(unit.id) == [employer.id]


def test_a_link_keeps_the_search_and_page_it_was_made_from(
        client: FlaskClient, office: User, make_user, unit: IndustrialUnit) -> None:
    make_user(Role.EMPLOYER, username="kimia")
    page = client.get("/units?q=کیمیا&page=1").get_data(as_text=True)
    action = html.unescape(re.search(r'action="([^"]*/holder[^"]*)"', page).group(1))
    response = post_form(client, "/units", {"username": "kimia"}, action=action)
    assert response.status_code == 302
    target = urlsplit(response.headers["Location"])
    assert target.path == "/units" and parse_qs(target.query) == {"q": ["کیمیا"], "page": ["1"]}


# The database keeps one holder per unit, behind the checks.

def test_the_database_refuses_a_second_account_on_one_unit(app: Flask, make_user,
                                                           unit: IndustrialUnit) -> None:
    make_user(Role.EMPLOYER, unit_id=unit.id)
    with pytest.raises(IntegrityError):
        make_user(Role.EMPLOYER, unit_id=unit.id)
    db.session.rollback()
    make_user(Role.EMPLOYER)
    make_user(Role.EMPLOYER)  # any number of accounts hold no unit
    assert len(holder_ids(unit.id)) == 1


def late_check(real: Callable[[int], Any]) -> Callable[[int], Any]:
    """The check as a request saw it a moment before another one committed: the first look
    finds the unit free, later ones see what is stored."""
    calls = iter(range(1_000))

    def check(unit_id: int) -> Any:
        return None if next(calls) == 0 else real(unit_id)

    return check


def test_a_link_that_slips_past_the_check_gets_the_same_conflict(
        client: FlaskClient, office: User, make_user, unit: IndustrialUnit,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = make_user(Role.EMPLOYER, username="kimia", unit_id=unit.id)
    make_user(Role.EMPLOYER, username="late")
    monkeypatch.setattr(holders, "unit_holder", late_check(holders.unit_holder))
    response = link(client, unit.id, "late")
    assert response.status_code == 409
    assert "(نام کاربری kimia)" in response.get_data(as_text=True)
    assert holder_ids(unit.id) == [first.id]
    assert audited("link_employer") == 0


def test_a_claim_that_slips_past_the_check_gets_the_same_conflict(
        client: FlaskClient, make_user, login, unit: IndustrialUnit,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = make_user(Role.EMPLOYER, username="kimia", unit_id=unit.id)
    claimant = make_user(Role.EMPLOYER, username="late")
    login(claimant)
    # a claim checked a moment before an office linked the unit to someone else
    monkeypatch.setattr(unit_services, "_check_claim", lambda _actor, _unit, _data: None)
    response = post_form(client, "/unit", {"name": NAME, "sector": "industry",
                                           "workshop_code": CODE})
    assert response.status_code == 409
    assert unit_services.NAME_OWNED in response.get_data(as_text=True)
    assert holder_ids(unit.id) == [first.id]


def test_a_claim_made_while_an_office_linked_her_elsewhere_does_not_replace_that_link(
        client: FlaskClient, make_user, login, unit: IndustrialUnit,
        monkeypatch: pytest.MonkeyPatch) -> None:
    other = get_or_create_unit("کارخانه ریسندگی آزمون")
    db.session.commit()
    employer = make_user(Role.EMPLOYER, username="kimia")
    login(employer)
    real_check = unit_services._check_claim

    def office_links_meanwhile(actor: User, claimed: IndustrialUnit,
                               data: dict[str, Any]) -> None:
        real_check(actor, claimed, data)
        db.session.execute(update(User).where(User.username == "kimia")
                           .values(unit_id=other.id), execution_options={
                               "synchronize_session": False})

    monkeypatch.setattr(unit_services, "_check_claim", office_links_meanwhile)
    response = post_form(client, "/unit", {"name": NAME, "sector": "industry",
                                           "workshop_code": CODE})
    assert response.status_code == 409
    assert "به واحد «کارخانه ریسندگی آزمون» پیوند داد" in response.get_data(as_text=True)
    assert holder_ids(unit.id) == []


def test_offices_linking_one_unit_at_the_same_moment_leave_one_holder(
        app: Flask, make_user, unit: IndustrialUnit) -> None:
    browsers, employers = [], []
    for number in range(4):
        browser = browser_of(app, make_user(Role.PLACEMENT_OFFICER))
        browsers.append((browser, csrf_token(browser, "/units")))
        employers.append(make_user(Role.EMPLOYER, username=f"claimant-{number}").username)
    unit_id = unit.id  # read here: the threads have no session of their own
    db.session.commit()
    statuses = at_once([
        lambda browser=browser, token=token, username=username: browser.post(
            f"/units/{unit_id}/holder", data={"username": username,
                                              "csrf_token": token}).status_code
        for (browser, token), username in zip(browsers, employers, strict=True)])
    assert sorted(statuses) == [302] + [409] * 3
    assert len(holder_ids(unit_id)) == 1
    assert audited("link_employer") == 1


def test_offices_linking_one_account_to_two_units_at_once_link_it_once(
        app: Flask, make_user, unit: IndustrialUnit) -> None:
    other = get_or_create_unit("کارخانه ریسندگی آزمون")
    db.session.commit()
    make_user(Role.EMPLOYER, username="kimia")
    browsers = []
    for _ in range(2):
        browser = browser_of(app, make_user(Role.PLACEMENT_OFFICER))
        browsers.append((browser, csrf_token(browser, "/units")))
    unit_ids = [unit.id, other.id]
    db.session.commit()
    statuses = at_once([
        lambda browser=browser, token=token, unit_id=unit_id: browser.post(
            f"/units/{unit_id}/holder", data={"username": "kimia",
                                              "csrf_token": token}).status_code
        for (browser, token), unit_id in zip(browsers, unit_ids, strict=True)])
    assert sorted(statuses) == [302, 409]
    assert len(holder_ids(unit_ids[0]) + holder_ids(unit_ids[1])) == 1
