"""Accounts: registering, authenticating, creating officers, changing passwords.

Services flush and raise domain errors; the caller commits once."""

from __future__ import annotations

import hmac
import secrets
from datetime import UTC, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from databank.accounts.models import OFFICER_ROLES, Role, UnheldName, User, new_session_token
from databank.accounts.passwords import hash_password, needs_rehash, verify_password
from databank.accounts.schemas import clean_username
from databank.audit.services import record_event
from databank.db import db, utcnow
from databank.errors import Conflict, InvalidInput, NotAllowed, NotFound
from databank.jalali import persian_digits
from databank.organisations.models import Agency, PlacementOffice
from databank.organisations.services import chosen

MAX_FAILED_LOGINS = 5
LOCK_TIME = timedelta(minutes=15)
UNHELD_NAMES_KEPT = timedelta(days=1)
LOCKED = ("به دلیل چند تلاش ناموفق پیاپی، ورود به این حساب تا ۱۵ دقیقه بسته است؛ پس از آن "
          "دوباره تلاش کنید.")
USERNAME_TAKEN = "این نام کاربری قبلاً گرفته شده است؛ نام دیگری انتخاب کنید."
DEACTIVATED = ("این حساب غیرفعال شده است؛ برای فعال شدن دوباره با مدیر سامانه تماس "
               "بگیرید.")


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == clean_username(username)))


def username_taken(typed: str) -> str | None:
    """What a sign-up form says of a username someone already holds (said with the form's
    other errors: the sign-up forms check it only once the rest is right)."""
    return USERNAME_TAKEN if typed.strip() and find_user(typed) is not None else None


def create_user(*, username: str, password: str, display_name: str, role: Role,
                **links: Any) -> User:
    """The one place a User row is made; a taken name is refused here and by the database."""
    username = clean_username(username)
    if find_user(username) is not None:
        raise Conflict(USERNAME_TAKEN, field="username")
    user = User(username=username, password_hash=hash_password(password),
                display_name=display_name.strip(), role=Role(role), **links)
    db.session.flush()  # what came before, outside the user's savepoint (it flushes first)
    try:
        with db.session.begin_nested():
            db.session.add(user)
    except IntegrityError:
        if find_user(username) is not None:  # taken a moment ago by another request
            raise Conflict(USERNAME_TAKEN, field="username") from None
        raise  # another rule (one account per person): the caller knows what it means
    return user


def register_account(data: dict[str, Any]) -> User:
    """An employer's self-registration; its unit comes next (organisations)."""
    if Role(data.get("role", Role.EMPLOYER)) is not Role.EMPLOYER:
        raise NotAllowed()
    user = create_user(username=data["username"], password=data["password"],
                       display_name=data["display_name"], role=Role.EMPLOYER)
    record_event(user, "register", "user", user.id, to_state=user.role.value)
    return user


def create_officer(actor: User, data: dict[str, Any]) -> User:
    """Admin-only: officer, inspector and admin accounts are never self-registered."""
    if actor.role is not Role.ADMIN:
        raise NotAllowed()
    role = Role(data["role"])
    links = {"office_id": None, "agency_id": None}
    if role is Role.PLACEMENT_OFFICER:
        links["office_id"] = chosen(PlacementOffice, data.get("office_id"), "office_id").id
    if role is Role.AGENCY_OFFICER:
        links["agency_id"] = chosen(Agency, data.get("agency_id"), "agency_id").id
    user = create_user(username=data["username"], password=data["password"],
                       display_name=data["display_name"], role=role, **links)
    user.must_change_password = True  # the admin typed it
    record_event(actor, "create_user", "user", user.id, to_state=role.value)
    return user


OWN_ROLE = ("نقش حساب خودتان را نمی‌توانید تغییر دهید؛ سامانه بی‌مدیر نماند. اگر لازم است، "
            "مدیر دیگری این کار را می‌کند.")


def edit_officer(actor: User, user: User, data: dict[str, Any]) -> User:
    """Admin-only: an officer's name, role and organisation, as people move between offices
    and agencies. Graduates and employers keep their own accounts (not found here). A change
    of role or organisation ends her sessions: what she may see has changed."""
    if actor.role is not Role.ADMIN:
        raise NotAllowed()
    if user.role not in OFFICER_ROLES:
        raise NotFound()
    role = Role(data["role"])
    if user.id == actor.id and role is not user.role:
        raise Conflict(OWN_ROLE, field="role")
    office = chosen(PlacementOffice, data.get("office_id"), "office_id") \
        if role is Role.PLACEMENT_OFFICER else None
    agency = chosen(Agency, data.get("agency_id"), "agency_id") \
        if role is Role.AGENCY_OFFICER else None
    before_role, before_place = user.role, (user.office_id, user.agency_id)
    details: dict[str, Any] = {}
    if data["display_name"] != user.display_name:
        details.update(name=data["display_name"], was=user.display_name)
    if office is not None and office.id != user.office_id:
        details["office"] = office.name
    if agency is not None and agency.id != user.agency_id:
        details["agency"] = agency.name
    user.display_name, user.role = data["display_name"], role
    user.office_id = office.id if office else None
    user.agency_id = agency.id if agency else None
    moved = role is not before_role or (user.office_id, user.agency_id) != before_place
    if moved:
        end_sessions(user)
    if moved or details:
        db.session.flush()
        record_event(actor, "edit_user", "user", user.id, from_state=before_role.value,
                     to_state=role.value, **details)
    return user


class DeviceDistrusted(NotAllowed):
    """A wrong password from a browser the lock let through (accounts.devices): it is
    refused as a locked account is, and the browser is no longer trusted."""


def authenticate(username: str, password: str,
                 trusted: tuple[int, int] | None = None) -> User | None:
    """The user for these credentials, or None; the same work is done for unknown names.
    Repeated failures lock the account for a while, against password guessing, except for
    the browser `trusted` says logged into it before (accounts.devices). Logins and failed
    attempts on an account are in the audit log, for the admin to see who came in."""
    user = find_user(username)
    unheld = _unheld_name(username) if user is None else None
    locked = _locked(user or unheld)
    own_browser = user is not None and trusted == (user.id, user.device_epoch)
    if locked and not own_browser:
        raise NotAllowed(LOCKED)
    right = verify_password(user.password_hash if user else None, password)
    if locked and not right:
        raise DeviceDistrusted(LOCKED)
    if not right:
        if user is not None:
            locked = _count_failure(user)
            record_event(None, "login_failed", "user", user.id,
                         **({"locked": True} if locked else {}))
        else:  # locked as a held name is, or the lock would say which names are held; not
            # logged: it names nobody to protect
            _count_failure(unheld or _new_unheld_name(username))
        return None
    if user is None:
        return None
    if not user.is_active:  # said only to whom knows the password: no way to probe names
        raise Conflict(DEACTIVATED)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_logins, user.locked_until = 0, None
    record_event(user, "login", "user", user.id)
    return user


def _locked(name: User | UnheldName | None) -> bool:
    until = name.locked_until if name is not None else None
    if until is None:
        return False
    return (until if until.tzinfo else until.replace(tzinfo=UTC)) > utcnow()


def _count_failure(name: User | UnheldName) -> bool:
    """Count a wrong password; True when it locked the account (or the name nobody holds)."""
    name.failed_logins = (name.failed_logins or 0) + 1
    if isinstance(name, UnheldName):
        name.last_failed_at = utcnow()
    if name.failed_logins < MAX_FAILED_LOGINS:
        return False
    name.failed_logins = 0
    name.locked_until = utcnow() + LOCK_TIME
    return True


def _unheld_name(username: str) -> UnheldName | None:
    return db.session.scalar(select(UnheldName).where(
        UnheldName.username == clean_username(username)[:64]))


def _new_unheld_name(username: str) -> UnheldName:
    """The count of a name nobody holds, made at its first wrong password. Names silent for a
    day are pruned here, so that guessing many names leaves no table to grow without end. Two
    first attempts at once: the second finds the first's row."""
    db.session.execute(delete(UnheldName).where(
        UnheldName.last_failed_at < utcnow() - UNHELD_NAMES_KEPT))
    name = UnheldName(username=clean_username(username)[:64], failed_logins=0)
    try:
        with db.session.begin_nested():
            db.session.add(name)
    except IntegrityError:
        found = _unheld_name(username)
        if found is None:
            raise
        return found
    return name


def end_sessions(user: User) -> None:
    """Invalidate every session of this user on the server (logout, password change)."""
    user.session_token = new_session_token()


def personal_words(user: User) -> list[str]:
    """What a new password of hers must not be made of: her name and, for a graduate, her
    national ID and mobile (accounts.schemas.guessable)."""
    words = [user.display_name]
    if user.person is not None:
        person = user.person
        words += [person.national_id, person.mobile or "", person.first_name, person.last_name]
    return [word for word in words if word]


def change_password(user: User, current: str, new: str) -> None:
    """A wrong current password counts as a failed login: an open session left on a shared
    computer is no way round the lock, and reaching it ends every session of the account."""
    if not verify_password(user.password_hash, current):
        def count() -> None:
            if _count_failure(user):
                end_sessions(user)
                user.device_epoch += 1  # nor may that browser pass the lock it reached

        left = MAX_FAILED_LOGINS - (user.failed_logins or 0) - 1
        warning = (f" پس از {persian_digits(left)} تلاش نادرست دیگر، حساب ۱۵ دقیقه بسته "
                   "می‌شود و از همهٔ دستگاه‌ها خارج می‌شوید." if 0 < left < 3 else
                   " حساب برای ۱۵ دقیقه بسته شد و از همهٔ دستگاه‌ها خارج شدید." if left <= 0
                   else "")
        raise InvalidInput({"current_password": [f"گذرواژهٔ فعلی درست نیست.{warning}"]},
                           after_rollback=count)
    if verify_password(user.password_hash, new):
        raise InvalidInput({"password": ["گذرواژهٔ تازه باید با گذرواژهٔ فعلی فرق کند."]})
    user.password_hash = hash_password(new)
    user.must_change_password = False
    end_sessions(user)
    record_event(user, "change_password", "user", user.id)


# A reset password is read out or copied by hand: no letters and digits taken one for another
# (l I 1, O 0, S 5, Z 2, B 8) and no punctuation: 14 of these 50 carry about 79 bits.
READABLE = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679"


ALREADY_RESET = (
    "گذرواژهٔ این حساب دوباره عوض نشد: این فرم پیش‌تر فرستاده شده بود (شاید با تازه‌سازی صفحه "
    "یا دکمهٔ بازگشت مرورگر)، یا گذرواژه پس از باز شدن فهرست کاربران عوض شده است. اگر "
    "گذرواژه‌ای را که پیش‌تر نشان داده شد یادداشت کرده‌اید، همان را به کاربر بدهید؛ اگر آن را "
    "ندارید، دوباره گذرواژهٔ تازه بسازید.")


def password_stamp(user: User) -> str:
    """What a reset form carries of the password it replaces. A form sent twice (a refresh of
    the page that showed the new password re-posts it, and so may the back button) finds
    another password in place and resets nothing, so the one the admin wrote down keeps
    working. Keyed with the app's secret: the page shows nothing derived from the hash alone."""
    message = f"reset-password:{user.id}:{user.password_hash}".encode()
    return hmac.new(str(current_app.secret_key).encode(), message, "sha256").hexdigest()


def reset_password(actor: User, user: User, stamp: str) -> str:
    """The admin gives a user who forgot her password a new one, shown once to hand over;
    her sessions end, any lock is lifted, and she must change it at her next login (the admin
    saw it). `stamp` is password_stamp() as the admin's page had it: the caller holds the
    user's row locked, so two copies of one form sent at once reset once."""
    if actor.role is not Role.ADMIN or actor.id == user.id:
        raise NotAllowed()
    if not hmac.compare_digest(stamp.encode(), password_stamp(user).encode()):
        raise Conflict(ALREADY_RESET)
    password = "".join(secrets.choice(READABLE) for _ in range(14))
    user.password_hash = hash_password(password)
    user.failed_logins, user.locked_until = 0, None
    user.must_change_password = True
    end_sessions(user)
    user.device_epoch += 1  # someone else may have had her password: no browser is trusted
    record_event(actor, "reset_password", "user", user.id)
    return password


def set_active(actor: User, user: User, active: bool) -> None:
    if actor.role is not Role.ADMIN or actor.id == user.id:
        raise NotAllowed()
    user.is_active = active
    end_sessions(user)
    record_event(actor, "activate" if active else "deactivate", "user", user.id)
