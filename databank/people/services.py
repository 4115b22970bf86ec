"""Graduates: one person per national ID, with one graduate profile."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from databank.db import db
from databank.organisations.services import get_or_create_university
from databank.people.models import GraduateProfile, Person

PERSON_FIELDS = ("first_name", "last_name", "gender", "birth_year", "mobile", "city")
PROFILE_FIELDS = ("degree", "field_of_study", "graduation_year", "skills", "desired_job",
                  "head_of_household", "consent")


def find_person(national_id: str) -> Person | None:
    return db.session.scalar(select(Person).where(Person.national_id == national_id))


def save_graduate(data: dict[str, Any]) -> tuple[GraduateProfile, bool]:
    """Create or update the graduate with this national ID; returns (profile, created).

    `data` is what a graduate schema loaded: the same person from a form, a second file or a
    second source updates that person instead of duplicating her."""
    person = find_person(data["national_id"])
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
    if data.get("university"):
        profile.university = get_or_create_university(data["university"])
    db.session.flush()
    return profile, created
