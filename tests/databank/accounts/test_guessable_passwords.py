"""A new password long enough but guessed in a moment («1111111111», «1234567890», a keyboard
row, her own national ID or mobile) is refused with a way to make a good one; its repetition
is compared as the login compares passwords, Persian and Latin digits alike."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.accounts.schemas import GUESSABLE, PASSWORDS_DIFFER
from databank.db import db
from tests.conftest import PASSWORD, post_form
from tests.databank.people.test_graduate_pages import REGISTRATION

WEAK = ["1111111111", "1234567890", "۱۲۳۴۵۶۷۸۹۰", "qwertyuiop", "password123", "Abc12345678"]


def change(browser: FlaskClient, new: str, confirm: str | None = None):
    return post_form(browser, "/account/password", {
        "current_password": PASSWORD, "password": new,
        "password_confirm": new if confirm is None else confirm})


@pytest.mark.parametrize("weak", WEAK)
def test_a_guessable_password_is_refused_on_the_password_page(
        client: FlaskClient, make_user, login, weak: str) -> None:
    user = make_user(Role.GRADUATE)
    login(user)
    before = user.password_hash
    refused = change(client, weak)
    assert refused.status_code == 400 and GUESSABLE in refused.get_data(as_text=True)
    db.session.refresh(user)
    assert user.password_hash == before


def test_a_graduate_may_not_register_with_her_national_id_or_mobile_as_password(
        client: FlaskClient) -> None:
    for own in ("0013542419", "09123456789"):
        refused = post_form(client, "/graduates/register",
                            {**REGISTRATION, "password": own, "password_confirm": own})
        assert refused.status_code == 400 and GUESSABLE in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id))) == 0


@pytest.mark.parametrize("own", ["مریم احمدی ۱۳۷۶", "احمدی.مريم.1376", "مریم_احمدی_76",
                                 "احمدی\u200cمریم۰۹۱۲۳۴۵۶۷۸۹"])
def test_a_graduate_may_not_register_with_her_names_and_a_year_as_password(
        client: FlaskClient, own: str) -> None:
    """zxcvbn knows neither Persian word breaks nor Solar Hijri years: her names in any order,
    joined by any marks, with her birth year or mobile, are refused all the same."""
    refused = post_form(client, "/graduates/register",
                        {**REGISTRATION, "password": own, "password_confirm": own})
    assert refused.status_code == 400 and GUESSABLE in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_her_names_beside_words_of_her_own_choosing_are_accepted(client: FlaskClient) -> None:
    strong = "مریم-کویر-انار-۱۴۷۲"
    accepted = post_form(client, "/graduates/register",
                         {**REGISTRATION, "password": strong, "password_confirm": strong})
    assert accepted.status_code == 302, accepted.get_data(as_text=True)


def test_an_officers_account_refuses_a_keyboard_row(client: FlaskClient, make_user,
                                                     login) -> None:
    login(make_user(Role.ADMIN))
    refused = post_form(client, "/admin/users/new", {
        "role": "inspector", "display_name": "مریم بازرس", "username": "maryam.b",
        "password": "qwertyuiop1", "password_confirm": "qwertyuiop1"})
    assert refused.status_code == 400 and GUESSABLE in refused.get_data(as_text=True)


def test_a_passphrase_is_accepted_and_its_repetition_in_other_digits_is_the_same(
        app: Flask, client: FlaskClient, make_user, login) -> None:
    user = make_user(Role.GRADUATE)
    login(user)
    changed = change(client, "کویر-انار-۱۴۷۲", confirm="کویر-انار-1472")
    assert changed.status_code == 302, changed.get_data(as_text=True)
    again = app.test_client()
    signed_in = post_form(again, "/login", {"username": user.username,
                                            "password": "کویر-انار-1472"})
    assert signed_in.status_code == 302


def test_a_repetition_that_differs_is_still_refused(client: FlaskClient, make_user,
                                                    login) -> None:
    login(make_user(Role.GRADUATE))
    refused = change(client, "کویر-انار-۱۴۷۲", confirm="کویر-انار-۱۴۷۳")
    assert refused.status_code == 400 and PASSWORDS_DIFFER in refused.get_data(as_text=True)
