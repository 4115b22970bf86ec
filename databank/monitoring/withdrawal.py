"""Withdrawing a job registered by mistake («پس گرفتن ثبت»): the wrong person, a mistyped
national ID, a duplicate. Until an inspector has checked it, the agency that registered it takes
it back itself, with a reason, instead of holding the person against every other agency until
someone rejects it.

A withdrawn record is stored as a rejected one (status `rejected`, the reason in
`rejection_reason`), so that every rule that leaves rejected records aside (the overlap rule,
the one-agency index, the dashboard's and home page's counts, `employed`) frees the person at
once, and the row stays for the audit trail. What tells it from an inspector's rejection is
that no inspector decided it: services.decide, the only other way to `rejected`, always stamps
`verified_by_id` and `verified_at`; a withdrawal leaves them empty. The audit entry
(`withdraw_job`) says who withdrew it and why."""

from __future__ import annotations

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db
from databank.errors import Conflict, InvalidInput, NotAllowed
from databank.matches.services import refresh_for_profile
from databank.monitoring.already_done import NOTHING_CHANGED
from databank.monitoring.models import MonitoringRecord, RecordStatus, withdrawn
from databank.monitoring.schemas import WITHDRAWAL_REASON
from databank.monitoring.services import own_record

VERIFIED = ("این اشتغال راستی‌آزمایی و تأیید شده است و اشتغال تأییدشده پس گرفته نمی‌شود. اگر "
            "ثبت آن نادرست بوده است، از بازرس بخواهید آن را با ذکر دلیل رد کند.")
REJECTED = ("این اشتغال در راستی‌آزمایی رد شده است (دلیل: «{reason}») و دیگر به حساب نمی‌آید؛ "
            "پس گرفتن آن لازم نیست.")
ALREADY = "این ثبت پیش‌تر پس گرفته شده است و دیگر به حساب نمی‌آید."
FROM_HIRE = ("این اشتغال از استخدامی آمده است که در بانک ثبت شده است و اینجا پس گرفته نمی‌شود. "
             "اگر آن استخدام نادرست است، از بازرس بخواهید این اشتغال را با ذکر دلیل رد کند؛ با "
             "رد آن، استخدام هم برگردانده می‌شود و دیگر شمرده نمی‌شود.")


def withdraw(actor: User, record_id: int, reason: str) -> MonitoringRecord:
    """The agency's officer (or the admin) takes back a job still awaiting verification. Another
    agency's record is not found (own_record). A verified one is the inspector's to reject: a
    check stands on it. Her untouched proposals, which the registration took out of the queue
    (services.register_job), come back as after a rejection."""
    if actor.role not in (Role.AGENCY_OFFICER, Role.ADMIN):
        raise NotAllowed()
    record = own_record(actor, record_id, lock=True)
    if record.status is RecordStatus.VERIFIED:
        raise Conflict(VERIFIED)
    if withdrawn(record):
        raise Conflict(ALREADY)
    if record.status is RecordStatus.REJECTED:
        raise Conflict(REJECTED.format(reason=record.rejection_reason))
    if record.placement_id is not None:
        raise Conflict(FROM_HIRE)
    if not (reason or "").strip():
        raise InvalidInput({"reason": [WITHDRAWAL_REASON]})
    record.status, record.rejection_reason = RecordStatus.REJECTED, reason.strip()
    db.session.flush()
    record_event(actor, "withdraw_job", "monitoring_record", record.id,
                 from_state=RecordStatus.REGISTERED.value, to_state="withdrawn",
                 reason=record.rejection_reason, agency=record.agency.name,
                 start_date=record.start_date.isoformat())
    if record.person.profile is not None:
        refresh_for_profile(record.person.profile)  # no longer employed: proposed again
    return record


def withdraw_once(actor: User, record_id: int, reason: str) -> MonitoringRecord | None:
    """withdraw, or None when the record was withdrawn already (the back button, a second tab):
    nothing is written or audited twice. The row is held first, as already_done does."""
    if actor.role not in (Role.AGENCY_OFFICER, Role.ADMIN):
        raise NotAllowed()
    if withdrawn(own_record(actor, record_id, lock=True)):
        return None
    return withdraw(actor, record_id, reason)


def withdrawn_message(name: str, record: MonitoringRecord) -> str:
    """A repeated withdrawal keeps the first reason: the message shows which one stands."""
    return (f"ثبت اشتغال «{name}» پیش‌تر پس گرفته شده بود (دلیل: «{record.rejection_reason}»)؛ "
            f"{NOTHING_CHANGED}")
