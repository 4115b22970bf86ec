"""What an inspector's rejection of a hire's monitoring record undoes: the job was not real, so
the hire must stop counting wherever it counted. Its placement stays (the history of what the
office did), but no longer takes a position (vacancies.figures.standing); the proposal moves
to rejected, a vacancy that closed only because this hire filled it opens again, and the
graduate is proposed again. All in the inspector's transaction: the caller commits."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from databank.accounts.models import User
from databank.audit.models import AuditEntry
from databank.audit.services import record_event
from databank.db import db
from databank.jalali import persian_digits, today
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import employed, refresh_for_profile, refresh_for_vacancy
from databank.monitoring.models import MonitoringRecord, Placement
from databank.vacancies.figures import hires_of, hold
from databank.vacancies.models import Vacancy, VacancyStatus

REJECTED_HIRE = "اشتغال در راستی‌آزمایی رد شد: {reason}"


@dataclass(frozen=True)
class HireUndone:
    """What else the rejection changed, for the inspector's message."""

    vacancy_title: str | None
    proposal_returned: bool
    reopened_positions: int  # free positions of a vacancy opened again; 0 when none was
    proposed_again: bool  # she consents to be proposed and holds no other job

    @property
    def message(self) -> str:
        where = f"در «{self.vacancy_title}»" if self.vacancy_title else "از بانک"
        parts = [f"استخدام او {where} دیگر شمرده نمی‌شود"]
        if self.proposal_returned:
            parts.append(f"پیشنهاد آن به وضعیت «{ProposalStatus.REJECTED.label}» رفت")
        if self.reopened_positions:
            parts.append(f"این فرصت شغلی دوباره باز شد و "
                         f"{persian_digits(self.reopened_positions)} ظرفیت خالی دارد")
        again = " او دوباره به فرصت‌های شغلی پیشنهاد می‌شود." if self.proposed_again else ""
        return "؛ ".join(parts) + "." + again


def undo_hire(actor: User, record: MonitoringRecord) -> HireUndone | None:
    """Called once the record is rejected and flushed; None for a record that came from no
    hire (an agency registered it)."""
    placement = db.session.get(Placement, record.placement_id) if record.placement_id else None
    if placement is None:
        return None
    proposal = db.session.get(Proposal, placement.proposal_id) if placement.proposal_id \
        else None
    vacancy = db.session.get(Vacancy, placement.vacancy_id) if placement.vacancy_id else None
    returned = proposal is not None and _return_proposal(actor, proposal, record)
    reopened = _reopen_if_filled(vacancy) if vacancy is not None else 0
    if reopened:
        refresh_for_vacancy(vacancy)
    profile = proposal.profile if proposal is not None else record.person.profile
    if profile is not None:
        refresh_for_profile(profile)  # no longer employed: her proposals come back
    again = profile is not None and profile.consent and not db.session.scalar(
        select(employed(profile.person_id)))
    return HireUndone(vacancy.title if vacancy is not None else None, returned, reopened,
                      again)


def _return_proposal(actor: User, proposal: Proposal, record: MonitoringRecord) -> bool:
    """The hire is undone on the proposal too, with the inspector's reason, so that the office
    and the employer see why (a hired proposal has no other way out)."""
    if proposal.status is not ProposalStatus.HIRED:
        return False
    before = proposal.status
    proposal.status = ProposalStatus.REJECTED
    proposal.rejection_reason = REJECTED_HIRE.format(reason=record.rejection_reason)
    db.session.flush()
    record_event(actor, "hire_rejected", "proposal", proposal.id, from_state=before.value,
                 to_state=proposal.status.value, reason=proposal.rejection_reason)
    return True


def _reopen_if_filled(vacancy: Vacancy) -> int:
    """Open the vacancy again when the hire's position was what closed it: its last change of
    state was closing when filled (an employer or office who closed it by hand meant it), its
    deadline has not passed, and a position is free now. Returns the free positions (0: left
    as it was). The row is held first, as a hire holds it, so the count stays true."""
    if vacancy.status is not VacancyStatus.CLOSED:
        return 0
    hold(vacancy)
    if vacancy.status is not VacancyStatus.CLOSED or _last_change(vacancy) != "vacancy_filled":
        return 0
    if vacancy.deadline is not None and vacancy.deadline < today():
        return 0
    free = vacancy.positions - hires_of(vacancy)
    if free <= 0:
        return 0
    vacancy.status = VacancyStatus.OPEN
    db.session.flush()
    record_event(None, "vacancy_reopened", "vacancy", vacancy.id,
                 from_state=VacancyStatus.CLOSED.value, to_state=VacancyStatus.OPEN.value)
    return free


def _last_change(vacancy: Vacancy) -> str | None:
    """The action of the vacancy's latest audit entry that set its state (an edit of its text
    since does not count)."""
    return db.session.scalar(
        select(AuditEntry.action).where(AuditEntry.entity == "vacancy",
                                        AuditEntry.entity_id == vacancy.id,
                                        AuditEntry.to_state.is_not(None))
        .order_by(AuditEntry.id.desc()).limit(1))
