"""What an agency officer types to register a job, and what a hire, an ending, its correction
or an inspector's decision needs."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, post_load, validate, validates, validates_schema

from databank.jalali import current_year, days_from_today, persian_digits, within, year_start
from databank.organisations.schemas import (
    check_workshop_code,
    workshop_code_field,
    workshop_digits,
)
from databank.schemas import (
    BASIC_MESSAGES,
    FormSchema,
    GenderWord,
    JalaliDate,
    Mobile,
    NationalId,
    OrganisationName,
    PersonName,
    SectorWord,
    flag,
    integer,
)

NONE_TICKED = ("سابقه‌ای برای تأیید انتخاب نشده است؛ خانهٔ کنار سوابقی را که تأیید می‌کنید "
               "علامت بزنید.")
BULK_MOST = 100  # a page of the list holds 25 records; a form sending more was not made by it

# How far a job's dates may sit from today. A hire is recorded as soon as the contract is
# signed, so a start up to a month ahead is normal; further ahead is a typing slip (1410 for
# 1401). Agencies file late and a programme joining the bank brings its recent past, but no
# yearly commitment reaches more than five Solar Hijri years back. An end may be announced up
# to a month ahead (a notice period); the person stays held until that day comes.
JOB_START_DAYS_AHEAD = 30
JOB_START_YEARS_BACK = 5
JOB_END_DAYS_AHEAD = 30


def job_start(value: date) -> date:
    return within(value, earliest=year_start(current_year() - JOB_START_YEARS_BACK),
                  latest=days_from_today(JOB_START_DAYS_AHEAD),
                  too_early="تاریخ شروع به کار نمی‌تواند پیش از {earliest} باشد.",
                  too_late="تاریخ شروع به کار حداکثر یک ماه پس از امروز (تا {latest}) "
                           "می‌تواند باشد.")


def job_end(value: date) -> date:
    """Not before the start either, which the service checks: the schema does not know it."""
    return within(value, latest=days_from_today(JOB_END_DAYS_AHEAD),
                  too_late="تاریخ پایان اشتغال حداکثر یک ماه پس از امروز (تا {latest}) "
                           "می‌تواند باشد.")


class JobStartDate(JalaliDate):
    """A job's (or a hire's) first day, within the bounds above."""

    def check(self, value: Any) -> date:
        return job_start(super().check(value))


class JobEndDate(JalaliDate):
    def check(self, value: Any) -> date:
        return job_end(super().check(value))


class JobRecordSchema(FormSchema):
    """A job an agency's programme created, possibly outside the databank. `end_date` files a
    job that has already ended (late, or a programme's past), so that it holds her only for
    its own days; whether it falls after the start is the service's (create_record) check."""

    national_id = NationalId(required=True)
    first_name = PersonName(required=True)
    last_name = PersonName(required=True, label="نام خانوادگی")
    gender = GenderWord(required=True)
    mobile = Mobile(required=False)
    agency_id = integer(1, 2**31 - 1, required=False)
    unit_name = OrganisationName(required=False)
    workshop_code = workshop_code_field(required=False)
    new_unit = flag()  # the form's "this unit is new": no close name to ask about
    sector = SectorWord(required=True)
    start_date = JobStartDate(required=True)
    end_date = JobEndDate(required=False)

    @validates("workshop_code")
    def _workshop_code(self, value: str, **_kwargs: Any) -> None:
        check_workshop_code(value)

    @post_load
    def _ascii_workshop_code(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        """Stored as the unit forms store it: Latin digits, without a paper's dashes."""
        if "workshop_code" in data:
            data["workshop_code"] = workshop_digits(data["workshop_code"])
        return data


class HireSchema(FormSchema):
    start_date = JobStartDate(required=True)
    agency_id = integer(1, 2**31 - 1, required=False)


class EndSchema(FormSchema):
    end_date = JobEndDate(required=True)


class CorrectEndSchema(FormSchema):
    """A mistaken end set right: another day (after the start, which the service checks), or
    `clear` to take it back (the job goes on)."""

    end_date = JobEndDate(required=False)
    clear = flag()

    @validates_schema
    def _one_of_them(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if not data.get("clear") and data.get("end_date") is None:
            raise ValidationError({"end_date": [
                "تاریخ پایان درست را وارد کنید، یا اگر اشتغال ادامه دارد «برداشتن پایان» را "
                "بزنید."]})


REASON_LENGTH = 1000
DECISIONS = "تأیید یا رد را انتخاب کنید."


class DecisionSchema(FormSchema):
    """An inspector's verdict. The reason is a rejection's (the service requires it then); it
    is as long as other reasons may be (a proposal's, databank.schemas.text), with a message
    that names it: it is read in a notice above the list, away from the field."""

    verified = fields.Boolean(required=True, truthy={"1"}, falsy={"0"},
                              error_messages={"required": DECISIONS, "null": DECISIONS,
                                              "invalid": DECISIONS})
    reason = fields.String(
        required=False, metadata={"multiline": True}, error_messages=BASIC_MESSAGES,
        validate=validate.Length(max=REASON_LENGTH, error=(
            f"دلیل رد حداکثر {persian_digits(REASON_LENGTH)} نویسه می‌تواند باشد؛ کوتاه‌تر "
            "بنویسید.")))


class CommitmentSchema(FormSchema):
    agency_id = integer(1, 2**31 - 1)
    year = integer(1390, 1500)
    target = integer(0, 1_000_000)


class BulkVerifySchema(FormSchema):
    """The records ticked on the list (bulk_verify): at least one, at most a few pages'."""

    record_id = fields.List(
        integer(1, 2**31 - 1), required=True,
        validate=[validate.Length(min=1, error=NONE_TICKED), validate.Length(
            max=BULK_MOST, error=f"حداکثر {persian_digits(BULK_MOST)} سابقه را با هم انتخاب "
                                 "کنید.")],
        error_messages={**BASIC_MESSAGES, "required": NONE_TICKED})


WITHDRAWAL_REASON = ("بنویسید چرا این ثبت را پس می‌گیرید (مثلاً فرد اشتباه، کد ملی نادرست یا ثبت "
                     "تکراری).")


class WithdrawalSchema(FormSchema):
    """Why an agency takes back a job it registered by mistake (monitoring.withdrawal): required,
    and as long as a rejection's reason may be; the audit log keeps it."""

    reason = fields.String(
        required=True, metadata={"multiline": True},
        error_messages={**BASIC_MESSAGES, "required": WITHDRAWAL_REASON,
                        "null": WITHDRAWAL_REASON},
        validate=validate.Length(max=REASON_LENGTH, error=(
            f"دلیل پس گرفتن حداکثر {persian_digits(REASON_LENGTH)} نویسه می‌تواند باشد؛ "
            "کوتاه‌تر بنویسید.")))
