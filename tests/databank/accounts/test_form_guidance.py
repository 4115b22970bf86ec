"""The two registration forms state the same username rule, the one the schema enforces; and
the password page offers a way back home, except while a password the admin set must be
changed first (the way back would only lead here again)."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.db import db
from tests.conftest import PASSWORD

HELP = re.compile(r'id="f-username-help">([^<]+)<')


def username_help(client: FlaskClient, page: str) -> str:
    match = HELP.search(client.get(page).get_data(as_text=True))
    assert match, page
    return match.group(1)


def test_both_registration_forms_give_the_same_username_rule_with_its_least_length(
        client: FlaskClient) -> None:
    employer, graduate = username_help(client, "/register"), username_help(
        client, "/graduates/register")
    assert employer == graduate
    assert "دست‌کم ۳ نویسه" in graduate and "زیرخط" in graduate


def test_the_password_page_links_back_to_her_home(client: FlaskClient, login, make_user
                                                  ) -> None:
    login(make_user(Role.EMPLOYER))
    page = client.get("/account/password").get_data(as_text=True)
    assert re.search(r'<a [^>]*href="/"[^>]*data-testid="cancel"', page)


def test_a_password_the_admin_set_offers_no_way_back_before_it_is_changed(
        client: FlaskClient, login, make_user) -> None:
    user = make_user(Role.INSPECTOR)
    db.session.scalar(select(User).where(User.id == user.id)).must_change_password = True
    db.session.commit()
    login(user, PASSWORD)
    page = client.get("/account/password").get_data(as_text=True)
    assert 'data-testid="password-required"' in page and 'data-testid="cancel"' not in page
