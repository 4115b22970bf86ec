"""Claims on records the bank already holds: a person's, proven by the mobile stored on it, and
a unit's, proven by its insurance workshop code. Both proofs are short numbers a stranger could
try one after another, so a record whose proof was refused too often lately takes no claim from
the forms for a while. The count is per record, not per account or address: whoever guesses,
from however many accounts, is slowed alike. The refusals are read from the audit log, which
keeps them anyway for the admin to see."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, select

from databank.audit.models import AuditEntry
from databank.audit.services import record_event
from databank.db import db, utcnow
from databank.errors import Conflict, TooManyAttempts


class ClaimedRecord(StrEnum):
    """What can be claimed, as the audit log names it."""

    PERSON = "person"
    UNIT = "unit"


REFUSED = "claim_refused"  # the audit action counted (record_event writes it literally)
# What an office does that settles a record's claims: the refusals before it no longer count.
SETTLED_BY = {ClaimedRecord.PERSON: ("record_mobile",),
              ClaimedRecord.UNIT: ("link_employer", "release_unit")}
MAX_REFUSED_CLAIMS = 5
CLAIM_PAUSE = timedelta(hours=1)
_PAUSED = "برای این پرونده چند بار پیاپی اطلاعات نادرست وارد شده است و تا یک ساعت دیگر "
CLAIMS_PAUSED = {
    ClaimedRecord.PERSON: _PAUSED + (
        "ثبت‌نام با این کد ملی پذیرفته نمی‌شود. اگر این پرونده از آنِ شماست، با کارت ملی به "
        "دفتر کاریابی مراجعه کنید؛ دفتر شمارهٔ همراه شما را ثبت می‌کند و پس از آن بی‌درنگ "
        "می‌توانید ثبت‌نام کنید."),
    ClaimedRecord.UNIT: _PAUSED + (
        "ادعای این واحد با کد کارگاه پذیرفته نمی‌شود. اگر این واحد از آنِ شماست، از دفتر "
        "کاریابی بخواهید حساب شما را به آن پیوند دهد."),
}


def refuse_while_paused(entity: ClaimedRecord, entity_id: int) -> None:
    """Raise TooManyAttempts while the record's refused claims of the last hour, since an
    office last settled it, reach the limit. The message stands above the form: it is about
    the record, not about what was typed."""
    about = (AuditEntry.entity == entity.value, AuditEntry.entity_id == entity_id)
    settled = select(func.max(AuditEntry.id)).where(
        *about, AuditEntry.action.in_(SETTLED_BY[entity])).scalar_subquery()
    refused = db.session.scalar(
        select(func.count(AuditEntry.id)).where(
            *about, AuditEntry.action == REFUSED, AuditEntry.at >= utcnow() - CLAIM_PAUSE,
            AuditEntry.id > func.coalesce(settled, 0)))
    if (refused or 0) >= MAX_REFUSED_CLAIMS:
        raise TooManyAttempts(CLAIMS_PAUSED[entity])


def refused_claim(message: str, field: str, actor: Any, entity: ClaimedRecord,
                  entity_id: int) -> Conflict:
    """The refusal of a claim whose proof was wrong: counted against the record once the
    request's own writes are rolled back (the claimant's new account among them)."""
    # her id read now: the rollback expires her row (or, for a new account, makes it vanish)
    claimant = SimpleNamespace(id=getattr(actor, "id", None))

    def count() -> None:
        record_event(claimant, "claim_refused", entity.value, entity_id)

    return Conflict(message, field=field, after_rollback=count)
