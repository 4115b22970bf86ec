"""What describes a vacancy, for the employer's form and for a spreadsheet row."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, post_load, validate, validates

from databank.jalali import days_from_today, today, within
from databank.organisations.schemas import check_workshop_code, workshop_digits
from databank.schemas import (
    BASIC_MESSAGES,
    INVALID_CHOICE,
    DegreeLevel,
    FormSchema,
    GenderPreference,
    JalaliDate,
    OrganisationName,
    SectorWord,
    SkillList,
    TextList,
    Words,
    choice,
    flag,
    integer,
    keyed,
    text,
)
from databank.vacancies.county import STATES
from databank.vacancies.models import VacancyStatus, in_capitals
from databank.validation import InvalidValue, whole_number

# A deadline more than a year ahead is a typing slip (1415 for 1405): units post for the
# coming months and repost when they need more.
DEADLINE_DAYS_AHEAD = 365


def deadline(value: date, *, open_vacancy: bool = True) -> date:
    """An open vacancy's deadline has not passed (today is its last day, so still fine)."""
    return within(value, earliest=today() if open_vacancy else None,
                  latest=days_from_today(DEADLINE_DAYS_AHEAD),
                  too_early="مهلت فرصت شغلی باز نمی‌تواند گذشته باشد؛ امروز ({earliest}) یا "
                            "پس از آن را وارد کنید.",
                  too_late="مهلت فرصت شغلی حداکثر یک سال بعد (تا {latest}) می‌تواند باشد.")


class VacancyCode(fields.String):
    """A vacancy's code in capitals, as it is stored: a row's «v-12» is the bank's V-12, and two
    rows of one file that differ only in case are one vacancy. Its digits stay as typed, for a
    message to quote; they are folded where the code is stored (models.vacancy_code)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return in_capitals(super()._deserialize(value, attr, data, **kwargs))


class WorkshopCell(fields.String):
    """A workshop code as a spreadsheet may hand it over: the number 5100037.0 is 5100037."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return whole_number(super()._deserialize(value, attr, data, **kwargs))


def code(*, required: bool) -> VacancyCode:
    return VacancyCode(required=required, validate=text(40).validators,
                       error_messages=BASIC_MESSAGES)


class VacancySchema(FormSchema):
    """`open_vacancy`: the vacancy is (or, when new, will be) open, so its deadline must not
    have passed. A paused or closed one may keep the deadline it had; reopening it checks the
    deadline again (services.set_status)."""

    ref = code(required=False)
    title = text(200)
    positions = integer(1, 1000, required=False)
    min_degree = DegreeLevel(required=False, load_default=None)
    fields = TextList(item_max=200, kind="field")
    skills = SkillList(item_max=80)
    gender = GenderPreference(required=False)
    deadline = JalaliDate(required=False)
    description = text(4000, required=False)
    city = text(80, required=False)

    def __init__(self, *, open_vacancy: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.open_vacancy = open_vacancy

    @validates("deadline")
    def _deadline(self, value: date, **_kwargs: Any) -> None:
        try:
            deadline(value, open_vacancy=self._lies_ahead(value))
        except InvalidValue as error:
            raise ValidationError(error.message) from None

    def _lies_ahead(self, _value: date) -> bool:
        """Whether this deadline must be today or later."""
        return self.open_vacancy


class NewVacancySchema(VacancySchema):
    """The employer's new-vacancy form: it may say that a title like that of a vacancy her
    unit has open is another vacancy (services.post_vacancy asks first)."""

    title_checked = flag()


# What a cleared field of the edit form stores: nothing.
CLEARABLE = ("min_degree", "gender", "deadline", "description", "city")


class VacancyEditSchema(VacancySchema):
    """The employer's edit form posts every field, so a field she left blank is one she
    cleared: it loads as empty and clears what is stored (a spreadsheet's blank cell, by
    contrast, leaves the bank's value as it was: imports.services._load). Positions cannot be
    cleared, only changed. A paused or closed vacancy keeps the deadline it had
    (`stored_deadline`), even a past one; a deadline it is given anew lies ahead, as an open
    vacancy's does, since reopening it would need one."""

    positions = integer(1, 1000)
    title_checked = flag()  # a new title like another vacancy's in play: another vacancy

    def __init__(self, *, open_vacancy: bool = True, stored_deadline: date | None = None,
                 **kwargs: Any) -> None:
        super().__init__(open_vacancy=open_vacancy, **kwargs)
        self.stored_deadline = stored_deadline

    def _lies_ahead(self, value: date) -> bool:
        return self.open_vacancy or value != self.stored_deadline

    @post_load
    def _cleared(self, data: dict[str, Any], **_kwargs: object) -> dict[str, Any]:
        for name in CLEARABLE:
            data.setdefault(name, None)
        return data


class VacancyStatusWord(Words):
    """A vacancy's state as an export writes it («باز»، «متوقف»، «بسته») or as people write it."""

    message = "وضعیت را «باز»، «متوقف» یا «بسته» وارد کنید."

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.words = keyed({
            "open": VacancyStatus.OPEN, "باز": VacancyStatus.OPEN, "فعال": VacancyStatus.OPEN,
            "paused": VacancyStatus.PAUSED, "متوقف": VacancyStatus.PAUSED,
            "موقتا متوقف": VacancyStatus.PAUSED, "معلق": VacancyStatus.PAUSED,
            "closed": VacancyStatus.CLOSED, "بسته": VacancyStatus.CLOSED,
            "بسته شده": VacancyStatus.CLOSED, "غیرفعال": VacancyStatus.CLOSED,
        })


class VacancyImportSchema(VacancySchema):
    """A spreadsheet row also names the unit (created when it does not exist yet). Rows carry
    closed and expired vacancies too (an export read back must give the same bank), so a past
    deadline is kept as it was; only an impossible future one is refused."""

    ref = code(required=True)
    unit_name = OrganisationName()
    industrial_estate = text(200, required=False)
    sector = SectorWord(required=False)
    # the unit's insurance workshop code: what its employer later proves the unit is hers with
    workshop_code = WorkshopCell(required=False, error_messages=BASIC_MESSAGES)
    # blank: a new vacancy opens, a stored one keeps its state (imports.services)
    status = VacancyStatusWord(required=False)

    def __init__(self, *, open_vacancy: bool = False, **kwargs: Any) -> None:
        super().__init__(open_vacancy=open_vacancy, **kwargs)

    @validates("workshop_code")
    def _workshop_code(self, value: str, **_kwargs: object) -> None:
        check_workshop_code(value)  # the unit forms' rule: the code proves whose unit it is

    @post_load
    def _ascii_workshop_code(self, data: dict[str, Any], **_kwargs: object) -> dict[str, Any]:
        if data.get("workshop_code"):
            data["workshop_code"] = workshop_digits(data["workshop_code"])
        return data


class StatusSchema(FormSchema):
    status = choice(VacancyStatus)
    # reopening a closed vacancy while another of its title is in play, said on the list
    title_checked = flag()


class CountyFilterSchema(FormSchema):
    """The filters of the county's vacancy list (vacancies.county)."""

    title = text(200, required=False)
    unit = integer(1, 2**31 - 1, required=False)
    estate = integer(1, 2**31 - 1, required=False)
    state = fields.String(required=False, validate=validate.OneOf(tuple(STATES),
                                                                  error=INVALID_CHOICE),
                          error_messages=BASIC_MESSAGES)
