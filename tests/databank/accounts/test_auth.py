"""Registration, login and logout as a person uses them, and the refusals that protect them."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from databank.accounts.models import Role, User
from databank.accounts.services import MAX_FAILED_LOGINS
from databank.db import db
from tests.conftest import PASSWORD, post_form

NEW_ACCOUNT = {"role": "employer", "display_name": "زهرا کریمی", "username": "zahra.karimi",
               "password": "a-long-enough-pass", "password_confirm": "a-long-enough-pass"}


def test_an_employer_registers_and_is_asked_for_her_unit(client: FlaskClient) -> None:
    response = post_form(client, "/register", NEW_ACCOUNT, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "ثبت واحد صنعتی" in page
    user = db.session.scalar(select(User).where(User.username == "zahra.karimi"))
    assert user is not None and user.role is Role.EMPLOYER
    assert user.password_hash.startswith("$argon2id$")
    assert "a-long-enough-pass" not in user.password_hash


def test_registration_with_persian_digits_in_the_username_folds_them(client: FlaskClient) -> None:
    post_form(client, "/register", {**NEW_ACCOUNT, "username": "zahra۱۴۰۲"})
    assert db.session.scalar(select(User.username)) == "zahra1402"


def test_nobody_can_register_herself_as_an_officer_or_admin(client: FlaskClient) -> None:
    for role in ("admin", "placement_officer", "agency_officer", "inspector", "graduate"):
        response = post_form(client, "/register", {**NEW_ACCOUNT, "role": role})
        assert response.status_code == 400
        assert "لطفاً موارد مشخص‌شده را اصلاح کنید" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_a_taken_username_is_refused_beside_the_field_not_with_a_500(
        client: FlaskClient, make_user) -> None:
    make_user(Role.GRADUATE, username="zahra.karimi")
    response = post_form(client, "/register", NEW_ACCOUNT)
    assert response.status_code == 409
    assert "این نام کاربری قبلاً گرفته شده است" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_short_or_mismatched_passwords_are_refused_in_persian(client: FlaskClient) -> None:
    short = post_form(client, "/register", {**NEW_ACCOUNT, "password": "short",
                                            "password_confirm": "short"})
    assert "دست‌کم ۱۰ نویسه" in short.get_data(as_text=True)
    mismatch = post_form(client, "/register", {**NEW_ACCOUNT, "password_confirm": "other-pass-1"})
    assert "تکرار گذرواژه" in mismatch.get_data(as_text=True)
    empty = post_form(client, "/register", {"role": "employer"})
    assert empty.get_data(as_text=True).count("این بخش را پر کنید") >= 3
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_login_and_logout(client: FlaskClient, make_user, login) -> None:
    user = make_user(Role.EMPLOYER)
    login(user)
    assert "پیشخوان واحد صنعتی" in client.get("/").get_data(as_text=True)
    post_form(client, "/", {}, action="/logout")
    assert "ورود" in client.get("/", follow_redirects=True).get_data(as_text=True)
    assert client.get("/account/password").status_code == 302


def test_wrong_password_gives_one_message_for_unknown_and_known_users(
        client: FlaskClient, make_user) -> None:
    user = make_user(Role.GRADUATE)
    wrong = post_form(client, "/login", {"username": user.username, "password": "nope-nope-1"})
    unknown = post_form(client, "/login", {"username": "nobody", "password": "nope-nope-1"})
    for response in (wrong, unknown):
        assert response.status_code == 400
        assert "نام کاربری یا گذرواژه درست نیست" in response.get_data(as_text=True)


def test_logout_ends_the_session_on_the_server_even_if_the_cookie_is_replayed(
        app, make_user) -> None:
    user = make_user(Role.GRADUATE)
    browser = app.test_client()
    post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    stolen = browser.get_cookie("databank_session").value
    post_form(browser, "/", {}, action="/logout")
    attacker = app.test_client()
    attacker.set_cookie("databank_session", stolen)
    assert attacker.get("/account/password").status_code == 302


def test_changing_the_password_signs_out_other_sessions(app, make_user) -> None:
    user = make_user(Role.GRADUATE)
    first, second = app.test_client(), app.test_client()
    for browser in (first, second):
        post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    response = post_form(first, "/account/password", {
        "current_password": PASSWORD, "password": "a-brand-new-pass",
        "password_confirm": "a-brand-new-pass"})
    assert response.status_code == 302
    assert first.get("/account/password").status_code == 200
    assert second.get("/account/password").status_code == 302


def test_wrong_current_password_changes_nothing(client: FlaskClient, make_user, login) -> None:
    user = make_user(Role.GRADUATE)
    login(user)
    before = user.password_hash
    response = post_form(client, "/account/password", {
        "current_password": "wrong-wrong-1", "password": "a-brand-new-pass",
        "password_confirm": "a-brand-new-pass"})
    assert response.status_code == 400
    assert "گذرواژهٔ فعلی درست نیست" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.password_hash == before


def test_a_post_without_the_csrf_token_is_refused(client: FlaskClient, make_user) -> None:
    user = make_user(Role.GRADUATE)
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 400
    assert "فرم منقضی شده" in response.get_data(as_text=True)
    assert client.get("/account/password").status_code == 302


def test_every_form_on_the_public_pages_carries_a_csrf_token(client: FlaskClient) -> None:
    for page in ("/login", "/register"):
        assert 'name="csrf_token"' in client.get(page).get_data(as_text=True)


def test_next_after_login_stays_on_this_site(client: FlaskClient, make_user) -> None:
    user = make_user(Role.GRADUATE)
    data = {"username": user.username, "password": PASSWORD}
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"):
        response = post_form(client, "/login", data, action=f"/login?next={evil}")
        assert response.headers["Location"] == "/"
        post_form(client, "/", {}, action="/logout")
    response = post_form(client, "/login", data, action="/login?next=/account/password")
    assert response.headers["Location"] == "/account/password"


def test_a_deactivated_user_cannot_log_in(client: FlaskClient, make_user) -> None:
    user = make_user(Role.GRADUATE)
    user.is_active = False
    db.session.commit()
    response = post_form(client, "/login", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 409
    assert client.get("/account/password").status_code == 302


def test_five_wrong_passwords_lock_the_account_for_a_while(client: FlaskClient,
                                                            make_user) -> None:
    user = make_user(Role.GRADUATE)
    for _ in range(5):
        post_form(client, "/login", {"username": user.username, "password": "wrong-wrong-1"})
    locked = post_form(client, "/login", {"username": user.username, "password": PASSWORD})
    assert locked.status_code == 429
    assert "۱۵ دقیقه" in locked.get_data(as_text=True)
    assert client.get("/account/password").status_code == 302
    db.session.refresh(user)

    user.locked_until = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    assert post_form(client, "/login", {"username": user.username,
                                        "password": PASSWORD}).status_code == 302


def _answers(client: FlaskClient, username: str, tries: int) -> list[tuple[int, str]]:
    """What the login form says to `tries` wrong passwords for `username`, then to a sixth."""
    said = []
    for attempt in range(tries + 1):
        answer = post_form(client, "/login", {"username": username,
                                              "password": f"wrong-guess-{attempt}"})
        page = html.unescape(answer.get_data(as_text=True)).replace(username, "NAME")
        said.append((answer.status_code, re.sub(r'value="[^"]*"', "", page)))  # tokens differ
    return said


def test_a_name_nobody_holds_is_locked_as_a_held_one_so_the_lock_names_nobody(
        app, make_user) -> None:
    """Five wrong passwords lock a held name; were an unknown name never locked, the lock
    message would tell a stranger which usernames exist."""
    user = make_user(Role.GRADUATE)
    held = _answers(app.test_client(), user.username, MAX_FAILED_LOGINS)
    unheld = _answers(app.test_client(), "nobody.holds.this", MAX_FAILED_LOGINS)
    assert [status for status, _ in held] == [400] * MAX_FAILED_LOGINS + [429]
    assert [status for status, _ in unheld] == [status for status, _ in held]
    assert "۱۵ دقیقه" in unheld[-1][1] and unheld[-1][1] == held[-1][1]
    assert "nobody.holds.this" not in {name.username for name in db.session.scalars(
        select(User))}
    # the count is by name, whatever case or digits it was typed in
    again = post_form(app.test_client(), "/login", {"username": "NOBODY.holds.this",
                                                    "password": "wrong-guess-9"})
    assert again.status_code == 429


def _lock_out(app, username: str) -> None:
    """A stranger's five wrong passwords, from a browser of his own."""
    stranger = app.test_client()
    for attempt in range(MAX_FAILED_LOGINS):
        post_form(stranger, "/login", {"username": username, "password": f"guess-{attempt}"})
    assert post_form(stranger, "/login", {"username": username,
                                          "password": PASSWORD}).status_code == 429


def _logged_in_once(app, user: User):
    """Her own browser, which logged into the account before and logged out."""
    browser = app.test_client()
    assert post_form(browser, "/login", {"username": user.username,
                                         "password": PASSWORD}).status_code == 302
    post_form(browser, "/", {}, action="/logout")
    return browser


def test_a_stranger_locking_her_account_does_not_keep_her_out_of_her_own_browser(
        app, make_user) -> None:
    """Anyone knowing a username (the admin's) could keep its owner out by five wrong
    passwords every quarter hour; her browser, which logged in before, still comes in."""
    admin = make_user(Role.ADMIN)
    hers = _logged_in_once(app, admin)
    _lock_out(app, admin.username)
    assert post_form(hers, "/login", {"username": admin.username,
                                      "password": PASSWORD}).status_code == 302
    db.session.refresh(admin)
    assert admin.locked_until is None  # her right password lifted it, as it always does


def test_a_password_the_admin_reset_ends_the_trust_of_her_browsers(app, make_user) -> None:
    """Someone else may have had her password: no browser of hers passes a lock until she
    logs in again."""
    from databank.accounts.services import password_stamp, reset_password

    she, admin = make_user(Role.GRADUATE), make_user(Role.ADMIN)
    hers = _logged_in_once(app, she)
    given = reset_password(admin, she, password_stamp(she))
    db.session.commit()
    _lock_out(app, she.username)
    refused = post_form(hers, "/login", {"username": she.username, "password": given})
    assert refused.status_code == 429


def test_the_browser_she_signed_up_in_passes_a_strangers_lock(app, make_user) -> None:
    """Signing up logs her in: that browser is hers as a login's is."""
    hers = app.test_client()
    assert post_form(hers, "/register", NEW_ACCOUNT).status_code == 302
    post_form(hers, "/", {}, action="/logout")
    _lock_out(app, NEW_ACCOUNT["username"])
    back = post_form(hers, "/login", {"username": NEW_ACCOUNT["username"],
                                      "password": NEW_ACCOUNT["password"]})
    assert back.status_code == 302


def test_a_graduates_sign_up_trusts_her_browser_too(client: FlaskClient) -> None:
    from tests.databank.people.test_graduate_pages import REGISTRATION

    signed_up = post_form(client, "/graduates/register", REGISTRATION)
    assert signed_up.status_code == 302
    assert "databank_device=" in " ".join(signed_up.headers.getlist("Set-Cookie"))


def test_her_browsers_trust_is_for_her_account_and_ends_at_a_wrong_password(
        app, make_user) -> None:
    she, other = make_user(Role.GRADUATE), make_user(Role.GRADUATE)
    hers = _logged_in_once(app, she)
    _lock_out(app, other.username)
    refused = post_form(hers, "/login", {"username": other.username, "password": PASSWORD})
    assert refused.status_code == 429  # trusted for her account, not for another
    _lock_out(app, she.username)
    wrong = post_form(hers, "/login", {"username": she.username, "password": "not-it-at-all"})
    assert wrong.status_code == 429 and "۱۵ دقیقه" in html.unescape(wrong.get_data(as_text=True))
    assert "databank_device=;" in wrong.headers.get("Set-Cookie", "")
    again = post_form(hers, "/login", {"username": she.username, "password": PASSWORD})
    assert again.status_code == 429


def test_a_forged_device_cookie_is_no_way_past_the_lock(app, make_user) -> None:
    she = make_user(Role.GRADUATE)
    _lock_out(app, she.username)
    forger = app.test_client()
    forger.set_cookie("databank_device", f"{she.id}.forged.signature")
    refused = post_form(forger, "/login", {"username": she.username, "password": PASSWORD})
    assert refused.status_code == 429


def test_names_nobody_holds_are_forgotten_after_a_day(app) -> None:
    from databank.accounts.models import UnheldName

    post_form(app.test_client(), "/login", {"username": "old.guess", "password": "wrong-1"})
    db.session.execute(update(UnheldName).values(
        last_failed_at=datetime.now(UTC) - timedelta(days=2)))
    db.session.commit()
    post_form(app.test_client(), "/login", {"username": "new.guess", "password": "wrong-1"})
    db.session.expire_all()
    assert set(db.session.scalars(select(UnheldName.username))) == {"new.guess"}


def test_a_session_ended_meanwhile_is_said_once_on_a_public_page_too(app, make_user) -> None:
    """Deactivated (or her password reset) while her browser was open: the welcome page, which
    anyone may open, tells her as a page that needs a login would, and only once."""
    user = make_user(Role.GRADUATE)
    browser = app.test_client()
    post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    user.is_active = False
    db.session.commit()
    said = html.unescape(browser.get("/").get_data(as_text=True))
    assert "نشست شما پایان یافته است" in said
    again = html.unescape(browser.get("/").get_data(as_text=True))
    assert "نشست شما پایان یافته است" not in again
    browser.get("/graduates/register")
    guarded = browser.get("/account/password", follow_redirects=True)
    assert html.unescape(guarded.get_data(as_text=True)).count("نشست شما پایان یافته است") == 0


def test_a_session_ended_meanwhile_is_said_once_on_a_page_that_needs_a_login(
        app, make_user) -> None:
    user = make_user(Role.GRADUATE)
    browser = app.test_client()
    post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    user.is_active = False
    db.session.commit()
    answer = browser.get("/account/password", follow_redirects=True)
    said = html.unescape(answer.get_data(as_text=True))
    assert answer.request.path == "/login" and said.count("نشست شما پایان یافته است") == 1
