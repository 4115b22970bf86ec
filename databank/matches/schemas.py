"""What a reviewer sends: the queue's filters, and a move with its reason or hire details."""

from __future__ import annotations

from marshmallow import fields, validate

from databank.matches.models import ProposalStatus
from databank.monitoring.schemas import JobStartDate
from databank.schemas import BASIC_MESSAGES, INVALID_CHOICE, FormSchema, choice, integer, text

# Who holds a proposal: the officer's own office, no office yet, another office, or one she
# may act on (no office yet, or her own).
HELD_BY = ("mine", "free", "others", "workable")
# A status filter beyond the statuses themselves: every step before a hire or a rejection.
IN_PLAY = "in_play"


class QueueFilterSchema(FormSchema):
    vacancy = text(40, required=False)
    unit = integer(1, 2**31 - 1, required=False)
    estate = integer(1, 2**31 - 1, required=False)
    field = text(200, required=False)
    city = text(80, required=False)
    min_score = integer(0, 100, required=False)
    status = fields.String(required=False, error_messages=BASIC_MESSAGES, validate=validate.OneOf(
        [*ProposalStatus, IN_PLAY], error=INVALID_CHOICE))
    held = fields.String(required=False, validate=validate.OneOf(HELD_BY, error=INVALID_CHOICE),
                         error_messages=BASIC_MESSAGES)


INTEREST_VALUES = ("درخواست علاقه‌مندی درست نبود: فقط «علاقه‌مندم» یا «انصراف» پذیرفته می‌شود؛ "
                   "چیزی تغییر نکرد.")


class InterestSchema(FormSchema):
    """The interest buttons post "1" (say it) or "0" (take it back); nothing else means
    either, so nothing else is guessed at."""

    interested = fields.Boolean(required=True, truthy={"1"}, falsy={"0"},
                                error_messages={"required": INTEREST_VALUES,
                                                "null": INTEREST_VALUES,
                                                "invalid": INTEREST_VALUES})


class MoveSchema(FormSchema):
    to = choice(ProposalStatus)
    reason = text(1000, required=False)
    start_date = JobStartDate(required=False)  # a hire's first day: a job's bounds
    agency_id = integer(1, 2**31 - 1, required=False)
    note = fields.String(required=False, error_messages=BASIC_MESSAGES)
