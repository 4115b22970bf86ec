"""The admin changes an officer's name, role and organisation as people move between offices and
agencies; the officer's sessions end when what she may see changes; graduates' and employers'
accounts, and the admin's own role, are not changed here."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from databank.organisations.services import get_or_create_agency, get_or_create_office
from tests.conftest import PASSWORD, post_form


def test_an_officer_moves_to_an_agency_and_must_log_in_again(
        client: FlaskClient, make_user, login, app) -> None:
    agency = get_or_create_agency("کمیته امداد امام خمینی")
    db.session.commit()
    officer = make_user(Role.PLACEMENT_OFFICER, username="neda.officer")
    session = app.test_client()
    post_form(session, "/login", {"username": "neda.officer", "password": PASSWORD})
    assert session.get("/review").status_code == 200
    login(make_user(Role.ADMIN))
    users = client.get("/admin/users").get_data(as_text=True)
    assert f"/admin/users/{officer.id}/edit" in users
    page = f"/admin/users/{officer.id}/edit"
    answer = post_form(client, page, {"role": "agency_officer", "agency_id": str(agency.id),
                                      "display_name": "ندا رحیمی"})
    assert answer.status_code == 302
    moved = db.session.get(User, officer.id)
    db.session.refresh(moved)
    assert (moved.role, moved.agency_id, moved.office_id, moved.display_name) == \
        (Role.AGENCY_OFFICER, agency.id, None, "ندا رحیمی")
    ended = session.get("/review")
    assert ended.status_code == 302  # her old session ended, and she is told so
    login_page = session.get(ended.headers["Location"]).get_data(as_text=True)
    assert "نشست شما پایان یافته است" in login_page
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "edit_user"))
    assert (entry.from_state, entry.to_state) == ("placement_officer", "agency_officer")
    assert entry.details["agency"] == agency.name and entry.details["was"] != "ندا رحیمی"
    assert "کمیته امداد امام خمینی" in client.get("/admin/users").get_data(as_text=True)


def test_a_role_without_its_organisation_is_refused_and_nothing_changes(
        client: FlaskClient, make_user, login) -> None:
    office = get_or_create_office("دفتر کاریابی امید")
    db.session.commit()
    officer = make_user(Role.INSPECTOR)
    login(make_user(Role.ADMIN))
    page = f"/admin/users/{officer.id}/edit"
    refused = post_form(client, page, {"role": "placement_officer", "display_name": "بازرس"})
    assert refused.status_code == 400
    assert "باید به یک دفتر وابسته باشد" in refused.get_data(as_text=True)
    forged = post_form(client, page, {"role": "placement_officer", "office_id": "999999",
                                      "display_name": "بازرس"})
    assert forged.status_code == 400
    db.session.refresh(officer)
    assert officer.role is Role.INSPECTOR and officer.office_id is None
    assert post_form(client, page, {"role": "placement_officer", "office_id": str(office.id),
                                    "display_name": "بازرس"}).status_code == 302


def test_graduates_employers_and_the_admins_own_role_are_not_edited_here(
        client: FlaskClient, make_user, login) -> None:
    admin = make_user(Role.ADMIN)
    login(admin)
    for role in (Role.GRADUATE, Role.EMPLOYER):
        other = make_user(role)
        assert client.get(f"/admin/users/{other.id}/edit").status_code == 404
        assert post_form(client, "/admin/users/new", {"role": "inspector", "display_name": "x"},
                         action=f"/admin/users/{other.id}/edit").status_code == 404
    own = post_form(client, f"/admin/users/{admin.id}/edit",
                    {"role": "inspector", "display_name": admin.display_name})
    assert own.status_code == 409 and "نقش حساب خودتان" in own.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.role is Role.ADMIN
    renamed = post_form(client, f"/admin/users/{admin.id}/edit",
                        {"role": "admin", "display_name": "مدیر سامانهٔ شهرستان"})
    assert renamed.status_code == 302
    assert client.get("/").status_code == 200  # a new name alone keeps her session


def test_only_the_admin_edits_accounts(client: FlaskClient, make_user, login) -> None:
    target = make_user(Role.INSPECTOR)
    login(make_user(Role.PLACEMENT_OFFICER))
    assert client.get(f"/admin/users/{target.id}/edit").status_code == 403


def test_a_visitor_who_never_logged_in_is_asked_to_log_in(client: FlaskClient) -> None:
    answer = client.get("/review")
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "برای دیدن این صفحه ابتدا وارد شوید" in page and "پایان یافته" not in page
