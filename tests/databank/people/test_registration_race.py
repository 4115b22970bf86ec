"""Four people press "register" at the same moment with one national ID: one account is made
and the others hear why (409, in Persian), never a 500 (a real race on PostgreSQL; SQLite
takes one writer at a time, so there the others meet the first one's record)."""

from __future__ import annotations

from functools import partial

from flask import Flask
from sqlalchemy import func, select

from databank.accounts.models import User
from databank.db import db
from databank.people.models import Person
from tests.conftest import at_once, csrf_token
from tests.databank.people.test_graduate_pages import REGISTRATION


def test_simultaneous_registrations_of_one_national_id_make_one_account(app: Flask) -> None:
    browsers = [app.test_client() for _ in range(4)]
    tokens = [csrf_token(browser, "/graduates/register") for browser in browsers]
    db.session.commit()

    def press(number: int, browser, token: str) -> tuple[int, str]:
        response = browser.post("/graduates/register", data={
            **REGISTRATION, "username": f"racer-{number}", "csrf_token": token})
        return response.status_code, response.get_data(as_text=True)

    answers = at_once([partial(press, number, browser, token) for number, (browser, token)
                       in enumerate(zip(browsers, tokens, strict=True))])
    assert sorted(status for status, _ in answers) == [302, 409, 409, 409]
    assert all("حساب کاربری ساخته شده" in page for status, page in answers if status == 409)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Person.id))) == 1
    assert db.session.scalar(select(func.count(User.id))) == 1
