"""The admin corrects the identity the bank records for a person (first and last name, gender,
birth year) from her national card. Elsewhere those stay as recorded once an agency registered
a job for her (an import row or her own profile cannot change them: the job's record and the
dashboard's figures rest on them), so a mistake in them has this one audited path, with the
reason, the old values and the new."""

from __future__ import annotations

from typing import Any

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db
from databank.errors import InvalidInput, NotAllowed, NotFound
from databank.people.models import Person
from databank.people.schemas import graduation_year_problem
from databank.people.services import find_person, rename_person

UNKNOWN = "کسی با این کد ملی در بانک ثبت نشده است."


def look_up(actor: User, national_id: str) -> Person:
    if actor.role is not Role.ADMIN:
        raise NotAllowed()
    person = find_person(national_id)
    if person is None:
        raise NotFound(UNKNOWN, field="national_id")
    return person


def correct_identity(actor: User, data: dict[str, Any]) -> tuple[Person, bool]:
    """Write what the card says; (person, whether anything changed). Her account takes her
    corrected name (rename_person); a birth year that her graduation year cannot follow is
    refused as her profile would refuse it."""
    person = look_up(actor, data["national_id"])
    before = {"name": person.full_name, "gender": person.gender,
              "birth_year": person.birth_year}
    profile = person.profile
    if profile is not None and (problem := graduation_year_problem(
            data.get("birth_year"), profile.graduation_year, profile.degree)):
        raise InvalidInput({"birth_year": [problem]})
    rename_person(person, first_name=data["first_name"], last_name=data["last_name"])
    person.gender, person.birth_year = data["gender"], data.get("birth_year")
    db.session.flush()
    changed = {}
    if person.full_name != before["name"]:
        changed |= {"name": person.full_name, "was": before["name"]}
    if person.gender is not before["gender"]:
        changed |= {"gender": person.gender.label,
                    "previous_gender": before["gender"].label if before["gender"] else ""}
    if person.birth_year != before["birth_year"]:
        changed |= {"birth_year": person.birth_year or "",
                    "previous_birth_year": before["birth_year"] or ""}
    if changed:
        record_event(actor, "correct_identity", "person", person.id,
                     reason=data["reason"].strip(), **changed)
    return person, bool(changed)
