"""What describes a graduate, the same for the registration form, the profile form and a
spreadsheet row."""

from __future__ import annotations

from typing import Any

from marshmallow import fields

from databank.accounts.schemas import _NewAccountSchema
from databank.jalali import current_year
from databank.schemas import (
    DegreeLevel,
    FormSchema,
    GenderWord,
    JalaliYear,
    Mobile,
    NationalId,
    TextList,
    flag,
    text,
)


def _latest_birth_year() -> int:
    return current_year() - 14


class ProfileSchema(FormSchema):
    """The parts of a graduate a graduate may edit herself (not her national ID)."""

    first_name = text(80)
    last_name = text(80)
    gender = GenderWord(required=False)
    birth_year = fields.Method(deserialize="_birth_year", required=False)
    mobile = Mobile(required=False)
    city = text(80, required=False)
    university = text(200, required=False)
    degree = DegreeLevel(required=True)
    field_of_study = text(200)
    graduation_year = fields.Method(deserialize="_graduation_year", required=False)
    skills = TextList(item_max=80)
    desired_job = text(200, required=False)
    head_of_household = flag()
    consent = flag()

    def _birth_year(self, value: Any) -> int:
        return JalaliYear(earliest=1300, latest=_latest_birth_year()).deserialize(value)

    def _graduation_year(self, value: Any) -> int:
        return JalaliYear(earliest=1330, latest=current_year()).deserialize(value)


class GraduateSchema(ProfileSchema):
    """A whole graduate, as an import row or an officer's entry carries it."""

    national_id = NationalId(required=True)


class GraduateRegistrationSchema(_NewAccountSchema, GraduateSchema):
    """Self-registration: her account and her profile in one form."""

    display_name = text(120, required=False)
    mobile = Mobile(required=True)
    gender = GenderWord(required=True)
