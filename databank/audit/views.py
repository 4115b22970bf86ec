"""The admin's view of the audit log: who did what to which record, when, and why."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from sqlalchemy import select

from databank.accounts.access import role_required
from databank.accounts.models import Role, User
from databank.audit.details import details_text
from databank.audit.labels import ENTITY_LABELS, action_label, entity_label, state_label
from databank.audit.models import AuditEntry
from databank.db import db, paginate

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")


# Who acted when no account did: a visitor's refused claim at registration, else the system
# (a command-line import, a scheduled run).
ANONYMOUS = {"claim_refused": "ناشناس (فرم ثبت‌نام)"}


def entry_row(entry: AuditEntry, actor: str | None) -> dict[str, Any]:
    """The log stores English identifiers; the admin reads them in Persian."""
    actor = actor or ANONYMOUS.get(entry.action, "سامانه")
    return {"at": entry.at, "actor": actor, "action": action_label(entry.action),
            "entity": entity_label(entry.entity),
            "entity_id": entry.entity_id, "from": state_label(entry.from_state),
            "to": state_label(entry.to_state), "reason": entry.reason or "",
            "details": details_text(entry.details)}


@bp.get("")
@role_required(Role.ADMIN)
def index() -> str:
    entity = request.args.get("entity", "")
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if entity in ENTITY_LABELS:
        query = query.where(AuditEntry.entity == entity)
    page = paginate(query, per_page=50)
    actor_ids = {entry.actor_id for entry in page.items if entry.actor_id}
    actors = dict(db.session.execute(select(User.id, User.display_name)
                                     .where(User.id.in_(actor_ids))).tuples().all())
    rows = [entry_row(entry, actors.get(entry.actor_id)) for entry in page.items]
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("audit/index.html", rows=rows, page=page, args=args, entity=entity,
                           entity_options=list(ENTITY_LABELS.items()))
