"""A new password is made once per press of the button: refreshing the page that shows it
(the browser posts the form again) or sending the form again from the back button's copy
changes nothing, so the password the admin wrote down keeps working; the admin is told so,
and may deliberately make another."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from tests.conftest import PASSWORD, at_once, post_form
from tests.databank.accounts.test_roles import new_password

ALREADY = "گذرواژهٔ این حساب دوباره عوض نشد"


def reset_form(client: FlaskClient, user: User, page: str | None = None
               ) -> tuple[str, dict[str, str]]:
    """The reset form for `user` on `page` (default the admin's list), as the browser would
    send it: its action and its hidden fields."""
    html = page if page is not None else client.get("/admin/users").get_data(as_text=True)
    action = f"/admin/users/{user.id}/password"
    form = re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', html, re.S)
    assert form, f"no form posting to {action}"
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group()))
    return action, fields


def logs_in(app: Flask, user: User, password: str) -> bool:
    response = post_form(app.test_client(), "/login", {"username": user.username,
                                                      "password": password})
    return response.status_code == 302


def resets() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "reset_password"))


@pytest.fixture
def admin(client: FlaskClient, make_user, login) -> User:
    user = make_user(Role.ADMIN)
    login(user)
    return user


def test_refreshing_the_new_password_page_does_not_change_the_password_again(
        app: Flask, client: FlaskClient, admin: User, make_user) -> None:
    officer = make_user(Role.INSPECTOR)
    action, form = reset_form(client, officer)
    shown = client.post(action, data=form)
    assert shown.status_code == 200
    written_down = new_password(shown)

    again = client.post(action, data=form)  # F5 on that page: the same form, posted again
    page = again.get_data(as_text=True)
    assert again.status_code == 409 and again.headers["Cache-Control"] == "no-store"
    assert ALREADY in page and "دوباره گذرواژهٔ تازه بسازید" in page
    assert 'data-testid="new-password"' not in page and written_down not in page
    assert resets() == 1
    assert logs_in(app, officer, written_down)


def test_after_a_repeat_the_admin_may_still_make_another_on_purpose(
        app: Flask, client: FlaskClient, admin: User, make_user) -> None:
    """She lost the password: the answer to the repeat holds a fresh button for a new one."""
    officer = make_user(Role.INSPECTOR)
    action, form = reset_form(client, officer)
    first = new_password(client.post(action, data=form))
    repeated = client.post(action, data=form).get_data(as_text=True)
    labels = re.findall(r'aria-label="([^"]+)"', repeated)
    assert f"دوباره گذرواژهٔ تازه برای حساب «{officer.display_name}» ({officer.username})" \
        in labels
    action, fresh = reset_form(client, officer, repeated)
    second = client.post(action, data=fresh)
    assert second.status_code == 200
    given = new_password(second)
    assert given != first and resets() == 2
    assert logs_in(app, officer, given) and not logs_in(app, officer, first)


def test_the_back_buttons_copy_of_the_list_resets_nothing_twice(
        app: Flask, client: FlaskClient, admin: User, make_user) -> None:
    """The list the back button shows is the one from before the reset: its button for the
    same account is a repeat; the other accounts' buttons still work."""
    officer, other = make_user(Role.INSPECTOR), make_user(Role.EMPLOYER)
    old_list = client.get("/admin/users").get_data(as_text=True)
    action, form = reset_form(client, officer, old_list)
    written_down = new_password(client.post(action, data=form))
    action, form = reset_form(client, officer, old_list)
    assert client.post(action, data=form).status_code == 409
    assert logs_in(app, officer, written_down)
    action, form = reset_form(client, other, old_list)
    assert client.post(action, data=form).status_code == 200


@pytest.mark.parametrize("stamp", [None, "", "0" * 64, "۱۲۳", "not-a-stamp"])
def test_a_reset_without_the_pages_stamp_changes_nothing(
        app: Flask, client: FlaskClient, admin: User, make_user, stamp: str | None) -> None:
    officer = make_user(Role.INSPECTOR)
    action, form = reset_form(client, officer)
    if stamp is None:
        form.pop("stamp")
    else:
        form["stamp"] = stamp
    response = client.post(action, data=form)
    assert response.status_code == 409 and ALREADY in response.get_data(as_text=True)
    assert resets() == 0 and logs_in(app, officer, PASSWORD)


def test_one_accounts_stamp_resets_no_other_account(
        app: Flask, client: FlaskClient, admin: User, make_user) -> None:
    officer, other = make_user(Role.INSPECTOR), make_user(Role.INSPECTOR)
    _, form = reset_form(client, officer)
    response = client.post(f"/admin/users/{other.id}/password", data=form)
    assert response.status_code == 409
    assert resets() == 0 and logs_in(app, other, PASSWORD)


def test_the_list_shows_nothing_of_the_stored_hash(client: FlaskClient, admin: User,
                                                   make_user) -> None:
    officer = make_user(Role.INSPECTOR)
    page = client.get("/admin/users").get_data(as_text=True)
    digest = officer.password_hash.rsplit("$", 1)[-1]
    assert officer.password_hash not in page and digest not in page


def test_the_same_form_sent_twice_at_once_resets_once(app: Flask, make_user) -> None:
    """A double click: two copies of one form race; the user's row is held while one resets,
    and the other finds the new password in place."""
    admin, officer = make_user(Role.ADMIN), make_user(Role.INSPECTOR)
    browsers = []
    for _ in range(2):
        browser = app.test_client()
        post_form(browser, "/login", {"username": admin.username, "password": PASSWORD})
        browsers.append(browser)
    action, form = reset_form(browsers[0], officer)
    sent: list[tuple[FlaskClient, dict[str, Any]]] = [
        (browser, {**form, "csrf_token": reset_form(browser, officer)[1]["csrf_token"]})
        for browser in browsers]
    db.session.commit()  # the pages read above leave no transaction open in this session
    answers = at_once([lambda browser=browser, data=data: browser.post(action, data=data)
                       for browser, data in sent])
    assert sorted(answer.status_code for answer in answers) == [200, 409]
    given = next(new_password(a) for a in answers if a.status_code == 200)
    db.session.expire_all()
    assert resets() == 1 and logs_in(app, officer, given)
