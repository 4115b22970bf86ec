"""When an address has sent too many registrations, the registration form answers 429 with
itself: what she typed is still there (never her passwords), and a message at the top says
why and in how many minutes to try again. The limits are as strict as before."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask

from databank.db import db
from tests.conftest import csrf_token, name_of, post_form, valid_national_id
from tests.databank.accounts.test_rate_limits import limited, text_of  # noqa: F401 (fixture)

PAUSED = "از این نشانی اینترنتی (IP) در یک ساعت گذشته درخواست‌های ثبت‌نام بسیاری فرستاده شده است"
MINUTES = re.compile(r"تا حدود ([۰-۹]+) دقیقهٔ دیگر پذیرفته نمی‌شود")
SECRET = "typed-secret-42"


def minutes_said(said: str) -> int:
    match = MINUTES.search(said)
    assert match, said
    return int(match.group(1).translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))


def test_the_employer_form_comes_back_with_what_was_typed_after_the_twentieth_registration(
        limited: Flask) -> None:  # noqa: F811
    browser = limited.test_client()
    token = csrf_token(browser, "/register")
    statuses = [browser.post("/register", data={
        "display_name": "شرکت آزمون", "username": f"ab{n}", "password": "x",
        "password_confirm": "x", "csrf_token": token}).status_code for n in range(20)]
    assert statuses == [400] * 20  # every POST counts, refused or not, as before
    typed = {"display_name": "شرکت لبنیات کیمیا", "username": "kimia.dairy",
             "password": SECRET, "password_confirm": SECRET, "csrf_token": token}
    paused = browser.post("/register", data=typed)
    assert paused.status_code == 429
    said = text_of(paused)
    assert PAUSED in said and 'data-testid="form-errors"' in said
    assert 1 <= minutes_said(said) <= 60
    assert 'value="شرکت لبنیات کیمیا"' in said and 'value="kimia.dairy"' in said
    assert SECRET not in said
    assert '<form method="post"' in said  # the form itself, not the bare error page
    assert paused.headers.get("Retry-After")
    assert browser.get("/register").status_code == 200  # only posts are limited
    other = limited.test_client()
    assert post_form(other, "/register", {**typed, "username": "other.unit"},
                     environ_base={"REMOTE_ADDR": "10.9.8.7"}).status_code == 302


def test_the_graduate_form_comes_back_with_her_profile_after_the_tenth_refused_claim(
        limited: Flask) -> None:  # noqa: F811
    from databank.people.services import save_graduate
    from databank.vocabulary import Gender

    known = [valid_national_id(300_000_000 + n * 7919) for n in range(11)]
    for n, national_id in enumerate(known):
        save_graduate({"national_id": national_id, "first_name": "مریم",
                       "last_name": f"احمدی {name_of(n)}", "gender": Gender.FEMALE,
                       "degree": 3, "field_of_study": "شیمی", "consent": True})
    db.session.commit()
    browser = limited.test_client()
    token = csrf_token(browser, "/graduates/register")

    def ask(national_id: str) -> Any:
        return browser.post("/graduates/register", data={
            "national_id": national_id, "username": "zahra.karimi", "password": SECRET,
            "password_confirm": SECRET, "first_name": "زهرا", "last_name": "کریمی",
            "gender": "female", "mobile": "09120000000", "degree": "3",
            "field_of_study": "شیمی کاربردی", "city": "ساوه", "csrf_token": token})

    assert [ask(national_id).status_code for national_id in known[:10]] == [409] * 10
    paused = ask(known[10])
    assert paused.status_code == 429
    said = text_of(paused)
    assert PAUSED in said and 1 <= minutes_said(said) <= 60
    for typed in ("zahra.karimi", "زهرا", "کریمی", "09120000000", "شیمی کاربردی", "ساوه",
                  known[10]):
        assert f'value="{typed}"' in said, typed
    assert SECRET not in said
