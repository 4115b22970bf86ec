"""The admin's view of the audit log: who did what to which record, when, and why; found by
kind of record, action, user and Solar Hijri days."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from sqlalchemy import select

from databank.accounts.access import role_required
from databank.accounts.models import Role, User
from databank.audit.details import details_text
from databank.audit.labels import (
    ACTION_LABELS,
    ENTITY_LABELS,
    action_label,
    entity_label,
    state_label,
)
from databank.audit.models import AuditEntry
from databank.audit.schemas import AuditFilterSchema
from databank.audit.search import filtered
from databank.audit.subjects import subject_names
from databank.collation import in_persian_order
from databank.db import db, paginate
from databank.forms import load_filters, status_for

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")


# Who acted when no account did: a visitor's refused claim at registration, else the system
# (a command-line import, a scheduled run).
ANONYMOUS = {"claim_refused": "ناشناس (فرم ثبت‌نام)", "login_failed": "ناشناس (فرم ورود)"}


def entry_row(entry: AuditEntry, actor: str | None, subject: str | None = None
              ) -> dict[str, Any]:
    """The log stores English identifiers; the admin reads them in Persian, and each record
    by its name (its number only when it is gone)."""
    actor = actor or ANONYMOUS.get(entry.action, "سامانه")
    return {"at": entry.at, "actor": actor, "action": action_label(entry.action),
            "entity": entity_label(entry.entity), "subject": subject or "",
            "entity_id": entry.entity_id, "from": state_label(entry.from_state),
            "to": state_label(entry.to_state), "reason": entry.reason or "",
            "details": details_text(entry.details)}


@bp.get("")
@role_required(Role.ADMIN)
def index() -> tuple[str, int]:
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    filters, errors = load_filters(AuditFilterSchema(), args, {
        "entity": "نوع مورد", "action": "کار", "actor": "کاربر", "since": "از روز",
        "until": "تا روز"})
    if filters.get("since") and filters.get("until") and filters["since"] > filters["until"]:
        errors = {**errors, "until": ["تا روز: روز پایان پیش از روز آغاز است؛ جای دو روز را "
                                      "عوض کنید."]}
    page = paginate(filtered(filters), per_page=50)
    actor_ids = {entry.actor_id for entry in page.items if entry.actor_id}
    actors = dict(db.session.execute(select(User.id, User.display_name)
                                     .where(User.id.in_(actor_ids))).tuples().all())
    subjects = subject_names(page.items)
    rows = [entry_row(entry, actors.get(entry.actor_id),
                      subjects.get((entry.entity, entry.entity_id)))
            for entry in page.items]
    return render_template(
        "audit/index.html", rows=rows, page=page, args=args, errors=errors,
        values=request.args.to_dict(), entity=filters.get("entity", ""),
        entity_options=list(ENTITY_LABELS.items()),
        action_options=in_persian_order(ACTION_LABELS.items(), lambda item: item[1])), \
        status_for(errors)
