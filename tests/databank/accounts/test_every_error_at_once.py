"""One submission of a registration or password form names every problem of every field
together: a short password and a mistyped repetition are told beside a refused username, not
one submission later; and a form sent with fields missing is told which, never a 500."""

from __future__ import annotations

import html
from typing import Any

import pytest
from flask.testing import FlaskClient

from databank.accounts.models import Role
from tests.conftest import post_form

TOO_SHORT = "گذرواژه باید دست‌کم ۱۰ نویسه باشد."
DIFFER = "تکرار گذرواژه با خود گذرواژه یکی نیست."
USERNAME_LENGTH = "نام کاربری باید بین ۳ و ۶۴ نویسه باشد."
USERNAME_RULE = "نام کاربری فقط حروف انگلیسی"
REQUIRED = "این بخش را پر کنید."
FORMS = ["/register", "/graduates/register"]


def text_of(response: Any) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("page", FORMS)
def test_a_short_username_a_short_password_and_a_different_repetition_are_told_together(
        client: FlaskClient, page: str) -> None:
    response = post_form(client, page, {"username": "ab", "password": "x",
                                        "password_confirm": "y"})
    assert response.status_code == 400
    said = text_of(response)
    assert USERNAME_LENGTH in said and TOO_SHORT in said and DIFFER in said


@pytest.mark.parametrize("page", FORMS)
def test_a_username_breaking_both_rules_is_told_both(client: FlaskClient, page: str) -> None:
    said = text_of(post_form(client, page, {"username": "!", "password": "a-long-enough-pass",
                                            "password_confirm": "a-long-enough-pass"}))
    assert USERNAME_LENGTH in said and USERNAME_RULE in said
    assert TOO_SHORT not in said and DIFFER not in said


@pytest.mark.parametrize("page", FORMS)
def test_a_form_sent_empty_names_every_required_field_without_a_server_error(
        client: FlaskClient, page: str) -> None:
    response = post_form(client, page, {})
    assert response.status_code == 400
    said = text_of(response)
    for field in ("username", "password", "password_confirm"):
        assert f'id="f-{field}-error"' in said
    assert TOO_SHORT not in said and DIFFER not in said  # a blank is told «required» only


def test_a_password_with_the_username_in_it_and_too_short_is_told_both(
        client: FlaskClient) -> None:
    said = text_of(post_form(client, "/register", {
        "display_name": "شرکت آزمون", "username": "kimia", "password": "KIMIA1",
        "password_confirm": "KIMIA1"}))
    assert TOO_SHORT in said and "نام کاربری را در خود داشته باشد" in said


def test_the_employer_form_lists_each_problem_beside_its_own_field(client: FlaskClient
                                                                    ) -> None:
    said = text_of(post_form(client, "/register", {"username": "ab", "password": "x",
                                                   "password_confirm": "y"}))
    assert f'id="f-username-error">{USERNAME_LENGTH}<' in said
    assert f'id="f-password-error">{TOO_SHORT}<' in said
    assert f'id="f-password_confirm-error">{DIFFER}<' in said
    assert f'id="f-display_name-error">{REQUIRED}<' in said


def test_the_graduate_form_tells_the_passwords_with_her_profile_fields(client: FlaskClient
                                                                        ) -> None:
    said = text_of(post_form(client, "/graduates/register", {
        "national_id": "123", "username": "ab", "password": "x", "password_confirm": "y"}))
    for field in ("national_id", "username", "password", "password_confirm", "first_name",
                  "mobile", "field_of_study"):
        assert f'id="f-{field}-error"' in said, field
    assert TOO_SHORT in said and DIFFER in said


def test_changing_a_password_tells_a_blank_current_one_a_short_new_one_and_a_mismatch(
        client: FlaskClient, login, make_user) -> None:
    login(make_user(Role.INSPECTOR))
    response = post_form(client, "/account/password", {"password": "short",
                                                       "password_confirm": "other"})
    assert response.status_code == 400
    said = text_of(response)
    assert f'id="f-current_password-error">{REQUIRED}<' in said
    assert TOO_SHORT in said and DIFFER in said


def test_a_new_officer_missing_a_username_is_still_told_the_office_her_role_needs(
        client: FlaskClient, login, make_user) -> None:
    login(make_user(Role.ADMIN))
    said = text_of(post_form(client, "/admin/users/new", {
        "role": Role.PLACEMENT_OFFICER.value, "password": "x", "password_confirm": "y"}))
    assert "باید به یک دفتر وابسته باشد" in said
    assert TOO_SHORT in said and DIFFER in said and 'id="f-username-error"' in said
