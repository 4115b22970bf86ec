"""The admin's search of the audit log: by kind of record, action, user and Solar Hijri days
(the days as Iran counts them, the log's times being UTC)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, or_, select

from databank.accounts.models import User
from databank.audit.models import AuditEntry
from databank.jalali import TEHRAN


def _utc(day: date) -> datetime:
    """The first moment of a Solar Hijri day in Iran, as the log stores times (naive UTC)."""
    return datetime.combine(day, time(), TEHRAN).astimezone(UTC).replace(tzinfo=None)


def filtered(filters: dict[str, Any]) -> Select[tuple[AuditEntry]]:
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if filters.get("entity"):
        query = query.where(AuditEntry.entity == filters["entity"])
    if filters.get("action"):
        query = query.where(AuditEntry.action == filters["action"])
    if actor := (filters.get("actor") or "").strip():
        users = select(User.id).where(or_(User.username.contains(actor, autoescape=True),
                                          User.display_name.contains(actor, autoescape=True)))
        query = query.where(AuditEntry.actor_id.in_(users))
    if filters.get("since"):
        query = query.where(AuditEntry.at >= _utc(filters["since"]))
    if filters.get("until"):
        query = query.where(AuditEntry.at < _utc(filters["until"] + timedelta(days=1)))
    return query
