"""What describes a vacancy, for the employer's form and for a spreadsheet row."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import ValidationError, post_load, validates

from databank.jalali import days_from_today, today, within
from databank.schemas import (
    DegreeLevel,
    FormSchema,
    GenderPreference,
    JalaliDate,
    SectorWord,
    TextList,
    choice,
    integer,
    text,
)
from databank.vacancies.models import VacancyStatus
from databank.validation import InvalidValue, fold_digits

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


class VacancySchema(FormSchema):
    """`open_vacancy`: the vacancy is (or, when new, will be) open, so its deadline must not
    have passed. A paused or closed one may keep the deadline it had; reopening it checks the
    deadline again (services.set_status)."""

    ref = text(40, required=False)
    title = text(200)
    positions = integer(1, 1000, required=False)
    min_degree = DegreeLevel(required=False, load_default=None)
    fields = TextList(item_max=200)
    skills = TextList(item_max=80)
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
            deadline(value, open_vacancy=self.open_vacancy)
        except InvalidValue as error:
            raise ValidationError(error.message) from None


class VacancyImportSchema(VacancySchema):
    """A spreadsheet row also names the unit (created when it does not exist yet). Rows carry
    closed and expired vacancies too (an export read back must give the same bank), so a past
    deadline is kept as it was; only an impossible future one is refused."""

    ref = text(40)
    unit_name = text(200)
    industrial_estate = text(200, required=False)
    sector = SectorWord(required=False)
    # the unit's insurance workshop code: what its employer later proves the unit is hers with
    workshop_code = text(20, required=False)

    def __init__(self, *, open_vacancy: bool = False, **kwargs: Any) -> None:
        super().__init__(open_vacancy=open_vacancy, **kwargs)

    @post_load
    def _ascii_workshop_code(self, data: dict[str, Any], **_kwargs: object) -> dict[str, Any]:
        if data.get("workshop_code"):
            data["workshop_code"] = fold_digits(data["workshop_code"])
        return data


class StatusSchema(FormSchema):
    status = choice(VacancyStatus)
