"""Who may reach which page: roles are checked on every view."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.db import db
from tests.conftest import post_form

OFFICER = {"role": "placement_officer", "display_name": "مریم نوری", "username": "m.nouri",
           "password": "officer-pass-123", "password_confirm": "officer-pass-123"}


@pytest.mark.parametrize("role", [Role.GRADUATE, Role.EMPLOYER, Role.PLACEMENT_OFFICER,
                                  Role.AGENCY_OFFICER, Role.INSPECTOR])
def test_only_the_admin_reaches_user_management(client: FlaskClient, make_user, login,
                                                role: Role) -> None:
    login(make_user(role))
    assert client.get("/admin/users").status_code == 403
    assert client.get("/admin/users/new").status_code == 403
    assert client.post("/admin/users/1/active", data={"active": "0"}).status_code in (400, 403)


def test_anonymous_visitors_are_sent_to_login(client: FlaskClient) -> None:
    response = client.get("/admin/users")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(("role", "heading"), [
    (Role.GRADUATE, "پیشخوان دانش‌آموخته"), (Role.EMPLOYER, "پیشخوان واحد صنعتی"),
    (Role.PLACEMENT_OFFICER, "کارشناس دفتر کاریابی"), (Role.AGENCY_OFFICER, "دستگاه آزمون"),
    (Role.INSPECTOR, "پیشخوان راستی‌آزمایی"), (Role.ADMIN, "پیشخوان مدیر سامانه"),
])
def test_each_role_has_its_own_home_page(client: FlaskClient, make_user, login, role: Role,
                                         heading: str) -> None:
    login(make_user(role))
    assert heading in client.get("/").get_data(as_text=True)


def test_the_admin_creates_a_placement_officer_for_an_office(client: FlaskClient, make_user,
                                                             login) -> None:
    from databank.organisations.services import get_or_create_office

    office = get_or_create_office("دفتر کاریابی امید")
    db.session.commit()
    login(make_user(Role.ADMIN))
    response = post_form(client, "/admin/users/new", {**OFFICER, "office_id": str(office.id)})
    assert response.status_code == 302
    officer = db.session.scalar(select(User).where(User.username == "m.nouri"))
    assert officer.role is Role.PLACEMENT_OFFICER and officer.office_id == office.id


def test_a_placement_officer_without_an_office_is_refused(client: FlaskClient, make_user,
                                                          login) -> None:
    login(make_user(Role.ADMIN))
    response = post_form(client, "/admin/users/new", OFFICER)
    assert response.status_code == 400
    assert "باید به یک دفتر وابسته باشد" in response.get_data(as_text=True)
    missing = post_form(client, "/admin/users/new", {**OFFICER, "office_id": "999"})
    assert "وجود ندارد" in missing.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.username == "m.nouri")) is None


def test_the_admin_cannot_create_a_graduate_account_through_the_officer_form(
        client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.ADMIN))
    response = post_form(client, "/admin/users/new", {**OFFICER, "role": "graduate"})
    assert response.status_code == 400


def test_a_deactivated_officer_is_signed_out_at_once(app, make_user, login,
                                                     client: FlaskClient) -> None:
    officer = make_user(Role.INSPECTOR)
    browser = app.test_client()
    post_form(browser, "/login", {"username": officer.username,
                                  "password": "correct-horse-battery"})
    login(make_user(Role.ADMIN))
    post_form(client, "/admin/users", {"active": "0"},
              action=f"/admin/users/{officer.id}/active")
    assert browser.get("/").status_code == 200
    assert "پیشخوان راستی‌آزمایی" not in browser.get("/").get_data(as_text=True)


def test_the_admin_gives_a_user_a_new_password_and_ends_her_sessions(
        app, client: FlaskClient, make_user, login) -> None:
    import re

    graduate = make_user(Role.GRADUATE)
    her_browser = app.test_client()
    post_form(her_browser, "/login", {"username": graduate.username,
                                      "password": "correct-horse-battery"})
    login(make_user(Role.ADMIN))
    response = post_form(client, "/admin/users", {},
                         action=f"/admin/users/{graduate.id}/password", follow_redirects=True)
    new = re.search(r"گذرواژهٔ تازهٔ «[^»]+»: (\S+)", response.get_data(as_text=True)).group(1)
    assert her_browser.get("/account/password").status_code == 302
    assert post_form(app.test_client(), "/login", {"username": graduate.username,
                                                   "password": new}).status_code == 302


def test_only_the_admin_resets_passwords(client: FlaskClient, make_user, login) -> None:
    victim = make_user(Role.GRADUATE)
    login(make_user(Role.PLACEMENT_OFFICER))
    response = post_form(client, "/", {}, action=f"/admin/users/{victim.id}/password")
    assert response.status_code == 403
