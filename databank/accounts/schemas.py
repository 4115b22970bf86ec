"""What a person types to register, log in, change a password, or (admin) create an officer."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import ValidationError, fields, validates, validates_schema

from databank.accounts.models import OFFICER_ROLES, Role
from databank.jalali import persian_digits
from databank.schemas import (
    BASIC_MESSAGES,
    INVALID_CHOICE,
    DisplayName,
    FormSchema,
    integer,
    text,
)
from databank.validation import fold_digits

USERNAME = re.compile(r"[a-z0-9][a-z0-9_.\-]{2,63}")
PASSWORD_MIN = 10


def username_field() -> fields.String:
    return text(64, min_length=3)


def password_field() -> fields.String:
    return fields.String(required=True, error_messages=BASIC_MESSAGES)


def clean_username(value: str) -> str:
    return fold_digits(value).strip().lower()


def check_new_password(password: str, username: str | None = None) -> None:
    if len(password) < PASSWORD_MIN:
        raise ValidationError(
            f"گذرواژه باید دست‌کم {persian_digits(PASSWORD_MIN)} نویسه باشد.", "password"
        )
    if len(password) > 128:
        raise ValidationError("گذرواژه نباید بیش از ۱۲۸ نویسه باشد.", "password")
    if username and username.lower() in password.lower():
        raise ValidationError("گذرواژه نباید نام کاربری را در خود داشته باشد.", "password")


class LoginSchema(FormSchema):
    username = fields.String(required=True, error_messages=BASIC_MESSAGES)
    password = password_field()


class _NewAccountSchema(FormSchema):
    username = username_field()
    display_name = DisplayName(required=True)
    password = password_field()
    password_confirm = fields.String(required=True, error_messages=BASIC_MESSAGES)

    @validates("username")
    def _username_shape(self, value: str, **_kwargs: Any) -> None:
        if not USERNAME.fullmatch(clean_username(value)):
            raise ValidationError("نام کاربری فقط حروف انگلیسی، رقم، نقطه، خط تیره و زیرخط "
                                  "می‌پذیرد و باید با حرف یا رقم شروع شود.")

    @validates_schema
    def _passwords(self, data: dict[str, Any], **_kwargs: Any) -> None:
        check_new_password(data.get("password", ""), data.get("username"))
        if data.get("password") != data.get("password_confirm"):
            raise ValidationError("تکرار گذرواژه با خود گذرواژه یکی نیست.", "password_confirm")


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

    @validates_schema
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

    def __init__(self, *, username: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.username = username

    @validates_schema
    def _passwords(self, data: dict[str, Any], **_kwargs: Any) -> None:
        check_new_password(data.get("password", ""), self.username)
        if data.get("password") != data.get("password_confirm"):
            raise ValidationError("تکرار گذرواژه با خود گذرواژه یکی نیست.", "password_confirm")
