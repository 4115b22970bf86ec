"""What an account holder is told: a deactivated account says so to whom knows its password,
a wrong current password warns before it locks the account, and a password's digits count the
same in Persian and Latin."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.accounts.services import MAX_FAILED_LOGINS
from databank.db import db
from databank.jalali import persian_digits
from tests.conftest import PASSWORD, post_form


def test_a_deactivated_account_is_named_only_to_whom_knows_its_password(
        client: FlaskClient, make_user) -> None:
    user = make_user(Role.EMPLOYER)
    user.is_active = False
    db.session.commit()
    wrong = post_form(client, "/login", {"username": user.username, "password": "nope-nope-1"})
    assert "نام کاربری یا گذرواژه درست نیست" in wrong.get_data(as_text=True)
    assert "غیرفعال" not in wrong.get_data(as_text=True)
    right = post_form(client, "/login", {"username": user.username, "password": PASSWORD})
    assert right.status_code == 409
    assert "این حساب غیرفعال شده است" in right.get_data(as_text=True)
    assert client.get("/account/password").status_code == 302  # not logged in


def change(client: FlaskClient, current: str) -> str:
    return post_form(client, "/account/password", {
        "current_password": current, "password": "a-brand-new-pass",
        "password_confirm": "a-brand-new-pass"}).get_data(as_text=True)


def test_a_wrong_current_password_warns_before_the_lock_and_says_when_it_locks(
        client: FlaskClient, make_user, login) -> None:
    user = make_user(Role.GRADUATE)
    login(user)
    answers = [change(client, "not-my-password") for _ in range(MAX_FAILED_LOGINS)]
    assert "تلاش نادرست دیگر" not in answers[0]
    assert f"پس از {persian_digits(2)} تلاش نادرست دیگر" in answers[2]
    assert f"پس از {persian_digits(1)} تلاش نادرست دیگر" in answers[3]
    assert "حساب برای ۱۵ دقیقه بسته شد و از همهٔ دستگاه‌ها خارج شدید" in answers[-1]
    assert client.get("/account/password").status_code == 302  # signed out
    locked = post_form(client, "/login", {"username": user.username, "password": PASSWORD})
    assert locked.status_code == 429


def test_a_passwords_digits_count_the_same_in_either_script(client: FlaskClient, make_user,
                                                            login, app) -> None:
    user = make_user(Role.GRADUATE)
    login(user)
    answer = post_form(client, "/account/password", {
        "current_password": PASSWORD, "password": "رمز-تازه-۱۴۰۵۹۸",
        "password_confirm": "رمز-تازه-۱۴۰۵۹۸"})
    assert answer.status_code == 302
    for typed in ("رمز-تازه-140598", "رمز-تازه-۱۴۰۵۹۸", "رمز-تازه-١٤٠٥٩٨"):
        other = app.test_client()
        assert post_form(other, "/login", {"username": user.username,
                                           "password": typed}).status_code == 302


def test_a_password_hashed_before_digits_were_folded_still_opens_the_account(
        client: FlaskClient, make_user) -> None:
    from argon2 import PasswordHasher

    user = make_user(Role.GRADUATE)
    user.password_hash = PasswordHasher().hash("قدیمی-۱۲۳۴۵۶۷")  # stored as typed, once
    db.session.commit()
    assert post_form(client, "/login", {"username": user.username,
                                        "password": "قدیمی-۱۲۳۴۵۶۷"}).status_code == 302
    assert db.session.scalar(select(User.id).where(User.id == user.id)) == user.id


def test_logins_and_failed_attempts_on_an_account_are_in_the_audit_log(
        client: FlaskClient, make_user, app) -> None:
    user = make_user(Role.EMPLOYER, username="sepehr.steel")
    post_form(client, "/login", {"username": user.username, "password": "nope-nope-1"})
    post_form(client, "/login", {"username": "nobody.here", "password": "nope-nope-1"})
    post_form(client, "/login", {"username": user.username, "password": PASSWORD})
    admin = app.test_client()
    post_form(admin, "/login", {"username": make_user(Role.ADMIN).username,
                                "password": PASSWORD})
    page = admin.get("/admin/audit?entity=user&actor=").get_data(as_text=True)
    rows = [row.split("</tr>")[0] for row in page.split('data-testid="audit-row"')[1:]]
    mine = [row for row in rows if "sepehr.steel" in row]
    assert len(mine) == 2
    assert "ورود به سامانه" in mine[0] and "ورود ناموفق" in mine[1]  # newest first
    assert "ناشناس (فرم ورود)" in mine[1]
    assert "nobody.here" not in page
