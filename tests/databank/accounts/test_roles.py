"""Who may reach which page: roles are checked on every view."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.accounts.services import MAX_FAILED_LOGINS
from databank.db import db
from tests.conftest import PASSWORD, post_form

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
    graduate = make_user(Role.GRADUATE)
    her_browser = app.test_client()
    post_form(her_browser, "/login", {"username": graduate.username,
                                      "password": "correct-horse-battery"})
    login(make_user(Role.ADMIN))
    response = reset(client, graduate)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    new = new_password(response)
    assert her_browser.get("/account/password").status_code == 302
    assert post_form(app.test_client(), "/login", {"username": graduate.username,
                                                   "password": new}).status_code == 302


def reset(client: FlaskClient, user: User) -> Any:
    """Press the user's «گذرواژهٔ تازه» button on the admin's list of users, as she would: the
    form as the page has it, with its CSRF token and the stamp of the password it replaces."""
    page = client.get("/admin/users").get_data(as_text=True)
    return send_form(client, page, f"/admin/users/{user.id}/password")


def send_form(client: FlaskClient, page: str, action: str) -> Any:
    """Post the form of `page` whose action is `action`, with the hidden fields it holds."""
    form = re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', page, re.S)
    assert form, f"no form posting to {action}"
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group()))
    return client.post(action, data=fields)


def new_password(response) -> str:
    return re.search(r'data-testid="new-password">([^<]+)<',
                     response.get_data(as_text=True)).group(1)


def test_a_reset_password_travels_in_no_cookie(app, client: FlaskClient, make_user,
                                              login) -> None:
    """A flash would carry it in the session cookie, which is signed but readable."""
    graduate = make_user(Role.GRADUATE)
    login(make_user(Role.ADMIN))
    response = reset(client, graduate)
    new = new_password(response)
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    stored = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert new not in repr(stored)
    assert new not in client.get("/admin/users").get_data(as_text=True)


@pytest.mark.parametrize("how", ["reset", "created"])
def test_a_password_the_admin_knows_must_be_changed_before_anything_else(
        app, client: FlaskClient, make_user, login, how: str) -> None:
    login(make_user(Role.ADMIN))
    if how == "reset":
        officer = make_user(Role.INSPECTOR, username="inspector1")
        given = new_password(reset(client, officer))
    else:
        given = "a-password-the-admin-typed"
        response = post_form(client, "/admin/users/new", {
            "username": "inspector1", "display_name": "بازرس", "role": "inspector",
            "password": given, "password_confirm": given})
        assert response.status_code == 302, response.get_data(as_text=True)
    browser = app.test_client()
    assert post_form(browser, "/login", {"username": "inspector1",
                                         "password": given}).status_code == 302
    for page in ("/", "/monitoring/records", "/dashboard/"):
        held = browser.get(page)
        assert held.status_code == 302 and held.location.endswith("/account/password")
    assert "مدیر سامانه تعیین کرده" in browser.get("/account/password").get_data(as_text=True)
    same = post_form(browser, "/account/password", {
        "current_password": given, "password": given, "password_confirm": given})
    assert same.status_code == 400 and "فرق کند" in same.get_data(as_text=True)
    mine = "only-i-know-this-one"
    changed = post_form(browser, "/account/password", {
        "current_password": given, "password": mine, "password_confirm": mine})
    assert changed.status_code == 302
    assert browser.get("/monitoring/records").status_code == 200
    db.session.expire_all()
    assert not db.session.scalar(select(User).where(User.username == "inspector1")
                                 ).must_change_password


def test_accounts_that_chose_their_own_password_are_not_held(client: FlaskClient,
                                                            make_user, login) -> None:
    login(make_user(Role.EMPLOYER))
    assert client.get("/").status_code == 200


def test_only_the_admin_resets_passwords(client: FlaskClient, make_user, login) -> None:
    victim = make_user(Role.GRADUATE)
    login(make_user(Role.PLACEMENT_OFFICER))
    response = post_form(client, "/", {}, action=f"/admin/users/{victim.id}/password")
    assert response.status_code == 403


def test_wrong_current_passwords_lock_the_account_and_end_its_sessions(
        app, client: FlaskClient, make_user, login) -> None:
    """An open session on a shared computer is no way round the login lock."""
    graduate = make_user(Role.GRADUATE)
    login(graduate)
    for attempt in range(MAX_FAILED_LOGINS):
        refused = post_form(client, "/account/password", {
            "current_password": f"guess-number-{attempt}", "password": "a-new-long-password",
            "password_confirm": "a-new-long-password"})
        assert refused.status_code == 400
    assert client.get("/profile").status_code == 302  # the session is over
    relogin = post_form(app.test_client(), "/login", {"username": graduate.username,
                                                      "password": PASSWORD})
    assert relogin.status_code == 429


def test_a_reset_password_has_no_characters_read_one_for_another(client: FlaskClient,
                                                                 make_user, login) -> None:
    login(make_user(Role.ADMIN))
    for _ in range(5):
        user = make_user(Role.GRADUATE)
        given = new_password(reset(client, user))
        assert len(given) >= 12 and given.isalnum() and not set(given) & set("lI1O0oS5Z2B8")
