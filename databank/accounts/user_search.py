"""The admin's list of accounts, narrowed by what she has in hand when someone calls: a
username, the name shown on the account, or a graduate's national ID or name in any spelling
(she forgot her password and the admin makes her a new one)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import selectinload

from databank.accounts.models import User
from databank.db import twin_value
from databank.people.models import Person
from databank.validation import fold_digits, persian_letters


def users_query(search: str | None) -> Select[tuple[User]]:
    """Accounts by role, then username; a search of no letter or digit finds nothing rather
    than everyone."""
    query = (select(User).options(selectinload(User.unit), selectinload(User.office),
                                  selectinload(User.agency))
             .order_by(User.role, User.username))
    typed = persian_letters(" ".join((search or "").split()))
    if not typed:
        return query
    return query.where(or_(*_conditions(typed)))


def _conditions(typed: str) -> list[Any]:
    latin = fold_digits(typed).lower()
    found: list[Any] = [func.lower(User.username).contains(latin, autoescape=True),
                        func.lower(User.display_name).contains(typed.lower(), autoescape=True)]
    digits = latin.replace(" ", "")
    if digits.isascii() and digits.isdigit():
        found.append(User.person_id.in_(select(Person.id).where(
            Person.national_id.contains(digits, autoescape=True))))
    if words := (twin_value(typed) or "").split():
        found.append(User.person_id.in_(select(Person.id).where(and_(
            *(Person.name_key.contains(word, autoescape=True) for word in words)))))
    return found
