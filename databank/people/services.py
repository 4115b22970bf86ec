"""Graduates: one person per national ID, with one graduate profile."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from databank.accounts.models import Role, User
from databank.accounts.services import create_user
from databank.audit.services import record_event
from databank.db import db
from databank.errors import Conflict, InvalidInput, NotAllowed, NotFound
from databank.matches.services import refresh_for_profile
from databank.organisations.services import get_or_create_university
from databank.people.models import GraduateProfile, Person
from databank.people.schemas import graduation_year_problem

PERSON_FIELDS = ("first_name", "last_name", "gender", "birth_year", "mobile", "city")
PROFILE_FIELDS = ("degree", "field_of_study", "graduation_year", "skills", "desired_job",
                  "head_of_household", "consent")
FIELD_CODE_CONFIDENCE = 0.85


def find_person(national_id: str) -> Person | None:
    return db.session.scalar(select(Person).where(Person.national_id == national_id))


def get_or_create_person(national_id: str, **details: Any) -> Person:
    """The person with this national ID, created when missing. Two requests creating the same
    person at once both get the one row: the loser's insert fails on the unique national ID
    inside a savepoint and it reads the winner's."""
    person = find_person(national_id)
    if person is not None:
        return person
    person = Person(national_id=national_id, **details)
    try:
        with db.session.begin_nested():
            db.session.add(person)
            db.session.flush()
    except IntegrityError:
        person = find_person(national_id)
        if person is None:
            raise
    return person


def save_graduate(data: dict[str, Any], person: Person | None = None
                  ) -> tuple[GraduateProfile, bool]:
    """Create or update the graduate with this national ID; returns (profile, created).

    `data` is what a graduate schema loaded: the same person from a form, a second file or a
    second source updates that person instead of duplicating her."""
    person = person or find_person(data["national_id"])
    created = person is None
    if person is None:
        person = Person(national_id=data["national_id"])
        db.session.add(person)
    for name in PERSON_FIELDS:
        if name in data:
            setattr(person, name, data[name])
    profile = person.profile
    if profile is None:
        profile = GraduateProfile(person=person)
        db.session.add(profile)
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(profile, name, data[name])
    if data.keys() & {"birth_year", "graduation_year", "degree"}:
        _check_years(person, profile)
    if "field_of_study" in data:
        profile.field_code = field_code(data["field_of_study"])
    if data.get("university"):
        profile.university = get_or_create_university(data["university"])
    db.session.flush()
    return profile, created


def _check_years(person: Person, profile: GraduateProfile) -> None:
    """The schema sees only the years a form or a row carries; a blank one keeps the stored
    year, and the two together must still be possible."""
    problem = graduation_year_problem(person.birth_year, profile.graduation_year,
                                      profile.degree)
    if problem:
        raise InvalidInput({"graduation_year": [problem]}, message=problem)


def field_code(field_of_study: str) -> str | None:
    """The lexicon's code for a field of study when the matcher is confident of it."""
    from matching import map_field

    mapping = map_field(field_of_study)
    return mapping.code if mapping and mapping.confidence >= FIELD_CODE_CONFIDENCE else None


def register_graduate(data: dict[str, Any]) -> User:
    """Self-registration: her account and profile together. A person an office imported earlier
    can claim her record, but only with the mobile number that record holds."""
    person = find_person(data["national_id"])
    if person is not None:
        if db.session.scalar(select(User.id).where(User.person_id == person.id)):
            raise Conflict("برای این کد ملی قبلاً حساب کاربری ساخته شده است؛ اگر گذرواژه را "
                           "فراموش کرده‌اید، مدیر سامانه گذرواژهٔ تازه به شما می‌دهد.",
                           field="national_id")
        if person.mobile and person.mobile != data["mobile"]:
            raise Conflict("این کد ملی با شمارهٔ همراه دیگری در بانک ثبت شده است؛ برای اصلاح "
                           "به دفتر کاریابی مراجعه کنید.", field="mobile")
    profile, _ = save_graduate(data, person)
    display = data.get("display_name") or f"{data['first_name']} {data['last_name']}"
    user = create_user(username=data["username"], password=data["password"],
                       display_name=display, role=Role.GRADUATE, person_id=profile.person_id)
    record_event(user, "register_graduate", "person", profile.person_id)
    refresh_for_profile(profile)
    return user


def own_profile(actor: User) -> GraduateProfile:
    """A graduate's own profile: found through her account, never through an id in a URL."""
    if actor.role is not Role.GRADUATE:
        raise NotAllowed()
    profile = db.session.scalar(select(GraduateProfile).where(
        GraduateProfile.person_id == actor.person_id)) if actor.person_id else None
    if profile is None:
        raise NotFound("هنوز پروفایلی برای شما ثبت نشده است.")
    return profile


def update_own_profile(actor: User, data: dict[str, Any]) -> GraduateProfile:
    profile = own_profile(actor)
    data = {**data, "national_id": profile.person.national_id}
    save_graduate(data, profile.person)
    record_event(actor, "update_profile", "person", profile.person_id)
    refresh_for_profile(profile)
    return profile


def profile_values(profile: GraduateProfile) -> dict[str, Any]:
    """The profile as the edit form shows it."""
    person = profile.person
    return {
        "first_name": person.first_name, "last_name": person.last_name,
        "gender": person.gender.value if person.gender else "",
        "birth_year": person.birth_year or "", "mobile": person.mobile or "",
        "city": person.city or "",
        "university": profile.university.name if profile.university else "",
        "degree": str(profile.degree), "field_of_study": profile.field_of_study,
        "graduation_year": profile.graduation_year or "",
        "skills": "، ".join(profile.skills or []), "desired_job": profile.desired_job or "",
        "head_of_household": profile.head_of_household, "consent": profile.consent,
    }
