"""An employer's description of its industrial unit."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from marshmallow import ValidationError, fields, post_load, validate, validates

from databank.organisations.models import UniversityKind
from databank.schemas import (
    BASIC_MESSAGES,
    INVALID_CHOICE,
    FormSchema,
    OrganisationName,
    SectorWord,
    choice,
    flag,
    integer,
    text,
)
from databank.validation import InvalidValue, fold_digits

# Seven digits or more, however grouped («۰۹۱۲ ۹۹۹ ۸۸ ۷۷», «(086) 4222-3344»): a phone number,
# which makes a name an advertisement; no university's name holds one («واحد ۲» is fine).
_NUMBER_RUN = re.compile(r"[0-9](?:[\s\u200c\-.()/]{0,2}[0-9]){6,}")
NOT_AN_ADVERT = ("نام دانشگاه شمارهٔ تلفن یا رشتهٔ بلندی از رقم ندارد؛ تنها نام دانشگاه را "
                 "بنویسید، مانند «دانشگاه آزاد اسلامی واحد ساوه».")


def workshop_code_field(*, required: bool) -> fields.String:
    """No length rule of its own: check_workshop_code's «حداکثر ۱۲ رقم» is the one limit
    said, whatever was typed wrong (a second, in characters, told another number)."""
    return fields.String(required=required, error_messages=BASIC_MESSAGES)


class UniversityName(OrganisationName):
    """A university's name, which the public sign-up takes from anyone and the forms may
    come to offer to everyone: besides the display-name rule, no phone number. Digits of any
    script count (a name may hold digits of every script display_name accepts)."""

    def check(self, value: Any) -> str:
        name = super().check(value)
        digits = "".join(str(unicodedata.decimal(char, "")) or char for char in name)
        if _NUMBER_RUN.search(digits):
            raise InvalidValue(NOT_AN_ADVERT)
        return name


class UnitSchema(FormSchema):
    name = OrganisationName()
    industrial_estate = text(200, required=False)
    sector = SectorWord(required=True)
    city = text(80, required=False)
    address = text(300, required=False)
    phone = text(20, required=False)
    workshop_code = workshop_code_field(required=False)
    name_checked = flag()  # a name close to another unit's is right: a unit of its own

    @validates("phone")
    def _phone(self, value: str, **_kwargs: object) -> None:
        digits = fold_digits(value).replace("-", "").replace(" ", "")
        if not (digits.isascii() and digits.isdigit() and 8 <= len(digits) <= 12):
            raise ValidationError("شمارهٔ تماس را با رقم و پیش‌شماره وارد کنید، مانند ۰۸۶۴۲۲۲۳۳۴۴.")

    @validates("workshop_code")
    def _workshop_code(self, value: str, **_kwargs: object) -> None:
        check_workshop_code(value)

    @post_load
    def _ascii_digits(self, data: dict[str, Any], **_kwargs: object) -> dict[str, Any]:
        """Stored in Latin digits, as mobiles are, so one code typed in Persian digits is
        still one code."""
        if "workshop_code" in data:
            data["workshop_code"] = workshop_digits(data["workshop_code"])
        if "phone" in data:
            data["phone"] = fold_digits(data["phone"])
        return data


def workshop_digits(value: str) -> str:
    """A workshop code as typed, in Latin digits, without the dashes and spaces of a paper."""
    return fold_digits(value).replace("-", "").replace(" ", "")


def check_workshop_code(value: str) -> None:
    """Dashes and spaces may group a code's digits, never stand before or after them: «-12345»
    is a sign or a slip, and the code is what proves a unit is hers."""
    typed, code = fold_digits(value).strip(), workshop_digits(value)
    if not (code.isascii() and code.isdigit() and len(code) <= 12
            and typed[:1].isdigit() and typed[-1:].isdigit()):
        raise ValidationError("کد کارگاه بیمه را با رقم وارد کنید، همان‌گونه که در فهرست بیمه "
                              "آمده است (حداکثر ۱۲ رقم).")


class WorkshopCodeSchema(FormSchema):
    """A unit's workshop code as a placement office sets it, after seeing the papers."""

    workshop_code = workshop_code_field(required=True)

    @validates("workshop_code")
    def _workshop_code(self, value: str, **_kwargs: object) -> None:
        check_workshop_code(value)

    @post_load
    def _ascii(self, data: dict[str, Any], **_kwargs: object) -> dict[str, Any]:
        data["workshop_code"] = workshop_digits(data["workshop_code"])
        return data


class HolderSchema(FormSchema):
    """The employer account a placement office links to a unit."""

    username = text(64)


class MergeSchema(FormSchema):
    """The unit kept when another is merged into it, and whose name the two keep."""

    kept = integer(1, 2**31 - 1, required=False)
    name = fields.String(load_default="kept", validate=validate.OneOf(
        ("kept", "merged"), error=INVALID_CHOICE))


class AgencySchema(FormSchema):
    name = OrganisationName()


class OfficeSchema(FormSchema):
    name = OrganisationName()
    agency_id = integer(1, 2**31 - 1, required=False)
    city = text(80, required=False)
    license_no = text(40, required=False)


class EstateSchema(FormSchema):
    name = OrganisationName()
    city = text(80, required=False)


class UniversitySchema(FormSchema):
    name = UniversityName()
    kind = choice(UniversityKind, required=False)
    city = text(80, required=False)


class UniversityMergeSchema(FormSchema):
    """The university kept when another is merged into it."""

    kept = integer(1, 2**31 - 1, required=False)


class UnitEditSchema(UnitSchema):
    """An office's correction of a unit nobody holds (its workshop code has its own form)."""
