"""What an agency officer types to register a job, and what a hire or an ending needs."""

from __future__ import annotations

from databank.schemas import (
    FormSchema,
    GenderWord,
    JalaliDate,
    Mobile,
    NationalId,
    SectorWord,
    integer,
    text,
)


class JobRecordSchema(FormSchema):
    """A job an agency's programme created, possibly outside the databank."""

    national_id = NationalId(required=True)
    first_name = text(80)
    last_name = text(80)
    gender = GenderWord(required=True)
    mobile = Mobile(required=False)
    agency_id = integer(1, 2**31 - 1, required=False)
    unit_name = text(200, required=False)
    workshop_code = text(20, required=False)
    sector = SectorWord(required=True)
    start_date = JalaliDate(required=True)


class HireSchema(FormSchema):
    start_date = JalaliDate(required=True)
    agency_id = integer(1, 2**31 - 1, required=False)


class EndSchema(FormSchema):
    end_date = JalaliDate(required=True)


class CommitmentSchema(FormSchema):
    agency_id = integer(1, 2**31 - 1)
    year = integer(1390, 1500)
    target = integer(0, 1_000_000)
