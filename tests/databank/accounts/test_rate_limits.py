"""The forms whose answers tell a stranger something are slowed per client address: asking
again and again whether a national ID is in the bank, whether a workshop code belongs to a unit,
or whether a password is right runs into a Persian 429, while ordinary use never meets it."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from databank import create_app
from databank.accounts.models import Role
from databank.db import db
from databank.organisations.services import get_or_create_unit
from tests.conftest import (
    PASSWORD,
    FreshGlobalsClient,
    csrf_token,
    database_url,
    empty_database,
    name_of,
    post_form,
    valid_national_id,
)


@pytest.fixture
def limited(tmp_path: Any) -> Iterator[Flask]:
    """The app as it runs, limits on (the suite's other apps turn them off)."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
                      "SECRET_KEY": "test-only-secret",
                      "INSTANCE_PATH": str(tmp_path / "instance")})
    app.test_client_class = FreshGlobalsClient
    with app.app_context():
        empty_database()
        db.create_all()
        yield app
        db.session.remove()
        empty_database()
        db.engine.dispose()


def text_of(response: Any) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_failed_logins_from_one_address_are_slowed_and_right_ones_are_not_counted(
        limited: Flask) -> None:
    from databank.accounts.services import create_user

    create_user(username="officer-1", password=PASSWORD, display_name="کاربر",
                role=Role.INSPECTOR)
    db.session.commit()
    for _ in range(3):  # right passwords do not count
        assert post_form(limited.test_client(), "/login", {
            "username": "officer-1", "password": PASSWORD}).status_code == 302
    browser = limited.test_client()
    token = csrf_token(browser, "/login")
    statuses = [browser.post("/login", data={"username": f"guess-{n}", "password": "wrong",
                                             "csrf_token": token}).status_code
                for n in range(31)]
    assert set(statuses[:30]) == {400} and statuses[30] == 429
    refused = browser.post("/login", data={"username": "officer-1", "password": PASSWORD,
                                           "csrf_token": token})
    assert refused.status_code == 429
    said = text_of(refused)  # the login form again, her username kept, saying how long
    assert "ورود از این نشانی تا حدود" in said and "دقیقهٔ دیگر پذیرفته نمی‌شود" in said
    assert 'name="password"' in said and 'value="officer-1"' in said
    other = limited.test_client()  # another address is not slowed
    assert post_form(other, "/login", {"username": "officer-1", "password": PASSWORD},
                     environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 302


def test_probing_workshop_codes_on_the_unit_form_is_slowed(limited: Flask) -> None:
    from databank.accounts.services import create_user

    get_or_create_unit("شرکت لبنیات کیمیا", workshop_code="5100037")
    create_user(username="prober", password=PASSWORD, display_name="کارگاه", role=Role.EMPLOYER)
    db.session.commit()
    browser = limited.test_client()
    assert post_form(browser, "/login", {"username": "prober", "password": PASSWORD}
                     ).status_code == 302
    token = csrf_token(browser, "/unit")
    statuses = [browser.post("/unit", data={
        "name": "کارگاه آزمون", "sector": "industry", "workshop_code": f"51000{n:02d}",
        "csrf_token": token}).status_code for n in range(21)]
    assert 429 not in statuses[:20] and statuses[20] == 429


def test_asking_about_national_ids_on_registration_is_slowed_only_by_the_answers_that_tell(
        limited: Flask) -> None:
    from databank.people.services import save_graduate
    from databank.vocabulary import Gender

    known = [valid_national_id(200_000_000 + n * 7919) for n in range(11)]
    for n, national_id in enumerate(known):  # people an agency or office recorded
        save_graduate({"national_id": national_id, "first_name": "مریم",
                       "last_name": f"احمدی {name_of(n)}", "gender": Gender.FEMALE, "degree": 3,
                       "field_of_study": "شیمی", "consent": True})
    db.session.commit()
    browser = limited.test_client()
    token = csrf_token(browser, "/graduates/register")

    def ask(national_id: str) -> int:
        return browser.post("/graduates/register", data={
            "national_id": national_id, "username": f"u{national_id}",
            "password": "a-long-enough-pass", "password_confirm": "a-long-enough-pass",
            "first_name": "زهرا", "last_name": "کریمی", "gender": "female",
            "mobile": "09120000000", "degree": "3", "field_of_study": "شیمی",
            "csrf_token": token}).status_code

    assert [ask("123") for _ in range(12)] == [400] * 12  # a mistyped ID tells nothing
    answers = [ask(national_id) for national_id in known]
    assert answers[:10] == [409] * 10 and answers[10] == 429
