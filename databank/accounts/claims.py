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
MAX_REFUSED_CLAIMS = 5
CLAIM_PAUSE = timedelta(hours=1)
CLAIMS_PAUSED = ("برای این پرونده چند بار پیاپی اطلاعات نادرست وارد شده است؛ تا یک ساعت دیگر "
                 "ادعای آن از این فرم پذیرفته نمی‌شود. اگر این پرونده از آنِ شماست، با کارت ملی "
                 "یا مدارک واحد به دفتر کاریابی مراجعه کنید.")


def refuse_while_paused(entity: ClaimedRecord, entity_id: int, field: str) -> None:
    """Raise TooManyAttempts while the record's recent refused claims reach the limit."""
    since = utcnow() - CLAIM_PAUSE
    refused = db.session.scalar(
        select(func.count(AuditEntry.id)).where(
            AuditEntry.entity == entity.value, AuditEntry.entity_id == entity_id,
            AuditEntry.action == REFUSED, AuditEntry.at >= since))
    if (refused or 0) >= MAX_REFUSED_CLAIMS:
        raise TooManyAttempts(CLAIMS_PAUSED, field=field)


def refused_claim(message: str, field: str, actor: Any, entity: ClaimedRecord,
                  entity_id: int) -> Conflict:
    """The refusal of a claim whose proof was wrong: counted against the record once the
    request's own writes are rolled back (the claimant's new account among them)."""
    # her id read now: the rollback expires her row (or, for a new account, makes it vanish)
    claimant = SimpleNamespace(id=getattr(actor, "id", None))

    def count() -> None:
        record_event(claimant, "claim_refused", entity.value, entity_id)

    return Conflict(message, field=field, after_rollback=count)
