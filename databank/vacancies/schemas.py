"""What describes a vacancy, for the employer's form and for a spreadsheet row."""

from __future__ import annotations

from databank.schemas import (
    DegreeLevel,
    FormSchema,
    GenderPreference,
    JalaliDate,
    SectorWord,
    TextList,
    integer,
    text,
)


class VacancySchema(FormSchema):
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


class VacancyImportSchema(VacancySchema):
    """A spreadsheet row also names the unit (created when it does not exist yet)."""

    ref = text(40)
    unit_name = text(200)
    industrial_estate = text(200, required=False)
    sector = SectorWord(required=False)
