"""Browsers an account has logged in from (OWASP's "device cookies").

Five wrong passwords lock an account for a while, against guessing; but then anyone who knows
a username could keep its owner out, the admin's included, by sending five wrong passwords
every quarter of an hour. A browser that logged into the account before carries a signed
cookie naming it, and the lock does not apply to it: its owner still comes in while a
stranger's guesses are refused. A wrong password from such a browser during a lock ends its
trust (the cookie is removed), so a copied cookie buys no run of guesses. The cookie carries
the account's `device_epoch`: a lock reached from inside a session (someone at her open
browser guessing her current password) and a password the admin reset raise it, which ends
the trust of every browser at once."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Response

from databank.accounts.models import User

COOKIE = "databank_device"
LIFETIME = timedelta(days=365)


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="databank-device")


Trust = tuple[int, int]  # (user id, device_epoch) of the account a browser logged into


def trusted() -> Trust | None:
    """The account this browser logged into before, if its cookie is genuine and current."""
    value = request.cookies.get(COOKIE)
    if not value:
        return None
    try:
        found = _signer().loads(value, max_age=int(LIFETIME.total_seconds()))
    except BadSignature:
        return None
    if (isinstance(found, list) and len(found) == 2
            and all(isinstance(part, int) for part in found)):
        return found[0], found[1]
    return None


def remember(response: Response, user: User) -> None:
    response.set_cookie(COOKIE, _signer().dumps([user.id, user.device_epoch]),
                        max_age=int(LIFETIME.total_seconds()), httponly=True, samesite="Lax",
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))


def forget(response: Response) -> None:
    response.delete_cookie(COOKIE, httponly=True, samesite="Lax",
                           secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
