"""Password hashing with argon2id at argon2-cffi's defaults (werkzeug's scrypt default is below
OWASP ASVS level 2)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from databank.validation import fold_digits

_hasher = PasswordHasher()
# Verifying against this when a username is unknown keeps the response time the same.
_DUMMY_HASH = _hasher.hash("databank-no-such-user")


def hash_password(password: str) -> str:
    """Digits are hashed in Latin form: a password set with Persian digits (the keyboard's
    layout at the time) is the same password typed later with Latin ones, and back."""
    return _hasher.hash(fold_digits(password))


def verify_password(password_hash: str | None, password: str) -> bool:
    """The password as typed, with its digits folded (see hash_password); a hash made before
    digits were folded is tried with the password as it was typed too."""
    folded = fold_digits(password)
    candidates = (folded,) if folded == password else (folded, password)
    return any(_verify(password_hash, candidate) for candidate in candidates)


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
