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
from databank.matches.review import office_named, workplace
from databank.monitoring.models import MonitoringRecord, active_on
from databank.people.models import GraduateProfile
from databank.vacancies.figures import hires_of
from databank.vacancies.models import Vacancy, VacancyStatus
from databank.vocabulary import DEGREE_LABELS

INTRODUCED = (ProposalStatus.INTRODUCED, ProposalStatus.INTERVIEWED, ProposalStatus.HIRED)
IN_HAND = (ProposalStatus.INTRODUCED, ProposalStatus.INTERVIEWED)  # introduced, not yet decided


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
# A filled vacancy is closed too, but «بسته» would hide why.
VACANCY_FILLED = ("ظرفیت این فرصت شغلی پر شده است و علاقه‌مندی تازه برای آن ثبت نمی‌شود؛ "
                  "علاقه‌مندی پیشین را می‌توان برداشت.")
# A graduate holding a job is proposed to nobody (services.employed) and an office can take her
# proposals no further than a rejection (review.held_back): interest said elsewhere would be a
# signal nobody can act on. Taking it back stays open, as for every other refusal.
EMPLOYED = ("شما از {start}{until} در {workplace} شاغل ثبت شده‌اید؛ تا پایان آن اشتغال، "
            "علاقه‌مندی به فرصت دیگر ثبت نمی‌شود.")
# On a card past the introduction (no interest to say), only the vacancy's state is news.
NOT_RECRUITING = "این فرصت شغلی اکنون {state} است و کارفرما فعلاً نیروی تازه نمی‌گیرد."
# Nor is one past its deadline (the employer's list marks it «گذشته»), although still open.
DEADLINE_PASSED = ("مهلت این فرصت شغلی ({deadline}) گذشته است و علاقه‌مندی تازه برای آن ثبت "
                   "نمی‌شود؛ علاقه‌مندی پیشین را می‌توان برداشت.")


# interest_refusal's `job` when the caller has not looked it up: it asks the database
ASK: Any = object()


def interest_refusal(role: Role, proposal: Proposal, interested: bool, *,
                     job: MonitoringRecord | None = ASK) -> str | None:
    """Why `role` may not say (`interested`) or take back its interest now, or None. Taking
    it back needs no consent, nor an open vacancy, nor her being out of work: withdrawing a
    signal is always fine. Her job is said only to her (the employer is not told where she
    works; an office sees it on the proposal's page). `job`: her current job, when the
    caller read it once for all her cards (graduate_cards)."""
    if proposal.status not in OPEN_TO_INTEREST:
        return CLOSED_TO_INTEREST[proposal.status]
    if not interested:
        return None
    if proposal.vacancy.status is not VacancyStatus.OPEN:
        # «پر شده» for her; the employer's page says it once above its candidates, not per row
        state = _vacancy_state(proposal.vacancy) if role is Role.GRADUATE \
            else proposal.vacancy.status.label
        return VACANCY_FILLED if state == FILLED else VACANCY_NOT_OPEN.format(status=state)
    if past_deadline(proposal.vacancy):
        return DEADLINE_PASSED.format(deadline=format_date(proposal.vacancy.deadline))
    if role is Role.GRADUATE and job is ASK:
        job = current_job(proposal.profile.person_id)
    if role is Role.GRADUATE and job is not None:
        return EMPLOYED.format(start=format_date(job.start_date), workplace=workplace(job),
                               until=f" تا {format_date(job.end_date)}" if job.end_date else "")
    if not proposal.profile.consent:
        return CONSENT_WITHDRAWN if role is Role.EMPLOYER else GIVE_CONSENT_FIRST
    return None


FILLED = "پر شده"


def _vacancy_state(vacancy: Vacancy) -> str | None:
    """What the vacancy is when it recruits nobody (its status label, or «پر شده» for one
    closed by its last hire, as the employer's page says it), or None while it is open."""
    if vacancy.status is VacancyStatus.OPEN:
        return None
    if vacancy.status is VacancyStatus.CLOSED and hires_of(vacancy) >= vacancy.positions:
        return FILLED
    return vacancy.status.label


def current_job(person_id: int) -> MonitoringRecord | None:
    """The job that holds her today (what services.employed asks), the first to begin."""
    return db.session.scalars(select(MonitoringRecord).where(
        MonitoringRecord.person_id == person_id, active_on(today()))
        .order_by(MonitoringRecord.start_date, MonitoringRecord.id)).first()


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


def graduate_cards(proposals: list[Proposal], person_id: int) -> list[dict[str, Any]]:
    """Her proposals page: her current job is read once for all her cards, not once a card."""
    job = current_job(person_id)
    return [for_graduate(proposal, job=job) for proposal in proposals]


def for_graduate(proposal: Proposal, *, job: MonitoringRecord | None = ASK) -> dict[str, Any]:
    vacancy = proposal.vacancy
    unit = vacancy.unit
    action, note = _graduate_interest(proposal, job)
    state = _vacancy_state(vacancy) if proposal.status not in (
        ProposalStatus.HIRED, ProposalStatus.REJECTED) else None
    return {
        "id": proposal.id, "score": proposal.score, "reasons": proposal.reasons,
        "status": proposal.status.label, "interested": proposal.graduate_interested,
        "interest": action, "interest_note": note, "vacancy_state": state or "",
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


def _graduate_interest(proposal: Proposal, job: MonitoringRecord | None
                       ) -> tuple[str | None, str]:
    """Her card's interest button (interest_action's rule, the refusal read once: her job is a
    query) and the note beside it. The note says why interest cannot be said now whatever her
    interest, so that a vacancy paused after she said it is news on her card, not only once
    she takes it back; her consent to give first is left out once she said it (the page's
    banner asks for it). Past the introduction there is no interest to say: the note says
    only whether the vacancy still recruits, her card's status says the rest."""
    if proposal.status not in OPEN_TO_INTEREST:
        state = _vacancy_state(proposal.vacancy) if proposal.status in IN_HAND else None
        if state:
            return None, NOT_RECRUITING.format(state=_quoted(state))
        return None, next_step(proposal) if proposal.status in IN_HAND else ""
    refusal = interest_refusal(Role.GRADUATE, proposal, True, job=job)
    if proposal.graduate_interested:
        return "take_back", "" if refusal == GIVE_CONSENT_FIRST else refusal or ""
    return (None, refusal) if refusal else ("say", "")


def next_step(proposal: Proposal) -> str:
    """What happens next once an office introduced her, and who does it, from what the bank
    holds: the office that introduced her (its name and city; the bank keeps no telephone for
    offices), and that the unit reaches her by the mobile the bank gave it. Said only while
    she consents: without it the unit no longer sees her (proposals_for_vacancy), and the
    page's banner asks for her consent instead."""
    profile, unit = proposal.profile, proposal.vacancy.unit.name
    if not profile.consent:
        return ""
    office = office_named(proposal.office) if proposal.office else None
    ask = f"به {office} مراجعه کنید" if office else "به یک دفتر کاریابی مراجعه کنید"
    if proposal.status is ProposalStatus.INTERVIEWED:
        return (f"مصاحبهٔ شما با «{unit}» ثبت شده است. گام بعد: واحد دربارهٔ استخدام شما "
                f"تصمیم می‌گیرد و نتیجه (استخدام یا رد) در بانک ثبت می‌شود و همین‌جا در وضعیت "
                f"این پیشنهاد دیده می‌شود. برای پرسش دربارهٔ نتیجه {ask}.")
    done = f"{office} شما را به «{unit}» معرفی کرده است" if office else \
        f"شما به «{unit}» معرفی شده‌اید"
    mobile = profile.person.mobile  # her form requires one; an office's record may lack it
    reach = f" با شمارهٔ همراه {persian_digits(mobile)} که در بانک دارید" if mobile else ""
    return (f"{done}. گام بعد: واحد برای مصاحبه{reach} با شما تماس می‌گیرد. اگر تماسی "
            f"نگرفتید یا پرسشی دارید، {ask}.")


def _quoted(state: str) -> str:
    return state if state == FILLED else f"«{state}»"
