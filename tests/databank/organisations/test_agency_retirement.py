"""An agency the working group no longer counts is retired, not deleted: its jobs and
commitments stay in the figures, while no job, hire, commitment, office or account is
credited to it and the forms stop offering it; one still in use is refused with what to move
first; the admin may bring it back."""

from __future__ import annotations

from datetime import timedelta

from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.audit.models import AuditEntry
from databank.db import db
from databank.jalali import current_year, to_jalali, today
from databank.monitoring.models import Commitment, MonitoringRecord
from databank.monitoring.services import create_record
from databank.organisations.models import Agency
from databank.organisations.services import get_or_create_agency, get_or_create_office
from databank.people.services import get_or_create_person
from databank.vocabulary import Gender, Sector
from tests.conftest import post_form, valid_national_id

AGENCIES = "/admin/organisations/agencies"
OLD, KEPT = "ستاد اجرایی فرمان امام", "کمیته امداد امام خمینی"


def jobs() -> int:
    return db.session.scalar(select(func.count(MonitoringRecord.id)))


def retire(client: FlaskClient, agency: Agency, action: str = "retire"):
    return post_form(client, AGENCIES, {}, action=f"{AGENCIES}/{agency.id}/{action}")


def county(admin_client: FlaskClient) -> tuple[Agency, Agency]:
    old, kept = get_or_create_agency(OLD), get_or_create_agency(KEPT)
    person = get_or_create_person(valid_national_id(4242), first_name="زهرا",
                                  last_name="کریمی", gender=Gender.FEMALE)
    create_record(None, person, old, sector=Sector.SERVICES,
                  start_date=today() - timedelta(days=3))
    db.session.add(Commitment(agency=old, year=current_year(), target=40))
    db.session.commit()
    return old, kept


def test_a_retired_agency_leaves_the_forms_and_keeps_its_figures(
        client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.ADMIN))
    old, kept = county(client)
    answer = retire(client, old)
    assert answer.status_code == 302
    page = client.get(AGENCIES).get_data(as_text=True)
    assert 'data-testid="retired"' in page and 'data-testid="restore"' in page
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "retire_agency"))
    assert entry.entity_id == old.id
    for form in ("/monitoring/records/new", "/admin/organisations/offices", "/admin/users/new"):
        html = client.get(form).get_data(as_text=True)
        assert f'<option value="{old.id}"' not in html, form
        assert f'<option value="{kept.id}"' in html, form
    commitments = client.get(f"/monitoring/commitments?year={current_year()}").get_data(
        as_text=True)
    assert OLD in commitments and "تعهد تازه نمی‌گیرد" in commitments
    dashboard = client.get(f"/dashboard/?year={current_year()}").get_data(as_text=True)
    assert OLD in dashboard.split('data-table="agencies"')[1]  # its year still counts


def test_nothing_new_is_credited_to_a_retired_agency(client: FlaskClient, make_user,
                                                     login) -> None:
    login(make_user(Role.ADMIN))
    old, _ = county(client)
    retire(client, old)
    before = jobs()
    refused = post_form(client, "/monitoring/records/new", {
        "national_id": valid_national_id(777), "first_name": "سارا", "last_name": "نوری",
        "gender": "female", "sector": "services", "unit_name": "کارگاه خیاطی نور",
        "start_date": to_jalali(today()).strftime("%Y/%m/%d"), "agency_id": str(old.id),
        "new_unit": "1"})
    assert refused.status_code == 409 and "کنار گذاشته شده است" in refused.get_data(
        as_text=True)
    assert jobs() == before
    commitment = post_form(client, "/monitoring/commitments", {
        "agency_id": str(old.id), "year": str(current_year()), "target": "50"})
    assert commitment.status_code == 409
    assert db.session.scalar(select(Commitment.target)) == 40
    office = post_form(client, "/admin/organisations/offices",
                       {"name": "دفتر کاریابی تازه", "agency_id": str(old.id)})
    assert office.status_code == 409
    user = post_form(client, "/admin/users/new", {
        "username": "new.officer", "display_name": "افسر تازه",
        "password": "a-long-passphrase-1", "password_confirm": "a-long-passphrase-1",
        "role": "agency_officer", "agency_id": str(old.id)})
    assert user.status_code == 409


def test_an_agency_in_use_is_refused_naming_what_to_move_first(
        client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.ADMIN))
    old, kept = county(client)
    officer = make_user(Role.AGENCY_OFFICER, agency_id=old.id)
    refused = retire(client, old)
    assert refused.status_code == 409
    assert "۱ حساب کاربری فعال از «ستاد اجرایی فرمان امام» است" in refused.get_data(
        as_text=True)
    officer.is_active = False
    office = get_or_create_office("دفتر کاریابی امید", old)
    db.session.commit()
    refused = retire(client, old)
    assert refused.status_code == 409 and "«دفتر کاریابی امید»" in refused.get_data(
        as_text=True)
    office.agency = kept
    db.session.commit()
    assert retire(client, old).status_code == 302
    db.session.refresh(old)
    assert old.retired


def test_the_admin_brings_a_retired_agency_back(client: FlaskClient, make_user,
                                                login) -> None:
    login(make_user(Role.ADMIN))
    old, _ = county(client)
    retire(client, old)
    assert retire(client, old, "restore").status_code == 302
    db.session.refresh(old)
    assert not old.retired
    assert f'<option value="{old.id}"' in client.get("/monitoring/records/new").get_data(
        as_text=True)
    assert db.session.scalar(select(AuditEntry).where(
        AuditEntry.action == "restore_agency")) is not None


def test_only_the_admin_retires_an_agency(client: FlaskClient, make_user, login) -> None:
    old = get_or_create_agency(OLD)
    db.session.commit()
    for role in (Role.PLACEMENT_OFFICER, Role.AGENCY_OFFICER, Role.INSPECTOR):
        login(make_user(role))
        assert retire(client, old).status_code == 403
        post_form(client, "/", {}, action="/logout")
    db.session.refresh(old)
    assert not old.retired
