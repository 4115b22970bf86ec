"""What a person types to register, log in, change a password, or (admin) create an officer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from marshmallow import ValidationError, fields, validate, validates, validates_schema
from zxcvbn import zxcvbn

from databank.accounts.models import OFFICER_ROLES, Role
from databank.jalali import persian_digits
from databank.schemas import (
    BASIC_MESSAGES,
    INVALID_CHOICE,
    DisplayName,
    FormSchema,
    integer,
)
from databank.validation import fold_digits, persian_letters

USERNAME_SHAPE = re.compile(r"[a-z0-9][a-z0-9_.\-]*")
USERNAME_RULE = ("نام کاربری فقط حروف انگلیسی، رقم، نقطه، خط تیره و زیرخط می‌پذیرد و باید با "
                 "حرف یا رقم شروع شود.")
PASSWORDS_DIFFER = "تکرار گذرواژه با خود گذرواژه یکی نیست."
PASSWORD_MIN = 10
GUESSES_SCORE = 2  # zxcvbn's 0..4; 2 is about a million guesses and more
GUESSABLE = ("این گذرواژه به‌آسانی حدس زده می‌شود: رقم‌های پشت سر هم، نویسهٔ تکراری، ردیف "
             "صفحه‌کلید، گذرواژه‌های رایج، یا کد ملی، شمارهٔ همراه و نام خودتان. چند واژه یا "
             "عدد بی‌ربط را با خط تیره کنار هم بگذارید، مانند «کویر-انار-۱۴۷».")
# What a registration form knows of the person, which her password must not be made of.
PERSONAL_FIELDS = ("display_name", "national_id", "mobile", "first_name", "last_name")


def _username_shape(value: str) -> None:
    if not USERNAME_SHAPE.fullmatch(clean_username(value)):
        raise ValidationError(USERNAME_RULE)


def username_field() -> fields.String:
    """Its length and its characters are both checked on every submission, so «a!» is told
    both rules at once rather than one per try."""
    return fields.String(
        required=True, error_messages=BASIC_MESSAGES,
        validate=[validate.Length(min=3, max=64, error="نام کاربری باید بین ۳ و ۶۴ نویسه باشد."),
                  _username_shape])


def password_field() -> fields.String:
    return fields.String(required=True, error_messages=BASIC_MESSAGES)


def clean_username(value: str) -> str:
    return fold_digits(value).strip().lower()


def new_password_problems(password: str, username: str | None = None,
                          personal: Sequence[str] = ()) -> list[str]:
    """Every rule a new password breaks, so that one submission names them all."""
    problems = []
    if len(password) < PASSWORD_MIN:
        problems.append(f"گذرواژه باید دست‌کم {persian_digits(PASSWORD_MIN)} نویسه باشد.")
    if len(password) > 128:
        problems.append("گذرواژه نباید بیش از ۱۲۸ نویسه باشد.")
    if username and clean_username(username) in password.lower():
        problems.append("گذرواژه نباید نام کاربری را در خود داشته باشد.")
    elif len(password) >= PASSWORD_MIN and guessable(password, [username or "", *personal]):
        problems.append(GUESSABLE)
    return problems


def guessable(password: str, personal: Sequence[str]) -> bool:
    """zxcvbn's estimate (common passwords, keyboard rows, repeats and sequences, dates, and
    the person's own national ID, mobile and names) below «somewhat guessable»: length alone
    lets «1111111111» through (ASVS 2.1.7). Digits are folded as the hash folds them; zxcvbn
    reads at most 72 characters, and a longer password is judged by its first 72.

    zxcvbn knows neither Persian word breaks nor Solar Hijri years: her names are also given
    word by word and run together, the years as words, and the password is judged without
    its spaces and half-spaces, so that «زهرا کریمی ۱۳۷۰» is as weak as «zahra1990» is. What
    is left once her own words are taken out must be strong on its own: «کریمی.زهرا.۱۳۷۰»."""
    inputs = [word for value in personal if value for word in _personal_words(value)]
    typed = _WORD_BREAKS.sub("", persian_letters(fold_digits(password)))[:72]
    if _weak(typed, inputs):
        return True
    # her own words in any order, joined by any marks: what is left must stand on its own
    left = typed.lower()
    for word in sorted({word.lower() for word in inputs}, key=len, reverse=True):
        left = left.replace(word, " ")
    return left != typed.lower() and _weak(_MARKS.sub("", left), inputs)


def _weak(typed: str, inputs: list[str]) -> bool:
    if not typed:  # nothing of her own choosing (zxcvbn fails on an empty string)
        return True
    return zxcvbn(typed, user_inputs=[*inputs, *SOLAR_YEARS])["score"] < GUESSES_SCORE


_WORD_BREAKS = re.compile(r"[\s\u200c]+")
_MARKS = re.compile(r"[\W_]+")
# Years of birth, study and today, recent first: a year guessed in zxcvbn's ranking.
SOLAR_YEARS = tuple(str(year) for year in range(1420, 1299, -1))


def _personal_words(value: str) -> list[str]:
    """A name as typed, its words one by one, and its words run together; a mobile as
    typed and in its usual forms («+98912…» is also «0912…» and «912…»)."""
    folded = persian_letters(fold_digits(value))
    words = [word for word in _WORD_BREAKS.split(folded) if len(word) > 1]
    digits = re.sub(r"\D", "", folded)
    number = [digits[-10:], "0" + digits[-10:]] if len(digits) >= 10 else []
    return [folded, "".join(words), *words, *number]


def check_new_passwords(data: dict[str, Any], username: str | None,
                        personal: Sequence[str] = ()) -> None:
    """The new password and its repetition, checked even when other fields were refused
    (marshmallow skips a schema validator on field errors unless told not to): otherwise a
    short or mistyped password is told only after every other field is right. A password
    left blank is told by its own field's «required», not again here."""
    errors: dict[str, list[str]] = {}
    password, confirm = data.get("password"), data.get("password_confirm")
    if password is not None:
        typed = [str(data[name]) for name in PERSONAL_FIELDS if data.get(name)]
        if problems := new_password_problems(password, username, [*typed, *personal]):
            errors["password"] = problems
        if confirm is not None and fold_digits(confirm) != fold_digits(password):
            errors["password_confirm"] = [PASSWORDS_DIFFER]
    if errors:
        raise ValidationError(errors)


class LoginSchema(FormSchema):
    username = fields.String(required=True, error_messages=BASIC_MESSAGES)
    password = password_field()


class _NewAccountSchema(FormSchema):
    username = username_field()
    display_name = DisplayName(required=True)
    password = password_field()
    password_confirm = fields.String(required=True, error_messages=BASIC_MESSAGES)

    @validates_schema(skip_on_field_errors=False)
    def _passwords(self, data: dict[str, Any], **_kwargs: Any) -> None:
        check_new_passwords(data, data.get("username"))


class RegistrationSchema(_NewAccountSchema):
    """An employer's account; graduates register with their profile (people.schemas)."""

    role = fields.String(load_default=Role.EMPLOYER.value, error_messages=BASIC_MESSAGES)

    @validates("role")
    def _self_registered(self, value: str, **_kwargs: Any) -> None:
        if value != Role.EMPLOYER.value:
            raise ValidationError(INVALID_CHOICE)


class _OfficerPlace(FormSchema):
    """An officer's role and the organisation it needs, as created and as edited."""

    role = fields.String(required=True, error_messages=BASIC_MESSAGES)
    office_id = integer(1, 2**31 - 1, required=False)
    agency_id = integer(1, 2**31 - 1, required=False)

    @validates("role")
    def _officer_role(self, value: str, **_kwargs: Any) -> None:
        if value not in {role.value for role in OFFICER_ROLES}:
            raise ValidationError(INVALID_CHOICE)

    @validates_schema(skip_on_field_errors=False)
    def _role_needs_organisation(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("role") == Role.PLACEMENT_OFFICER and not data.get("office_id"):
            raise ValidationError("کارشناس دفتر کاریابی باید به یک دفتر وابسته باشد.", "office_id")
        if data.get("role") == Role.AGENCY_OFFICER and not data.get("agency_id"):
            raise ValidationError("کارشناس دستگاه باید به یک دستگاه اجرایی وابسته باشد.",
                                  "agency_id")


class OfficerSchema(_OfficerPlace, _NewAccountSchema):
    """A new officer account, made by the admin."""


class OfficerEditSchema(_OfficerPlace):
    """What the admin may change of an officer's account later: name, role, organisation."""

    display_name = DisplayName(required=True)


class PasswordChangeSchema(FormSchema):
    """`username`: whose password it is, given by the view (the form does not carry it), so a
    new password is held to the rules of a first one."""

    current_password = password_field()
    password = password_field()
    password_confirm = fields.String(required=True, error_messages=BASIC_MESSAGES)

    def __init__(self, *, username: str | None = None, personal: Sequence[str] = (),
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.username, self.personal = username, personal

    @validates_schema(skip_on_field_errors=False)
    def _passwords(self, data: dict[str, Any], **_kwargs: Any) -> None:
        check_new_passwords(data, self.username, self.personal)
