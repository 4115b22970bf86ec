"""Verifying the records an inspector ticked on the list: each one by the rule of a single
verification (services.decide), each in its own savepoint, so a record that may not be verified
(not started yet, decided meanwhile by a colleague) is named with its reason and the others
still are; one already verified (the form sent again) is named as done before, and left as
it is. Jobs are monitored daily; ticking a page beats twenty-five confirmations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from databank.accounts.models import Role, User
from databank.db import db
from databank.errors import DomainError, NotAllowed, NotFound
from databank.monitoring.models import RecordStatus
from databank.monitoring.services import decide, own_record


@dataclass
class BulkVerification:
    """The names verified, those verified before, and (name, reason) for each record left as
    it was."""

    verified: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def verify_selected(actor: User, record_ids: Iterable[int]) -> BulkVerification:
    """Verify each record in `record_ids` that `actor` may see and verify; the caller commits.
    A record she may not see is named as not found, never by its person's name."""
    if actor.role not in (Role.INSPECTOR, Role.ADMIN):
        raise NotAllowed()
    outcome = BulkVerification()
    for record_id in dict.fromkeys(record_ids):
        try:
            record = own_record(actor, record_id, lock=True)
        except NotFound:
            outcome.refused.append(("", "این سابقه پیدا نشد."))
            continue
        name = record.person.full_name
        if record.status is RecordStatus.VERIFIED:
            outcome.already.append(name)
            continue
        try:
            with db.session.begin_nested():
                decide(actor, record_id, True, source="list_selection")
        except DomainError as error:
            outcome.refused.append((name, error.message))
            continue
        outcome.verified.append(name)
    return outcome
