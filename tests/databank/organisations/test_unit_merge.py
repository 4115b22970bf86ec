"""The admin merges a unit found to be another one typed differently: its vacancies, hires,
monitored jobs and employer account move to the unit kept in one transaction, its name leads
there from then on, and whatever would make two employers one wrongly is refused in Persian with
nothing moved."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from databank.accounts.models import Role, User
from databank.audit.labels import ACTION_LABELS
from databank.audit.models import AuditEntry
from databank.db import db
from databank.monitoring.models import MonitoringRecord, Placement
from databank.monitoring.services import create_record
from databank.organisations import unit_merge, unit_services
from databank.organisations.close_names import close_units
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import (
    find_by_name,
    get_or_create_agency,
    get_or_create_estate,
    get_or_create_unit,
)
from databank.vocabulary import Sector
from tests.conftest import PASSWORD, at_once, csrf_token, post_form

KEPT = "شرکت ریسندگی نور"
TYPO = "کارخانه ريسندگي نوره"


@pytest.fixture
def pair(app: Flask, make_vacancy, make_graduate, make_user) -> dict[str, Any]:
    """The same spinning mill twice: the kept one registered by its employer with a vacancy;
    the other created by an agency's job form from a typo, with a vacancy, a hire, a monitored
    job, its workshop code and an employer account."""
    kept = get_or_create_unit(KEPT, city="ساوه")
    estate = get_or_create_estate("شهرک صنعتی کاوه", "ساوه")
    typo = get_or_create_unit(TYPO, estate=estate, city="ساوه", workshop_code="5100037",
                              phone="08642223344")
    db.session.commit()
    kept_vacancy = make_vacancy(unit=kept, ref="N-1", title="اپراتور ریسندگی")
    typo_vacancy = make_vacancy(unit=typo, ref="N-2", title="کارشناس کنترل کیفیت")
    graduate = make_graduate()
    db.session.add(Placement(vacancy_id=typo_vacancy.id, unit_id=typo.id,
                             person_id=graduate.person.id, start_date=date(2026, 5, 2)))
    record = create_record(None, graduate.person, get_or_create_agency("ادارهٔ صنعت"),
                           sector=Sector.INDUSTRY, start_date=date(2026, 5, 2), unit=typo)
    db.session.commit()
    holder = make_user(Role.EMPLOYER, username="noor-mill", unit_id=typo.id)
    return {"kept": kept.id, "typo": typo.id, "kept_vacancy": kept_vacancy.id,
            "typo_vacancy": typo_vacancy.id, "record": record.id, "holder": holder.id,
            "estate": estate.id}


@pytest.fixture
def admin(client: FlaskClient, make_user, login) -> User:
    user = make_user(Role.ADMIN)
    login(user)
    return user


def merge(client: FlaskClient, unit_id: int, kept: Any, **extra: Any) -> Any:
    page = f"/units/{unit_id}/merge"
    return post_form(client, page, {"kept": kept, **extra})


def page_text(response: Any) -> str:
    return html.unescape(response.get_data(as_text=True))


def unit_ids() -> list[int]:
    db.session.expire_all()
    return sorted(db.session.scalars(select(IndustrialUnit.id)
                                     .where(IndustrialUnit.merged_into_id.is_(None))))


def test_the_merge_page_offers_the_units_with_close_names_and_what_each_holds(
        client: FlaskClient, admin: User, pair: dict[str, Any]) -> None:
    body = page_text(client.get(f"/units/{pair['typo']}/merge"))
    assert f"ادغام واحد «{TYPO}»" in body
    assert "کد کارگاه ۵۱۰۰۰۳۷" in body and "۱ استخدام" in body and "کاربر" in body
    assert f'value="{pair["kept"]}"' in body and KEPT in body  # offered without a search
    searched = page_text(client.get(f"/units/{pair['kept']}/merge?q=5100037"))
    assert f'value="{pair["typo"]}"' in searched  # found by its workshop code
    assert f'value="{pair["kept"]}"' not in searched  # never itself


def test_merging_moves_everything_to_the_unit_kept_and_its_name_leads_there(
        client: FlaskClient, admin: User, pair: dict[str, Any]) -> None:
    response = merge(client, pair["typo"], pair["kept"])
    assert response.status_code == 302
    assert "/units?q=" in response.headers["Location"]
    listing = page_text(client.get(response.headers["Location"]))
    assert "دو واحد یکی شدند" in listing and "۱ فرصت شغلی" in listing
    assert f"نام «{TYPO}» هم به همین واحد می‌رسد" in listing
    db.session.expire_all()
    kept = db.session.get(IndustrialUnit, pair["kept"])
    assert kept.name == KEPT
    assert (kept.workshop_code, kept.estate_id, kept.phone) == (
        "5100037", pair["estate"], "08642223344")  # what it lacked, taken over
    vacancies = db.session.scalars(select(db.Model.metadata.tables["vacancies"].c.unit_id))
    assert set(vacancies) == {pair["kept"]}
    assert db.session.get(MonitoringRecord, pair["record"]).unit_id == pair["kept"]
    assert db.session.scalar(select(Placement.unit_id)) == pair["kept"]
    assert db.session.get(User, pair["holder"]).unit_id == pair["kept"]
    assert unit_ids() == [pair["kept"]]
    units_page = page_text(client.get("/units"))
    assert TYPO not in units_page and KEPT in units_page
    # the typo's name, in any spelling, no longer makes a unit of its own
    assert find_by_name(IndustrialUnit, "کارخانه ریسندگی نوره").id == pair["kept"]
    assert get_or_create_unit(TYPO).id == pair["kept"]
    assert [unit.id for unit in close_units("ریسندگی نوره")] == [pair["kept"]]
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "merge_units")).one()
    assert entry.entity_id == pair["kept"] and entry.details["merged"] == TYPO
    assert "merge_units" in ACTION_LABELS
    log = page_text(client.get("/admin/audit"))
    assert "ادغام دو واحد صنعتی" in log and f"واحد ادغام‌شده: {TYPO}" in log
    assert client.get(f"/units/{pair['typo']}/merge").status_code == 404


def test_the_unit_kept_may_take_the_merged_ones_name(
        client: FlaskClient, admin: User, pair: dict[str, Any]) -> None:
    response = merge(client, pair["kept"], pair["typo"], name="merged")
    assert response.status_code == 302
    db.session.expire_all()
    survivor = db.session.get(IndustrialUnit, pair["typo"])
    assert survivor.name == KEPT and unit_ids() == [pair["typo"]]
    assert find_by_name(IndustrialUnit, TYPO).id == pair["typo"]  # its own old name still leads
    assert find_by_name(IndustrialUnit, KEPT).id == pair["typo"]


def test_an_employer_may_rename_her_unit_to_the_name_merged_into_it(
        app: Flask, admin: User, pair: dict[str, Any]) -> None:
    unit_merge.merge_units(admin, pair["kept"], pair["typo"])
    db.session.commit()
    employer = db.session.get(User, pair["holder"])
    unit_services.update_unit(employer, {"name": KEPT, "sector": Sector.INDUSTRY})
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(IndustrialUnit, pair["typo"]).name == KEPT
    assert find_by_name(IndustrialUnit, TYPO).id == pair["typo"]
    assert unit_ids() == [pair["typo"]]


@pytest.mark.parametrize(("change", "expected"), [
    ("codes", "دو کارگاه بیمه دو کارفرمای جدا هستند"),
    ("holders", "هر دو واحد حساب کارفرما دارند"),
    ("refs", "کد فرصت «N-1» در هر دو واحد به کار رفته است"),
])
def test_what_would_make_two_employers_one_is_refused_and_nothing_moves(
        client: FlaskClient, admin: User, make_user, make_vacancy, pair: dict[str, Any],
        change: str, expected: str) -> None:
    kept = db.session.get(IndustrialUnit, pair["kept"])
    if change == "codes":
        kept.workshop_code = "5100999"
        db.session.commit()
    elif change == "holders":
        make_user(Role.EMPLOYER, username="noor-two", unit_id=kept.id)
    else:
        make_vacancy(unit=db.session.get(IndustrialUnit, pair["typo"]), ref="N-1")
    response = merge(client, pair["typo"], pair["kept"])
    assert response.status_code == 409
    assert expected in page_text(response)
    assert f'value="{pair["kept"]}" checked' in page_text(response)  # the choice stays made
    db.session.expire_all()
    assert unit_ids() == sorted((pair["kept"], pair["typo"]))
    assert db.session.get(MonitoringRecord, pair["record"]).unit_id == pair["typo"]
    assert db.session.get(User, pair["holder"]).unit_id == pair["typo"]
    assert not db.session.scalar(select(func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.action == "merge_units"))


@pytest.mark.parametrize(("kept", "status", "expected"), [
    ("same", 400, "واحد با خودش ادغام نمی‌شود"),
    ("", 400, "واحدی را که نگه داشته می‌شود انتخاب کنید"),
    ("999999", 400, "این واحد صنعتی در بانک ثبت نشده است"),
    ("abc", 400, "یک عدد وارد کنید"),
])
def test_a_missing_or_forged_choice_is_named_beside_it(
        client: FlaskClient, admin: User, pair: dict[str, Any], kept: str, status: int,
        expected: str) -> None:
    response = merge(client, pair["typo"], pair["typo"] if kept == "same" else kept)
    assert response.status_code == status
    assert expected in page_text(response)
    assert unit_ids() == sorted((pair["kept"], pair["typo"]))


def test_a_unit_merged_meanwhile_is_neither_merged_again_nor_kept(
        client: FlaskClient, admin: User, make_vacancy, pair: dict[str, Any]) -> None:
    third = make_vacancy().unit_id
    token = csrf_token(client, f"/units/{pair['typo']}/merge")
    unit_merge.merge_units(admin, pair["typo"], pair["kept"])
    db.session.commit()
    again = client.post(f"/units/{pair['typo']}/merge",
                        data={"kept": third, "csrf_token": token})
    assert again.status_code == 404 and f"پیش‌تر در واحد «{KEPT}» ادغام شده است" in \
        page_text(again)
    into_merged = merge(client, third, pair["typo"])
    assert into_merged.status_code == 409 and "پیش‌تر در واحد" in page_text(into_merged)
    # a later merge of the kept unit carries the pointer along: no chain to follow
    unit_merge.merge_units(admin, pair["kept"], third)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(IndustrialUnit, pair["typo"]).merged_into_id == third
    assert find_by_name(IndustrialUnit, TYPO).id == third


def signed_in(app: Flask, user: User) -> FlaskClient:
    browser = app.test_client()
    response = post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def test_only_the_admin_merges(app: Flask, client: FlaskClient, make_user,
                               pair: dict[str, Any]) -> None:
    assert client.get(f"/units/{pair['typo']}/merge").status_code == 302  # to the login
    for role in (Role.PLACEMENT_OFFICER, Role.AGENCY_OFFICER, Role.EMPLOYER, Role.INSPECTOR):
        browser = signed_in(app, make_user(role))
        assert browser.get(f"/units/{pair['typo']}/merge").status_code == 403
        token = csrf_token(browser, "/account/password")
        assert browser.post(f"/units/{pair['typo']}/merge",
                            data={"kept": pair["kept"], "csrf_token": token}).status_code == 403
    assert unit_ids() == sorted((pair["kept"], pair["typo"]))
    office = signed_in(app, make_user(Role.PLACEMENT_OFFICER))
    assert "ادغام…" not in page_text(office.get("/units"))


def test_the_office_cannot_link_an_account_to_a_merged_unit(
        client: FlaskClient, admin: User, make_user, pair: dict[str, Any]) -> None:
    token = csrf_token(client, "/units")
    unit_merge.merge_units(admin, pair["typo"], pair["kept"])
    db.session.commit()
    make_user(Role.EMPLOYER, username="late-claimant")
    response = client.post(f"/units/{pair['typo']}/holder",
                           data={"username": "late-claimant", "csrf_token": token})
    assert response.status_code == 404


def test_the_database_refuses_a_unit_merged_into_itself(app: Flask, pair: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError):
        db.session.execute(text("UPDATE industrial_units SET merged_into_id = id "
                                "WHERE id = :id"), {"id": pair["typo"]})
        db.session.flush()
    db.session.rollback()


def test_two_admins_merging_the_pair_both_ways_at_once_merge_it_once(
        app: Flask, make_user, pair: dict[str, Any]) -> None:
    browsers = []
    for unit_id in (pair["typo"], pair["kept"]):
        browser = signed_in(app, make_user(Role.ADMIN))
        browsers.append((browser, csrf_token(browser, f"/units/{unit_id}/merge"), unit_id))
    db.session.commit()
    statuses = at_once([
        lambda browser=browser, token=token, unit_id=unit_id: browser.post(
            f"/units/{unit_id}/merge",
            data={"kept": pair["kept"] + pair["typo"] - unit_id, "csrf_token": token}
        ).status_code
        for browser, token, unit_id in browsers])
    assert sorted(statuses) in ([302, 404], [302, 409])
    assert len(unit_ids()) == 1
    survivor = unit_ids()[0]
    assert db.session.get(MonitoringRecord, pair["record"]).unit_id == survivor
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "merge_units")) == 1


def test_the_admin_finds_units_with_close_names_in_groups_and_merges_them_away(
        client: FlaskClient, admin: User, pair: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from databank.organisations import close_names

    monkeypatch.setattr(close_names, "BLOCK", 2)  # rows compared in several blocks
    for name in ("صنایع ریسندگی نور ساوه", "شرکت فولاد البرز", "شرکت فولاد زاگرس",
                 "کارخانه سیمان سپاهان", "سیمان سپاهان"):
        get_or_create_unit(name)
    db.session.commit()
    assert "واحدهای با نام‌های نزدیک" in page_text(client.get("/units"))
    body = client.get("/units/close")
    groups = [[name for name in (KEPT, TYPO, "صنایع ریسندگی نور ساوه", "کارخانه سیمان سپاهان",
                                 "سیمان سپاهان", "شرکت فولاد البرز") if name in section]
              for section in page_text(body).split('data-testid="close-group"')[1:]]
    assert groups == [[KEPT, TYPO, "صنایع ریسندگی نور ساوه"],  # the largest first
                      ["کارخانه سیمان سپاهان", "سیمان سپاهان"]]  # two steels stay apart
    assert f'href="/units/{pair["typo"]}/merge"' in page_text(body)
    client.get(merge(client, pair["typo"], pair["kept"]).headers["Location"])  # its message
    after = page_text(client.get("/units/close"))
    assert TYPO not in after and KEPT in after  # the merged one is gone from its group


def test_no_close_names_says_so_and_only_the_admin_sees_the_list(
        app: Flask, client: FlaskClient, admin: User, make_user) -> None:
    get_or_create_unit("شرکت فولاد البرز")
    get_or_create_unit("شرکت فولاد زاگرس")
    db.session.commit()
    assert "واحدی با نام نزدیک به واحد دیگر در بانک نیست" in page_text(client.get("/units/close"))
    office = signed_in(app, make_user(Role.PLACEMENT_OFFICER))
    assert office.get("/units/close").status_code == 403
