"""Writing to the audit log; every service that changes something that matters calls this."""

from __future__ import annotations

from typing import Any

from databank.audit.models import AuditEntry
from databank.db import db


def record_event(actor: Any, action: str, entity: str, entity_id: int | None, *,
                 from_state: str | None = None, to_state: str | None = None,
                 reason: str | None = None, **details: Any) -> AuditEntry:
    entry = AuditEntry(actor_id=getattr(actor, "id", None), action=action, entity=entity,
                       entity_id=entity_id, from_state=from_state, to_state=to_state,
                       reason=reason, details=details)
    db.session.add(entry)
    return entry
