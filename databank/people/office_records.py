"""What a placement office records for a person it sees with her national card in hand.

Self-registration hands a stored record over only to someone who knows the mobile on it
(services.register_graduate); a person stored without one, or with an old one, needs an office
to compare her card with the record and write the mobile she now has."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db
from databank.errors import Conflict, NotAllowed, NotFound
from databank.people.models import Person
from databank.people.services import find_person

OFFICE_ROLES = (Role.PLACEMENT_OFFICER, Role.ADMIN)
UNKNOWN_PERSON = "کسی با این کد ملی در بانک ثبت نشده است."
KEEPS_HER_OWN = ("این فرد حساب کاربری دارد و شمارهٔ همراهش را خودش در صفحهٔ «پروفایل من» ثبت "
                 "و اصلاح می‌کند؛ دفتر کاریابی آن را تغییر نمی‌دهد. اگر گذرواژه را فراموش "
                 "کرده است، مدیر سامانه گذرواژهٔ تازه به او می‌دهد.")


@dataclass(frozen=True)
class PersonCard:
    """The stored record as the officer compares it with the national card."""

    national_id: str
    full_name: str
    gender: str
    birth_year: int | None
    city: str
    mobile: str | None
    has_account: bool


def person_card(actor: User, national_id: str) -> PersonCard:
    person = _office_person(actor, national_id)
    return PersonCard(national_id=person.national_id, full_name=person.full_name,
                      gender=person.gender.label if person.gender else "",
                      birth_year=person.birth_year, city=person.city or "",
                      mobile=person.mobile, has_account=_has_account(person))


def record_mobile(actor: User, national_id: str, mobile: str) -> Person:
    """Record or correct the mobile that lets her claim her record. Once she has an account
    the mobile is hers to keep on her profile page, and the office no longer writes it."""
    person = _office_person(actor, national_id)
    if _has_account(person):
        raise Conflict(KEEPS_HER_OWN)
    corrected = person.mobile is not None and person.mobile != mobile
    person.mobile = mobile
    db.session.flush()
    record_event(actor, "record_mobile", "person", person.id,
                 **({"corrected": True} if corrected else {}))
    return person


def _office_person(actor: User, national_id: str) -> Person:
    if actor.role not in OFFICE_ROLES:
        raise NotAllowed()
    person = find_person(national_id)
    if person is None:
        raise NotFound(UNKNOWN_PERSON, field="national_id")
    return person


def _has_account(person: Person) -> bool:
    """Any account on the person, as register_graduate counts it: with one, nobody can claim."""
    return db.session.scalar(select(User.id).where(User.person_id == person.id)) is not None
