"""Graduates and employers see their own proposals and say they are interested; each sees only
what is theirs, and an employer sees a graduate's contact details only after an introduction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db
from databank.errors import Conflict, NotFound
from databank.jalali import format_date, persian_digits, today
from databank.matches.models import Proposal, ProposalStatus
from databank.people.models import GraduateProfile
from databank.vacancies.models import Vacancy, VacancyStatus
from databank.vocabulary import DEGREE_LABELS

INTRODUCED = (ProposalStatus.INTRODUCED, ProposalStatus.INTERVIEWED, ProposalStatus.HIRED)


def own_proposal(actor: User, proposal_id: int) -> Proposal:
    """A proposal the actor may see: her own profile's, or her unit's vacancy's; else 404."""
    query = select(Proposal).where(Proposal.id == proposal_id)
    if actor.role is Role.GRADUATE:
        query = query.join(GraduateProfile).where(GraduateProfile.person_id == actor.person_id)
    elif actor.role is Role.EMPLOYER:  # a graduate who withdrew consent, unless hired, is gone
        query = query.join(Vacancy).join(GraduateProfile).where(
            Vacancy.unit_id == actor.unit_id,
            or_(GraduateProfile.consent.is_(True), Proposal.status == ProposalStatus.HIRED))
    else:
        raise NotFound()
    proposal = db.session.scalar(query) if (actor.person_id or actor.unit_id) else None
    if proposal is None:
        raise NotFound()
    return proposal


# Interest is a signal to the placement office about whom to introduce: it is said, or taken
# back, only until the office introduces her. After that (and after a hire or a rejection) the
# office and the employer act on the proposal itself, and a flag would change nothing.
S = ProposalStatus
OPEN_TO_INTEREST = (S.PROPOSED, S.SHORTLISTED)
CLOSED_TO_INTEREST = {
    S.INTRODUCED: "معرفی به کارفرما انجام شده است؛ از این پس دفتر کاریابی کار را دنبال می‌کند "
                  "و علاقه‌مندی دیگر ثبت یا برداشته نمی‌شود.",
    S.INTERVIEWED: "مصاحبه انجام شده است؛ از این پس دفتر کاریابی کار را دنبال می‌کند و "
                   "علاقه‌مندی دیگر ثبت یا برداشته نمی‌شود.",
    S.HIRED: "این پیشنهاد به استخدام رسیده است؛ علاقه‌مندی دیگر ثبت یا برداشته نمی‌شود.",
    S.REJECTED: "این پیشنهاد رد شده است؛ علاقه‌مندی به آن دیگر ثبت یا برداشته نمی‌شود.",
}
GIVE_CONSENT_FIRST = ("برای اعلام علاقه، نخست در پروفایل خود اجازهٔ نمایش به کارفرمایان را "
                      "بدهید.")
CONSENT_WITHDRAWN = "این دانش‌آموخته اجازهٔ نمایش به کارفرمایان را پس گرفته است."
# A paused or closed vacancy is recruiting nobody: new interest would only wait on it.
VACANCY_NOT_OPEN = ("این فرصت شغلی اکنون «{status}» است و علاقه‌مندی تازه برای آن ثبت نمی‌شود؛ "
                    "علاقه‌مندی پیشین را می‌توان برداشت.")
# Nor is one past its deadline (the employer's list marks it «گذشته»), although still open.
DEADLINE_PASSED = ("مهلت این فرصت شغلی ({deadline}) گذشته است و علاقه‌مندی تازه برای آن ثبت "
                   "نمی‌شود؛ علاقه‌مندی پیشین را می‌توان برداشت.")


def interest_refusal(role: Role, proposal: Proposal, interested: bool) -> str | None:
    """Why `role` may not say (`interested`) or take back its interest now, or None. Taking
    it back needs no consent: withdrawing her consent is no reason to keep a signal up."""
    if proposal.status not in OPEN_TO_INTEREST:
        return CLOSED_TO_INTEREST[proposal.status]
    if interested and proposal.vacancy.status is not VacancyStatus.OPEN:
        return VACANCY_NOT_OPEN.format(status=proposal.vacancy.status.label)
    if interested and past_deadline(proposal.vacancy):
        return DEADLINE_PASSED.format(deadline=format_date(proposal.vacancy.deadline))
    if interested and not proposal.profile.consent:
        return CONSENT_WITHDRAWN if role is Role.EMPLOYER else GIVE_CONSENT_FIRST
    return None


def past_deadline(vacancy: Vacancy) -> bool:
    """Its last day is over (the deadline itself is still a day to apply, as for posting)."""
    return vacancy.deadline is not None and vacancy.deadline < today()


def interest_action(role: Role, proposal: Proposal) -> str | None:
    """The one interest button a page shows for this proposal ('say' or 'take_back'), or
    None: the same rule mark_interest enforces, so no page offers what the server refuses."""
    interested = proposal.employer_interested if role is Role.EMPLOYER \
        else proposal.graduate_interested
    if interest_refusal(role, proposal, not interested) is not None:
        return None
    return "take_back" if interested else "say"


def mark_interest(actor: User, proposal_id: int, interested: bool = True) -> bool:
    """Interest is said only while the graduate consents to be shown (an employer never
    reaches her otherwise, and she gives her consent back first) and only until the office
    introduces her (interest_refusal); a refusal says why, in Persian. Whether anything
    changed: interest said again, or taken back when it was never said, changes nothing and
    leaves no audit entry."""
    proposal = own_proposal(actor, proposal_id)
    refusal = interest_refusal(actor.role, proposal, interested)
    if refusal is not None:
        raise Conflict(refusal)
    flag = "graduate_interested" if actor.role is Role.GRADUATE else "employer_interested"
    if getattr(proposal, flag) is interested:
        return False
    setattr(proposal, flag, interested)
    db.session.flush()
    record_event(actor, "interest" if interested else "no_interest", "proposal", proposal.id,
                 to_state=flag)
    return True


def for_graduate(proposal: Proposal) -> dict[str, Any]:
    vacancy = proposal.vacancy
    unit = vacancy.unit
    return {
        "id": proposal.id, "score": proposal.score, "reasons": proposal.reasons,
        "status": proposal.status.label, "interested": proposal.graduate_interested,
        "interest": interest_action(Role.GRADUATE, proposal),
        "interest_note": _note(proposal),
        "title": vacancy.title, "description": vacancy.description or "", "unit": unit.name,
        "estate": unit.estate.name if unit.estate else "", "city": vacancy.city or "",
        "positions": vacancy.positions, "deadline": vacancy.deadline,
        "expired": past_deadline(vacancy),
        "min_degree": DEGREE_LABELS.get(vacancy.min_degree, "") if vacancy.min_degree is not None
        else "",
    }


def for_employer(proposal: Proposal) -> dict[str, Any]:
    """A candidate as the employer sees her: contact details only once introduced. Until then
    she is called by her place in the vacancy's list (the rank the page shows beside her), which
    means something to the employer, not by the proposal's id, which is internal."""
    profile = proposal.profile
    person = profile.person
    introduced = proposal.status in INTRODUCED
    return {
        "id": proposal.id, "rank": proposal.rank, "score": proposal.score,
        "reasons": proposal.reasons, "status": proposal.status.label,
        "interested": proposal.employer_interested,
        "interest": interest_action(Role.EMPLOYER, proposal),
        "graduate_interested": proposal.graduate_interested,
        "field": profile.field_of_study, "degree": DEGREE_LABELS.get(profile.degree, ""),
        "skills": profile.skills or [], "city": person.city or "",
        "gender": person.gender.label if person.gender else "",
        "introduced": introduced, "name": shown_name(proposal),
        "mobile": person.mobile if introduced else None,
    }


def shown_name(proposal: Proposal) -> str:
    """What the employer calls her: her name once introduced, before that her place in the
    vacancy's list (the rank beside her), never the proposal's internal id."""
    if proposal.status in INTRODUCED:
        return proposal.profile.person.full_name
    return f"نامزد شمارهٔ {persian_digits(proposal.rank)}"


def _note(proposal: Proposal) -> str:
    """Why she cannot say interest now (the vacancy paused, or her consent to give first); a
    card past the introduction needs no note, its status says where it stands."""
    if proposal.status in OPEN_TO_INTEREST and interest_action(Role.GRADUATE, proposal) is None:
        return interest_refusal(Role.GRADUATE, proposal, True) or ""
    return ""
