"""A decision or an end posted again once it already holds (the back button, a second tab, a
colleague who did the same a moment before): it was done, so the page says so as information,
and nothing is written or audited twice, as a proposal's repeated step (matches.review).
Anything else on a decided or ended record still goes to the service, which refuses it."""

from __future__ import annotations

from datetime import date

from databank.accounts.models import Role, User
from databank.errors import NotAllowed
from databank.jalali import format_date
from databank.monitoring.models import MonitoringRecord, RecordStatus, withdrawn
from databank.monitoring.services import Decision, decide, end_record, own_record

NOTHING_CHANGED = "چیزی تغییر نکرد."


def decide_once(actor: User, record_id: int, verified: bool,
                reason: str | None = None) -> Decision | None:
    """services.decide, or None when the record already carries this very decision. The row
    is held first, so that of two posts at the same moment the second sees the first's."""
    if actor.role not in (Role.INSPECTOR, Role.ADMIN):
        raise NotAllowed()
    record = own_record(actor, record_id, lock=True)
    if withdrawn(record):  # not an inspector's rejection: the service says whose it was
        return decide(actor, record_id, verified, reason)
    if record.status is (RecordStatus.VERIFIED if verified else RecordStatus.REJECTED):
        return None
    return decide(actor, record_id, verified, reason)


def end_once(actor: User, record_id: int, end_date: date) -> MonitoringRecord | None:
    """services.end_record, or None when this very end is already recorded; another day is
    still refused there, pointing to «اصلاح پایان»."""
    if actor.role not in (Role.AGENCY_OFFICER, Role.ADMIN):
        raise NotAllowed()
    record = own_record(actor, record_id, lock=True)
    if record.status is not RecordStatus.REJECTED and record.end_date == end_date:
        return None
    return end_record(actor, record_id, end_date)


def decided_message(name: str, record: MonitoringRecord) -> str:
    """A repeated rejection keeps the first reason: the message shows which one stands."""
    if record.status is RecordStatus.VERIFIED:
        return f"اشتغال «{name}» پیش‌تر تأیید شده بود؛ {NOTHING_CHANGED}"
    return (f"اشتغال «{name}» پیش‌تر رد شده بود (دلیل: «{record.rejection_reason}»)؛ "
            f"{NOTHING_CHANGED}")


def ended_message(name: str, record: MonitoringRecord) -> str:
    return (f"پایان اشتغال «{name}» پیش‌تر با همین تاریخ ({format_date(record.end_date)}) "
            f"ثبت شده بود؛ {NOTHING_CHANGED}")
