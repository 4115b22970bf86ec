"""Building blocks for the marshmallow schemas of every area: Persian messages, blank-as-missing,
and fields that wrap the pure validators."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate
from werkzeug.datastructures import MultiDict

from databank import validation
from databank.jalali import persian_digits
from databank.validation import InvalidValue

REQUIRED = "این بخش را پر کنید."
INVALID_CHOICE = "یکی از گزینه‌های فهرست را انتخاب کنید."
BASIC_MESSAGES = {"required": REQUIRED, "null": REQUIRED, "invalid": "مقدار واردشده درست نیست."}


class FormSchema(Schema):
    """Base for input schemas: unknown keys are ignored and blank strings count as missing,
    so HTML forms, spreadsheet rows and JSON all load the same way."""

    class Meta:
        unknown = EXCLUDE

    @pre_load
    def _drop_blanks(self, data: Any, **_kwargs: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        cleaned: dict[str, Any] = {}
        for name, value in data.items():
            if isinstance(value, str):
                value = value.strip()
            if value not in ("", None, []):
                cleaned[name] = value
        return cleaned


def form_values(form: MultiDict[str, str], lists: tuple[str, ...] = ()) -> dict[str, Any]:
    """Plain dict from a posted form; the names in `lists` keep all their values."""
    values: dict[str, Any] = form.to_dict()
    for name in lists:
        values[name] = [item for item in form.getlist(name) if item.strip()]
    values.pop("csrf_token", None)
    return values


def text(max_length: int, *, required: bool = True, min_length: int = 1) -> fields.String:
    return fields.String(
        required=required,
        validate=validate.Length(
            min=min_length, max=max_length,
            error=f"طول این متن باید بین {persian_digits(min_length)} و "
                  f"{persian_digits(max_length)} نویسه باشد.",
        ),
        error_messages=BASIC_MESSAGES,
    )


def integer(minimum: int, maximum: int, *, required: bool = True) -> fields.Integer:
    return _FoldedInteger(
        required=required,
        strict=False,
        validate=validate.Range(
            min=minimum, max=maximum,
            error=f"عدد باید بین {persian_digits(minimum)} و {persian_digits(maximum)} باشد.",
        ),
        error_messages={**BASIC_MESSAGES, "invalid": "یک عدد وارد کنید."},
    )


def choice(enum: type[Enum], *, required: bool = True) -> fields.Enum:
    return fields.Enum(enum, by_value=True, required=required,
                       error_messages={**BASIC_MESSAGES, "unknown": INVALID_CHOICE})


def flag() -> fields.Boolean:
    return fields.Boolean(
        load_default=False,
        truthy={"1", "true", "on", "yes", "بله", "آری", True},
        falsy={"0", "false", "off", "no", "خیر", "نه", False},
        error_messages={"invalid": "بله یا خیر را انتخاب کنید."},
    )


class _FoldedInteger(fields.Integer):
    """Integers typed in Persian or Arabic-Indic digits are still integers."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, str):
            value = validation.fold_digits(value).strip()
        return super()._deserialize(value, attr, data, **kwargs)


class _Validated(fields.Field):
    """A field whose value goes through one of the pure validators."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", BASIC_MESSAGES)
        super().__init__(**kwargs)

    def check(self, value: Any) -> Any:
        raise NotImplementedError

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        try:
            return self.check(value)
        except InvalidValue as error:
            raise ValidationError(error.message) from None


class NationalId(_Validated):
    def check(self, value: Any) -> str:
        return validation.national_id(value)


class Mobile(_Validated):
    def check(self, value: Any) -> str:
        return validation.mobile(value)


class JalaliYear(_Validated):
    def __init__(self, *, earliest: int = 1300, latest: int | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.earliest, self.latest = earliest, latest

    def check(self, value: Any) -> int:
        return validation.jalali_year(value, earliest=self.earliest, latest=self.latest)


class JalaliDate(_Validated):
    def check(self, value: Any) -> date:
        if isinstance(value, date):
            return value
        return validation.jalali_date(value)


