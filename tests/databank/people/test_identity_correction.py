"""The admin corrects a person's recorded identity from her national card: the one path by
which the name and gender an agency registered a job with change, with the reason and the old
values in the audit log; her account takes the corrected name; nobody else may."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from databank.jalali import today
from databank.monitoring.services import create_record
from databank.organisations.services import get_or_create_agency
from databank.people.models import Person
from databank.vocabulary import Gender, Sector
from tests.conftest import post_form

PAGE = "/admin/people/identity"
ACTION = "/admin/people/identity/correct"


def registered_job(make_graduate) -> Person:
    profile = make_graduate(first_name="مريم", last_name="احمدی", gender=Gender.FEMALE,
                            birth_year=1375)
    create_record(None, profile.person, get_or_create_agency("کمیته امداد امام خمینی"),
                  sector=Sector.SERVICES, start_date=today())
    db.session.commit()
    return profile.person


def card(person: Person, **values: str) -> dict[str, str]:
    return {"national_id": person.national_id, "first_name": "مریم", "last_name": "احمدی‌نیا",
            "gender": "female", "birth_year": "1376", "reason": "مطابق کارت ملی", **values}


def test_the_admin_finds_her_by_national_id_and_corrects_what_the_card_says(
        client: FlaskClient, make_user, login, make_graduate) -> None:
    person = registered_job(make_graduate)
    graduate = make_user(Role.GRADUATE, person_id=person.id)
    login(make_user(Role.ADMIN))
    found = post_form(client, PAGE, {"national_id": person.national_id})
    page = found.get_data(as_text=True)
    assert found.status_code == 200 and 'data-testid="has-jobs"' in page
    assert 'value="احمدی"' in page and person.national_id not in found.request.url
    saved = post_form(client, PAGE, card(person), action=ACTION)
    assert saved.status_code == 302
    db.session.expire_all()
    assert (person.full_name, person.gender, person.birth_year) == (
        "مریم احمدی‌نیا", Gender.FEMALE, 1376)
    assert db.session.get(User, graduate.id).display_name == "مریم احمدی‌نیا"
    entry = db.session.scalar(select(AuditEntry).where(
        AuditEntry.action == "correct_identity"))
    assert entry.reason == "مطابق کارت ملی" and entry.entity_id == person.id
    assert entry.details == {"name": "مریم احمدی‌نیا", "was": "مريم احمدی",
                             "birth_year": 1376, "previous_birth_year": 1375}
    log = client.get("/admin/audit").get_data(as_text=True)
    assert "اصلاح مشخصات هویتی" in log and "سال تولد پیشین: ۱۳۷۵" in log


def test_a_correction_needs_a_reason_and_valid_names_and_writes_nothing_otherwise(
        client: FlaskClient, make_user, login, make_graduate) -> None:
    person = registered_job(make_graduate)
    login(make_user(Role.ADMIN))
    for values, message in (({"reason": ""}, "این بخش را پر کنید"),
                            ({"last_name": "<b>x</b>"}, "در نام خانوادگی نمی‌آید"),
                            ({"birth_year": "-1376"}, "چهار رقمی"),
                            ({"birth_year": "1405"}, "سال باید بین")):  # as every form bounds it
        refused = post_form(client, PAGE, card(person, **values), action=ACTION)
        assert refused.status_code == 400 and message in refused.get_data(as_text=True)
    db.session.expire_all()
    assert (person.full_name, person.birth_year) == ("مريم احمدی", 1375)
    assert db.session.scalar(select(AuditEntry).where(
        AuditEntry.action == "correct_identity")) is None


def test_an_unknown_national_id_is_said_beside_its_field(client: FlaskClient, make_user,
                                                         login) -> None:
    login(make_user(Role.ADMIN))
    answer = post_form(client, PAGE, {"national_id": "0013542419"})
    assert answer.status_code == 404
    assert "کسی با این کد ملی در بانک ثبت نشده است" in answer.get_data(as_text=True)


def test_nobody_but_the_admin_may_correct_an_identity(client: FlaskClient, make_user, login,
                                                      make_graduate) -> None:
    person = registered_job(make_graduate)
    for role in (Role.PLACEMENT_OFFICER, Role.AGENCY_OFFICER, Role.INSPECTOR, Role.GRADUATE,
                 Role.EMPLOYER):
        login(make_user(role))
        assert client.get(PAGE).status_code == 403
        assert post_form(client, "/", card(person), action=ACTION).status_code == 403
        post_form(client, "/", {}, action="/logout")
    db.session.expire_all()
    assert person.last_name == "احمدی"
