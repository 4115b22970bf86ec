"""What QA found on the account pages: the admin's list of users names the account each button
acts on and shows who must still change her password and which unit an employer holds; the
navbar shows a role once, without parentheses in parentheses; a registration is a login; a new
password may not contain the username on the password page either."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import ROLE_LABELS, Role, User
from databank.db import db
from databank.organisations.services import get_or_create_unit
from tests.conftest import PASSWORD, post_form
from tests.databank.accounts.test_auth import NEW_ACCOUNT
from tests.databank.people.test_graduate_pages import REGISTRATION
from tests.databank.test_form_accessibility import parse


def user_named(username: str) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.username == username))


def row_of(page: str, username: str) -> str:
    rows = re.findall(r'<tr data-testid="user-row">(.*?)</tr>', page, re.S)
    return next(row for row in rows if f">{username}</bdi>" in row)


def test_the_users_buttons_say_whose_account_they_act_on(client: FlaskClient, make_user,
                                                         login) -> None:
    login(make_user(Role.ADMIN))
    active = make_user(Role.PLACEMENT_OFFICER, username="officer.one")
    dormant = make_user(Role.EMPLOYER, username="dormant")
    dormant.is_active = False
    db.session.commit()
    page = parse(client.get("/admin/users"))
    labels = [e.attrs.get("aria-label", "") for e in page.elements if e.tag == "button"]
    assert f"غیرفعال کردن حساب «{active.display_name}» (officer.one)" in labels
    assert f"فعال کردن حساب «{dormant.display_name}» (dormant)" in labels
    assert f"گذرواژهٔ تازه برای حساب «{active.display_name}» (officer.one)" in labels
    assert f"گذرواژهٔ تازه برای حساب «{dormant.display_name}» (dormant)" in labels


def test_the_users_list_shows_who_must_change_her_password_and_the_employers_unit(
        client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.ADMIN))
    unit = get_or_create_unit("شرکت لبنیات کیمیا")
    db.session.commit()
    make_user(Role.EMPLOYER, username="kimia", unit_id=unit.id)
    make_user(Role.EMPLOYER, username="unlinked")
    fresh = make_user(Role.PLACEMENT_OFFICER, username="fresh")
    fresh.must_change_password = True
    db.session.commit()
    page = client.get("/admin/users").get_data(as_text=True)
    assert "<th>گذرواژهٔ موقت</th>" in page and "<th>دفتر، دستگاه یا واحد</th>" in page
    assert "هنوز عوض نشده" in row_of(page, "fresh")
    assert "هنوز عوض نشده" not in row_of(page, "kimia")
    assert "شرکت لبنیات کیمیا" in row_of(page, "kimia")
    assert "بدون واحد" in row_of(page, "unlinked")
    assert "بدون واحد" not in row_of(page, "fresh")  # not an employer: no unit to hold


def test_no_role_label_has_parentheses_of_its_own() -> None:
    """The navbar and the CLI show the label in parentheses after a name."""
    assert not [label for label in ROLE_LABELS.values() if "(" in label or ")" in label]


def test_the_navbar_shows_an_employers_role_without_nested_parentheses(
        client: FlaskClient, make_user, login) -> None:
    employer = make_user(Role.EMPLOYER)
    login(employer)
    page = client.get("/unit").get_data(as_text=True)
    shown = re.search(r'data-testid="current-user">([^<]*)</button>', page).group(1)
    assert shown == f"{employer.display_name} ({Role.EMPLOYER.label})"
    assert shown.count("(") == 1


@pytest.mark.parametrize("page, form, username", [
    ("/register", NEW_ACCOUNT, NEW_ACCOUNT["username"]),
    ("/graduates/register", REGISTRATION, REGISTRATION["username"]),
], ids=["employer", "graduate"])
def test_a_self_registered_account_has_its_first_login_recorded(
        client: FlaskClient, page: str, form: dict[str, str], username: str) -> None:
    assert post_form(client, page, form).status_code == 302
    assert user_named(username).last_login_at is not None


def test_a_login_is_recorded_once_it_succeeds(client: FlaskClient, make_user) -> None:
    user = make_user(Role.INSPECTOR)
    post_form(client, "/login", {"username": user.username, "password": "wrong-password-1"})
    assert user_named(user.username).last_login_at is None
    assert post_form(client, "/login", {"username": user.username,
                                        "password": PASSWORD}).status_code == 302
    assert user_named(user.username).last_login_at is not None


def test_changing_the_password_refuses_one_that_contains_the_username(
        client: FlaskClient, make_user, login) -> None:
    user = make_user(Role.GRADUATE, username="maryam")
    login(user)
    before = user.password_hash
    response = post_form(client, "/account/password", {
        "current_password": PASSWORD, "password": "my-MARYAM-pass",
        "password_confirm": "my-MARYAM-pass"})
    assert response.status_code == 400
    assert "گذرواژه نباید نام کاربری را در خود داشته باشد." in response.get_data(as_text=True)
    assert user_named("maryam").password_hash == before
    fine = post_form(client, "/account/password", {
        "current_password": PASSWORD, "password": "a-brand-new-pass",
        "password_confirm": "a-brand-new-pass"})
    assert fine.status_code == 302
