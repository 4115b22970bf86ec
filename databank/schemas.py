"""Building blocks for the marshmallow schemas of every area: Persian messages, blank-as-missing,
and fields that wrap the pure validators."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate
from werkzeug.datastructures import MultiDict

from databank import validation
from databank.jalali import persian_digits
from databank.text import search_key
from databank.validation import InvalidValue

REQUIRED = "این بخش را پر کنید."
INVALID_CHOICE = "یکی از گزینه‌های فهرست را انتخاب کنید."
BASIC_MESSAGES = {"required": REQUIRED, "null": REQUIRED, "invalid": "مقدار واردشده درست نیست."}
MULTILINE_FROM = 1000


class FormSchema(Schema):
    """Base for input schemas: unknown keys are ignored and blank strings count as missing,
    so HTML forms, spreadsheet rows and JSON all load the same way.

    Every string is first cleaned by validation.visible_text: text made only of invisible
    characters (ZWNJ, direction marks, BOM, odd spaces) is blank, so a required field gets
    the usual message, and control characters never reach a validator or the database.
    Arabic keyboard letters (ي ك) become the Persian ones, so stored text reads alike
    wherever it was typed. Fields made by text(..., multiline=True) keep their line breaks
    and tabs. Passwords are only trimmed as before: they are hashed, never stored, and must
    keep matching what was set before this rule."""

    class Meta:
        unknown = EXCLUDE

    @pre_load
    def _drop_blanks(self, data: Any, **_kwargs: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        by_key = {field.data_key or name: field for name, field in self.load_fields.items()}
        cleaned: dict[str, Any] = {}
        for name, value in data.items():
            value = _cleaned(value, str(name), by_key.get(name))
            if value not in ("", None, []):
                cleaned[name] = value
        return cleaned


def _cleaned(value: Any, name: str, field: fields.Field | None) -> Any:
    if isinstance(value, list | tuple):
        items = (_cleaned(item, name, field) for item in value)
        return [item for item in items if item not in ("", None)]
    if not isinstance(value, str):
        return value
    if "password" in name:
        return value.strip()
    multiline = bool(field is not None and field.metadata.get("multiline"))
    return validation.persian_letters(validation.visible_text(value, multiline=multiline))


def form_values(form: MultiDict[str, str], lists: tuple[str, ...] = ()) -> dict[str, Any]:
    """Plain dict from a posted form; the names in `lists` keep all their values."""
    values: dict[str, Any] = form.to_dict()
    for name in lists:
        values[name] = [item for item in form.getlist(name) if item.strip()]
    values.pop("csrf_token", None)
    return values


def text(max_length: int, *, required: bool = True, min_length: int = 1,
         multiline: bool | None = None) -> fields.String:
    """A free-text field; long ones (a thousand characters or more: descriptions, reasons)
    are multi-line unless told otherwise, so their line breaks survive the cleaning."""
    if multiline is None:
        multiline = max_length >= MULTILINE_FROM
    return fields.String(
        required=required,
        metadata={"multiline": multiline},
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
            error=validation.range_message(minimum, maximum),
        ),
        error_messages={**BASIC_MESSAGES, "invalid": "یک عدد وارد کنید."},
    )


def choice(enum: type[Enum], *, required: bool = True) -> fields.Enum:
    return fields.Enum(enum, by_value=True, required=required,
                       error_messages={**BASIC_MESSAGES, "unknown": INVALID_CHOICE})


class _YesNo(fields.Boolean):
    """A tick box, or a yes/no cell of a spreadsheet: «خير» typed with an Arabic ي, «بله »
    with a stray space or «Yes» are still the answers they spell."""

    truthy = {"1", "true", "on", "yes", "بله", "اری", True}  # «آری» keys as «اری»
    falsy = {"0", "false", "off", "no", "خیر", "نه", False}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if isinstance(value, str):
            value = search_key(value)
        return super()._deserialize(value, attr, data, **kwargs)


def flag() -> fields.Boolean:
    return _YesNo(load_default=False,
                  error_messages={"invalid": "بله یا خیر را انتخاب کنید."})


_GROUPED = re.compile(r"\d{1,3}(?:[,\u066c\u060c]\d{3})+")


class _FoldedInteger(fields.Integer):
    """Integers typed in Persian or Arabic-Indic digits are still integers, and so are those
    written with thousands separators (1,000 or ۱٬۰۰۰, as a target of jobs is written); a
    separator out of place (1,5) is not one, and stays an error."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, str):
            value = validation.fold_digits(value).strip()
            if _GROUPED.fullmatch(value):
                value = re.sub(r"\D", "", value)
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


class PersonName(_Validated):
    """`label`: the field's name in its messages (a last name's say «نام خانوادگی»)."""

    def __init__(self, *, label: str = "نام", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.label = label

    def check(self, value: Any) -> str:
        return validation.person_name(value, self.label)


class DisplayName(_Validated):
    def check(self, value: Any) -> str:
        name = validation.display_name(value)
        if len(name) > 120:
            raise InvalidValue("نام حداکثر ۱۲۰ نویسه است.")
        return name


class OrganisationName(_Validated):
    """A unit's, agency's, office's, estate's or university's name: what every drop-down,
    list and export shows, so the display-name rule (no markup, no formula signs). Required
    unless said otherwise: a blank name (spaces too, dropped as blank) is the field's own
    message, never a missing key further on."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", True)
        super().__init__(**kwargs)

    def check(self, value: Any) -> str:
        name = validation.display_name(value)
        if len(name) > 200:
            raise InvalidValue("نام حداکثر ۲۰۰ نویسه است.")
        return name


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


LIST_MAX_ITEMS = 30


class TextList(fields.Field):
    """A list typed as one string ('a، b; c', or one item per line) or sent as a list; blanks
    (invisible-only items among them) and repeats dropped."""

    kind: str | None = None  # what the items are, «skill» or «field»: see matching.split_list

    def __init__(self, *, item_max: int = 100, kind: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("load_default", list)
        kwargs.setdefault("error_messages", BASIC_MESSAGES)
        # a spreadsheet cell lists items on lines of their own (Alt+Enter): keep the breaks
        # that separate them until the list is split
        kwargs["metadata"] = {**kwargs.get("metadata", {}), "multiline": True}
        super().__init__(**kwargs)
        self.item_max = item_max
        self.kind = kind or self.kind

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[str]:
        from matching import key, split_list

        # «اکسل و ورد», «برق/الکترونیک»: two items when each part is a known skill or field
        raw = value if isinstance(value, list | tuple) else split_list(str(value), self.kind)
        items, seen = [], set()
        for item in (" ".join(validation.visible_text(str(part)).split()) for part in raw):
            if item and key(item) not in seen:
                seen.add(key(item))
                items.append(item)
        if any(len(item) > self.item_max for item in items):
            raise ValidationError(f"هر مورد حداکثر {persian_digits(self.item_max)} نویسه.")
        if len(items) > LIST_MAX_ITEMS:
            raise ValidationError(f"حداکثر {persian_digits(LIST_MAX_ITEMS)} مورد.")
        return items


class SkillList(TextList):
    """Skills, of which one written in two scripts or spellings («اکسل، Excel», «اتوکد،
    AutoCAD») is one skill: an item that is an exact spelling of a skill already listed is
    dropped, the first kept as typed. A fuzzy likeness merges nothing: two skills may look
    alike and differ."""

    kind = "skill"

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[str]:
        from matching import map_skill

        items, seen = [], set()
        for item in super()._deserialize(value, attr, data, **kwargs):
            found = map_skill(item)
            code = found.code if found is not None and found.confidence >= 1.0 else None
            if code is None or code not in seen:
                items.append(item)
                seen.add(code)
        return items


class Words(fields.Field):
    """A closed choice that people write in several ways (Persian, English, colloquial)."""

    words: dict[str, Any] = {}
    message = INVALID_CHOICE

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", BASIC_MESSAGES)
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        from matching import key

        word = key(str(value.value if isinstance(value, Enum) else value))
        if word not in self.words:
            raise ValidationError(self.message)
        return self.words[word]


def keyed(words: dict[str, Any]) -> dict[str, Any]:
    from matching import key

    return {key(word): meaning for word, meaning in words.items()}


class GenderWord(Words):
    message = "جنسیت را «زن» یا «مرد» وارد کنید."

    def __init__(self, **kwargs: Any) -> None:
        from databank.vocabulary import Gender

        super().__init__(**kwargs)
        self.words = keyed({
            "female": Gender.FEMALE, "f": Gender.FEMALE, "زن": Gender.FEMALE,
            "خانم": Gender.FEMALE, "مونث": Gender.FEMALE, "مؤنث": Gender.FEMALE,
            "male": Gender.MALE, "m": Gender.MALE, "مرد": Gender.MALE, "آقا": Gender.MALE,
            "مذکر": Gender.MALE,
        })


class GenderPreference(GenderWord):
    """A vacancy's preference: a gender, or none («فرقی ندارد», any, or left empty)."""

    message = "جنسیت را «زن»، «مرد» یا «فرقی ندارد» وارد کنید."

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("load_default", None)
        super().__init__(**kwargs)
        self.words.update(keyed({"any": None, "فرقی ندارد": None, "هر دو": None,
                                  "none": None, "بدون ترجیح": None}))


class SectorWord(Words):
    message = "بخش را «صنعت»، «خدمات» یا «کشاورزی» وارد کنید."

    def __init__(self, **kwargs: Any) -> None:
        from databank.vocabulary import Sector

        super().__init__(**kwargs)
        self.words = keyed({
            "industry": Sector.INDUSTRY, "صنعت": Sector.INDUSTRY, "صنعتی": Sector.INDUSTRY,
            "services": Sector.SERVICES, "خدمات": Sector.SERVICES, "خدماتی": Sector.SERVICES,
            "agriculture": Sector.AGRICULTURE, "کشاورزی": Sector.AGRICULTURE,
        })


class DegreeLevel(fields.Field):
    """A degree level 0..5, from its number or any common way to write it (matching lexicon)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", BASIC_MESSAGES)
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        from matching import degree_level

        text_value = validation.fold_digits(str(value)).strip()
        if text_value.isascii() and text_value.isdigit() and int(text_value) in range(6):
            return int(text_value)
        level = degree_level(text_value)
        if level is None:
            raise ValidationError("مقطع تحصیلی شناخته نشد؛ مثلاً «دیپلم»، «کاردانی»، "
                                  "«کارشناسی»، «کارشناسی ارشد» یا «دکتری» بنویسید.")
        return level
