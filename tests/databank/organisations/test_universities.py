"""The admin keeps the county's universities in the registry and merges one university typed
several ways into one: its graduates move to the university kept in one transaction, its name
leads there from then on (forms, imports), and the dashboard counts one university."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import jdatetime
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from databank.accounts.models import Role, User
from databank.audit.labels import ACTION_LABELS, ENTITY_LABELS
from databank.audit.models import AuditEntry
from databank.db import db
from databank.imports import services as imports
from databank.monitoring.models import MonitoringRecord, RecordStatus
from databank.organisations import university_merge
from databank.organisations.models import University, UniversityKind
from databank.organisations.services import (
    find_by_name,
    get_or_create_agency,
    get_or_create_university,
    name_options,
    university_names,
)
from databank.people.models import GraduateProfile, Person
from databank.vocabulary import Sector
from tests.conftest import PASSWORD, at_once, csrf_token, post_form
from tests.databank.imports.conftest import GRADUATE_HEADERS, as_rows, graduate, write_csv

PAGE = "/admin/organisations/universities"
KEPT = "دانشگاه آزاد اسلامی واحد ساوه"
SHORT = "دانشگاه آزاد ساوه"
BARE = "آزاد ساوه"
OTHER = "دانشگاه تهران"
YEAR = 1403
REGISTRATION = {
    "national_id": "۰۰۱۳۵۴۲۴۱۹", "username": "maryam.ahmadi", "password": "a-long-enough-pass",
    "password_confirm": "a-long-enough-pass", "first_name": "مریم", "last_name": "احمدی",
    "gender": "female", "birth_year": "۱۳۷۶", "mobile": "09123456789", "city": "ساوه",
    "university": SHORT, "degree": "3", "field_of_study": "مهندسی کامپیوتر",
    "graduation_year": "1399", "skills": "پایتون", "desired_job": "برنامه‌نویس وب",
    "consent": "1",
}


@pytest.fixture
def admin(client: FlaskClient, make_user, login) -> User:
    user = make_user(Role.ADMIN)
    login(user)
    return user


@pytest.fixture
def saveh(make_graduate) -> dict[str, int]:
    """One university under three names, its graduates spread over them, and another one."""
    for name, count in ((KEPT, 2), (SHORT, 1), (BARE, 1), (OTHER, 1)):
        for _ in range(count):
            make_graduate(university=name)
    return {name: find_by_name(University, name).id for name in (KEPT, SHORT, BARE, OTHER)}


def page_text(response: Any) -> str:
    return html.unescape(response.get_data(as_text=True))


def listed(client: FlaskClient) -> list[tuple[str, str]]:
    """(name, graduates) of each row of the universities' tab, in its order."""
    body = page_text(client.get(PAGE))
    return list(zip(re.findall(r'aria-label="نام ([^"]+)"', body),
                    re.findall(r'data-testid="graduates">([^<]*)<', body), strict=True))


def graduates_of(university_id: int) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).where(
        GraduateProfile.university_id == university_id))


def merge(client: FlaskClient, university_id: int, kept: Any) -> Any:
    page = f"{PAGE}/{university_id}/merge"
    return post_form(client, page, {"kept": kept})


def merged_into(university_id: int) -> int | None:
    db.session.expire_all()
    return db.session.get(University, university_id).merged_into_id


def merges_logged() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "merge_universities"))


# ---------------------------------------------------------------- the registry's tab


def test_the_admin_adds_and_renames_universities_one_name_in_any_spelling(
        client: FlaskClient, admin: User) -> None:
    added = post_form(client, PAGE, {"name": f"  {KEPT} ", "kind": "azad", "city": "ساوه"})
    assert added.status_code == 302
    assert f"دانشگاه «{KEPT}» ذخیره شد" in page_text(client.get(added.headers["Location"]))
    kept = db.session.scalar(select(University))
    assert (kept.name, kept.kind, kept.city) == (KEPT, UniversityKind.AZAD, "ساوه")
    same = post_form(client, PAGE, {"name": "دانشگاه آزاد اسلامي  واحد ساوه"})
    assert same.status_code == 409
    assert f"دانشگاه «{KEPT}» در بانک هست" in page_text(same)
    assert post_form(client, PAGE, {"name": "دانشگاه اراک"}).status_code == 302
    other = find_by_name(University, "دانشگاه اراک")
    assert other.kind is UniversityKind.OTHER
    clash = post_form(client, PAGE, {"name": KEPT, "kind": "state"},
                      action=f"{PAGE}/{other.id}")
    assert clash.status_code == 409
    assert f'id="row-{other.id}-error"' in page_text(clash)
    renamed = post_form(client, PAGE, {"name": "دانشگاه صنعتی اراک", "kind": "state"},
                        action=f"{PAGE}/{other.id}")
    assert renamed.status_code == 302
    db.session.expire_all()
    assert sorted(db.session.scalars(select(University.name))) == sorted(
        [KEPT, "دانشگاه صنعتی اراک"])
    assert db.session.get(University, other.id).kind is UniversityKind.STATE
    entries = db.session.execute(select(AuditEntry.action, AuditEntry.entity, AuditEntry.details)
                                 .order_by(AuditEntry.id)
                                 .where(AuditEntry.entity == "university")).all()
    assert [(action, entity) for action, entity, _ in entries] == [
        ("add_organisation", "university"), ("add_organisation", "university"),
        ("edit_organisation", "university")]
    assert entries[-1][2] == {"name": "دانشگاه صنعتی اراک", "was": "دانشگاه اراک"}
    assert ENTITY_LABELS["university"] == "دانشگاه"
    assert "دانشگاه" in page_text(client.get("/admin/audit"))


def test_the_list_shows_each_university_with_its_graduates_in_persian_order(
        client: FlaskClient, admin: User, make_graduate) -> None:
    # added in code-point order, which puts پ after ت; Persian puts it between ب and ت
    for name, count in (("دانشگاه تهران", 2), ("دانشگاه پیام نور", 0), ("دانشگاه بوعلی", 1)):
        get_or_create_university(name)
        db.session.commit()
        for _ in range(count):
            make_graduate(university=name)
    assert listed(client) == [("دانشگاه بوعلی", "۱"), ("دانشگاه پیام نور", "۰"),
                              ("دانشگاه تهران", "۲")]
    body = page_text(client.get(PAGE))
    assert 'aria-current="page" href="/admin/organisations/universities">دانشگاه‌ها' in body
    assert body.count(">ادغام…</a>") == 3


# ---------------------------------------------------------------- merging


def test_the_merge_page_offers_the_universities_with_close_names_first(
        client: FlaskClient, admin: User, saveh: dict[str, int]) -> None:
    body = page_text(client.get(f"{PAGE}/{saveh[SHORT]}/merge"))
    assert f"ادغام دانشگاه «{SHORT}»" in body and "۱ دانش‌آموخته" in body
    offered = re.findall(r'name="kept" id="kept-(\d+)"', body)
    assert set(map(int, offered[:2])) == {saveh[KEPT], saveh[BARE]}  # the close ones first
    assert int(offered[-1]) == saveh[OTHER]  # offered too, after the close ones
    assert str(saveh[SHORT]) not in offered  # never itself
    assert body.count('data-testid="close-name"') == 2
    assert "data-confirm=" in body


def test_merging_moves_the_graduates_and_the_old_name_leads_to_the_one_kept(
        client: FlaskClient, admin: User, saveh: dict[str, int]) -> None:
    response = merge(client, saveh[SHORT], saveh[KEPT])
    assert response.status_code == 302 and response.headers["Location"].endswith(PAGE)
    listing = page_text(client.get(response.headers["Location"]))
    assert f"دو دانشگاه یکی شدند: «{KEPT}» ماند؛ ۱ دانش‌آموخته به آن منتقل شد" in listing
    assert f"نام «{SHORT}» هم به همین دانشگاه می‌رسد" in listing
    assert graduates_of(saveh[KEPT]) == 3 and graduates_of(saveh[SHORT]) == 0
    assert merged_into(saveh[SHORT]) == saveh[KEPT]
    # the one kept is on the county's list now; the others, typed, still wait below it
    assert listed(client) == [(KEPT, "۳"), (BARE, "۱"), (OTHER, "۱")]
    # its name, in any spelling, no longer makes a university of its own
    assert find_by_name(University, "دانشگاه  آزاد ساوه").id == saveh[KEPT]
    assert get_or_create_university(SHORT).id == saveh[KEPT]
    assert SHORT not in university_names() and KEPT in university_names()
    assert saveh[SHORT] not in dict(name_options(University))
    entry = db.session.scalars(select(AuditEntry)
                               .where(AuditEntry.action == "merge_universities")).one()
    assert (entry.entity, entry.entity_id) == ("university", saveh[KEPT])
    assert entry.details["merged_university"] == SHORT and entry.details["graduates"] == 1
    assert "merge_universities" in ACTION_LABELS
    assert client.get(f"{PAGE}/{saveh[SHORT]}/merge").status_code == 404


def test_the_graduate_form_offers_no_merged_name(client: FlaskClient, saveh: dict[str, int],
                                                 make_user) -> None:
    university_merge.merge_universities(make_user(Role.ADMIN), saveh[SHORT], saveh[KEPT])
    db.session.commit()
    form = page_text(client.get("/graduates/register"))
    assert f'<option value="{KEPT}">' in form  # kept in a merge: on the county's list
    assert f'<option value="{SHORT}">' not in form
    assert f'<option value="{BARE}">' not in form  # typed by a graduate, not yet confirmed


def test_the_old_name_typed_on_the_registration_form_leads_to_the_one_kept(
        client: FlaskClient, saveh: dict[str, int], make_user) -> None:
    university_merge.merge_universities(make_user(Role.ADMIN), saveh[SHORT], saveh[KEPT])
    db.session.commit()
    typed = {**REGISTRATION, "university": "دانشگاه آزاد  ساوه"}
    assert post_form(client, "/graduates/register", typed).status_code == 302
    person = db.session.scalar(select(Person).where(Person.national_id == "0013542419"))
    assert person.profile.university_id == saveh[KEPT]
    assert db.session.scalar(select(func.count()).select_from(University)) == 4


def test_the_old_name_in_a_graduates_import_leads_to_the_one_kept(
        app: Flask, tmp_path: Path, saveh: dict[str, int], make_user) -> None:
    university_merge.merge_universities(make_user(Role.ADMIN), saveh[SHORT], saveh[KEPT])
    db.session.commit()
    rows = [graduate(71, university=SHORT), graduate(72, university="دانشگاه آزاد ساوه ")]
    path = write_csv(tmp_path / "graduates.csv", GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS,
                                                                            rows))
    result = imports.import_file("graduates", path)
    assert (result.created, result.refused) == (2, [])
    assert graduates_of(saveh[KEPT]) == 5 and graduates_of(saveh[SHORT]) == 0
    assert db.session.scalar(select(func.count()).select_from(University)) == 4


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_dashboard_counts_a_merged_university_once(
        client: FlaskClient, admin: User, saveh: dict[str, int]) -> None:
    agency = get_or_create_agency("آموزش فنی و حرفه‌ای")
    start = jdatetime.date(YEAR, 3, 1).togregorian()
    for profile in db.session.scalars(select(GraduateProfile).order_by(GraduateProfile.id)):
        db.session.add(MonitoringRecord(person_id=profile.person_id, agency=agency,
                                        sector=Sector.INDUSTRY, start_date=start,
                                        status=RecordStatus.REGISTERED))
    db.session.commit()

    def universities() -> dict[str, str]:
        response = client.get(f"/dashboard/export/universities.csv?year={YEAR}")
        assert response.status_code == 200
        return {row[0]: row[1] for row in read_csv(response.data)[1:] if row[0] != "جمع"}

    assert universities() == {KEPT: "2", SHORT: "1", BARE: "1", OTHER: "1"}
    assert merge(client, saveh[SHORT], saveh[KEPT]).status_code == 302
    assert merge(client, saveh[BARE], saveh[KEPT]).status_code == 302
    assert universities() == {KEPT: "4", OTHER: "1"}
    assert KEPT in page_text(client.get(f"/dashboard/?year={YEAR}"))


def test_merging_one_that_others_were_merged_into_points_them_at_the_one_kept(
        client: FlaskClient, admin: User, saveh: dict[str, int]) -> None:
    assert merge(client, saveh[BARE], saveh[SHORT]).status_code == 302
    assert merge(client, saveh[SHORT], saveh[KEPT]).status_code == 302
    assert merged_into(saveh[BARE]) == saveh[KEPT]  # no chain to follow
    assert find_by_name(University, BARE).id == saveh[KEPT]
    assert graduates_of(saveh[KEPT]) == 4


@pytest.mark.parametrize(("kept", "status", "expected"), [
    ("itself", 400, "دانشگاه با خودش ادغام نمی‌شود"),
    ("merged", 409, f"دانشگاه «{BARE}» پیش‌تر در دانشگاه «{KEPT}» ادغام شده است"),
    ("", 400, "دانشگاهی را که نگه داشته می‌شود انتخاب کنید"),
    ("999999", 400, "این دانشگاه در بانک ثبت نشده است"),
    ("abc", 400, "یک عدد وارد کنید"),
])
def test_a_refused_merge_says_why_and_changes_nothing(
        client: FlaskClient, admin: User, saveh: dict[str, int], kept: str, status: int,
        expected: str) -> None:
    university_merge.merge_universities(admin, saveh[BARE], saveh[KEPT])
    db.session.commit()
    chosen = {"itself": saveh[SHORT], "merged": saveh[BARE]}.get(kept, kept)
    response = merge(client, saveh[SHORT], chosen)
    assert response.status_code == status
    assert expected in page_text(response)
    assert merged_into(saveh[SHORT]) is None
    assert graduates_of(saveh[SHORT]) == 1 and graduates_of(saveh[KEPT]) == 3
    assert merges_logged() == 1  # the one made above


def test_a_merged_university_is_neither_merged_again_nor_edited(
        client: FlaskClient, admin: User, saveh: dict[str, int]) -> None:
    token = csrf_token(client, PAGE)
    university_merge.merge_universities(admin, saveh[SHORT], saveh[KEPT])
    db.session.commit()
    again = client.post(f"{PAGE}/{saveh[SHORT]}/merge",
                        data={"kept": saveh[OTHER], "csrf_token": token})
    assert again.status_code == 404
    assert f"پیش‌تر در دانشگاه «{KEPT}» ادغام شده است" in page_text(again)
    stale = client.post(f"{PAGE}/{saveh[SHORT]}", data={"name": "نام تازه",
                                                         "csrf_token": token})
    assert stale.status_code == 404
    assert merged_into(saveh[SHORT]) == saveh[KEPT]
    assert db.session.get(University, saveh[SHORT]).name == SHORT


def test_a_merged_name_is_refused_to_another_but_given_back_to_the_one_kept(
        client: FlaskClient, admin: User, saveh: dict[str, int]) -> None:
    university_merge.merge_universities(admin, saveh[SHORT], saveh[KEPT])
    db.session.commit()
    added = post_form(client, PAGE, {"name": SHORT})
    assert added.status_code == 409
    assert f"نام «{SHORT}» از آن دانشگاهی است که در «{KEPT}» ادغام شده" in page_text(added)
    onto_other = post_form(client, PAGE, {"name": SHORT}, action=f"{PAGE}/{saveh[OTHER]}")
    assert onto_other.status_code == 409
    taken_back = post_form(client, PAGE, {"name": SHORT, "kind": "azad"},
                           action=f"{PAGE}/{saveh[KEPT]}")
    assert taken_back.status_code == 302
    db.session.expire_all()
    assert db.session.get(University, saveh[KEPT]).name == SHORT
    assert db.session.get(University, saveh[SHORT]).name == KEPT  # the two swapped
    assert find_by_name(University, KEPT).id == saveh[KEPT]
    assert find_by_name(University, SHORT).id == saveh[KEPT]


@pytest.mark.parametrize("role", [Role.PLACEMENT_OFFICER, Role.AGENCY_OFFICER, Role.INSPECTOR,
                                  Role.EMPLOYER, Role.GRADUATE])
def test_only_the_admin_reaches_the_universities_pages(
        client: FlaskClient, make_user, login, saveh: dict[str, int], role: Role) -> None:
    login(make_user(role))
    token = csrf_token(client, "/account/password")
    for page in (PAGE, f"{PAGE}/{saveh[SHORT]}/merge"):
        assert client.get(page).status_code == 403
    assert client.post(f"{PAGE}/{saveh[SHORT]}/merge",
                       data={"kept": saveh[KEPT], "csrf_token": token}).status_code == 403
    assert client.post(PAGE, data={"name": "دانشگاه تازه", "csrf_token": token}
                       ).status_code == 403
    assert client.post(f"{PAGE}/{saveh[OTHER]}", data={"name": "نام دیگر",
                                                        "csrf_token": token}).status_code == 403
    assert merged_into(saveh[SHORT]) is None and graduates_of(saveh[SHORT]) == 1
    assert db.session.get(University, saveh[OTHER]).name == OTHER
    assert db.session.scalar(select(func.count()).select_from(University)) == 4


def test_the_database_refuses_a_university_merged_into_itself(
        app: Flask, saveh: dict[str, int]) -> None:
    with pytest.raises(IntegrityError):
        db.session.execute(text("UPDATE universities SET merged_into_id = id WHERE id = :id"),
                           {"id": saveh[SHORT]})
        db.session.flush()
    db.session.rollback()


def signed_in(app: Flask, user: User) -> FlaskClient:
    browser = app.test_client()
    response = post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def test_two_admins_merging_the_pair_both_ways_at_once_merge_it_once(
        app: Flask, make_user, saveh: dict[str, int]) -> None:
    pair = (saveh[SHORT], saveh[KEPT])
    browsers = []
    for university_id in pair:
        browser = signed_in(app, make_user(Role.ADMIN))
        browsers.append((browser, csrf_token(browser, f"{PAGE}/{university_id}/merge"),
                         university_id))
    db.session.commit()
    statuses = at_once([
        lambda browser=browser, token=token, university_id=university_id: browser.post(
            f"{PAGE}/{university_id}/merge",
            data={"kept": sum(pair) - university_id, "csrf_token": token}).status_code
        for browser, token, university_id in browsers])
    assert sorted(statuses) in ([302, 404], [302, 409])
    db.session.expire_all()
    standing = [ident for ident in pair if merged_into(ident) is None]
    assert len(standing) == 1 and graduates_of(standing[0]) == 3
    assert merges_logged() == 1


def test_a_graduate_registering_under_the_old_name_during_a_merge_ends_at_the_one_kept(
        app: Flask, make_user, saveh: dict[str, int]) -> None:
    admin = signed_in(app, make_user(Role.ADMIN))
    token = csrf_token(admin, f"{PAGE}/{saveh[SHORT]}/merge")
    visitor = app.test_client()
    visitor_token = csrf_token(visitor, "/graduates/register")
    db.session.commit()
    statuses = at_once([
        lambda: admin.post(f"{PAGE}/{saveh[SHORT]}/merge",
                           data={"kept": saveh[KEPT], "csrf_token": token}).status_code,
        lambda: visitor.post("/graduates/register",
                             data={**REGISTRATION, "csrf_token": visitor_token}).status_code])
    assert statuses == [302, 302]
    assert graduates_of(saveh[SHORT]) == 0 and graduates_of(saveh[KEPT]) == 4
    assert merged_into(saveh[SHORT]) == saveh[KEPT]


def test_the_migration_goes_up_and_down_over_graduates_that_name_universities(
        app: Flask) -> None:
    """With graduates stored, the upgrade adds the column (SQLite could not rebuild the table
    they point at) and going down removes merged universities, a graduate left on one moved
    to the one kept first. The bare round trip and autogenerate: test_migrations."""
    from flask_migrate import downgrade, upgrade

    from tests.conftest import empty_database

    empty_database()
    upgrade(revision="b8e1d6f0a2c5")
    now = date(2025, 1, 1)
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO universities (id, name, name_key, kind) VALUES "
            "(1, :kept, :kept, 'azad'), (2, :short, :short, 'other')"),
            {"kept": KEPT, "short": SHORT})
        connection.execute(text(
            "INSERT INTO persons (id, national_id, first_name, last_name, full_name, name_key, "
            "created_at, updated_at) VALUES (1, '0013542419', 'زهرا', 'کریمی', 'زهرا کریمی', "
            "'زهرا کریمی', :now, :now)"), {"now": now})
        connection.execute(text(
            "INSERT INTO graduate_profiles (person_id, degree, university_id, field_of_study, "
            "field_key, skills, skills_key, head_of_household, consent, created_at, "
            "updated_at) VALUES (1, 3, 2, 'کامپیوتر', 'کامپیوتر', '[]', '', false, true, "
            ":now, :now)"), {"now": now})
    upgrade()
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE universities SET merged_into_id = 1 WHERE id = 2"))
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(text("UPDATE universities SET merged_into_id = id WHERE id = 1"))
    downgrade(revision="b8e1d6f0a2c5")
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT id FROM universities")).scalars().all() == [1]
        assert connection.execute(text("SELECT university_id FROM graduate_profiles")
                                  ).scalar() == 1
    upgrade()


def test_the_upgrade_keeps_on_the_list_the_universities_someone_vouched_for(
        app: Flask) -> None:
    """Existing rows: listed when the admin added, edited or kept them in a merge (the audit
    log, or another merged into them) or when a kind or city describes them (the admin's page,
    the demo seed); the bare names graduates or files typed wait for the admin."""
    from flask_migrate import downgrade, upgrade

    from tests.conftest import empty_database

    empty_database()
    upgrade(revision="a6c3e9f1b2d4")
    rows = {1: ("دانشگاه افزوده مدیر", "other", None),
            2: (KEPT, "azad", "ساوه"),
            3: ("تایپ‌شده", "other", None),
            4: ("نگه‌داشته در ادغام", "other", None),
            5: ("ادغام‌شده", "other", None),  # merged into 4 below
            6: ("شهر دارد", "other", "ساوه"),
            7: ("شناسهٔ دیگری در گزارش", "other", None)}
    with db.engine.begin() as connection:
        for ident, (name, kind, city) in rows.items():
            connection.execute(text(
                "INSERT INTO universities (id, name, name_key, kind, city) VALUES "
                "(:id, :name, :name, :kind, :city)"),
                {"id": ident, "name": name, "kind": kind, "city": city})
        connection.execute(text("UPDATE universities SET merged_into_id = 4 WHERE id = 5"))
        for action, entity, ident in (("add_organisation", "university", 1),
                                      ("add_organisation", "agency", 7)):
            connection.execute(text(
                "INSERT INTO audit_log (at, action, entity, entity_id, details) VALUES "
                "(:now, :action, :entity, :id, '{}')"),
                {"now": date(2025, 1, 1), "action": action, "entity": entity, "id": ident})
    upgrade()
    with db.engine.connect() as connection:
        flags = dict(connection.execute(text("SELECT id, listed FROM universities")).all())
    assert {ident for ident, flag in flags.items() if flag} == {1, 2, 4, 6}
    downgrade(revision="a6c3e9f1b2d4")
    upgrade()
