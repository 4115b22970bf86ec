"""The review workflow: a placement office takes a proposal through shortlist, introduction,
interview and hire (or rejects it at any step with a reason); the employer records interview
outcomes and hires on its side. Every move is kept in the audit log."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.audit.services import record_event
from databank.db import db
from databank.errors import Conflict, InvalidInput, NotAllowed, NotFound
from databank.jalali import format_date, local_day, today
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_profile, refresh_for_vacancy
from databank.monitoring.models import MonitoringRecord, Placement, RecordStatus
from databank.monitoring.services import (
    acting_agency,
    create_record,
    overlapping_record,
    visible_records,
)
from databank.organisations.models import Agency, PlacementOffice
from databank.vacancies.figures import hires_of, hold
from databank.vacancies.models import Vacancy, VacancyStatus

S = ProposalStatus
NEXT: dict[ProposalStatus, tuple[ProposalStatus, ...]] = {
    S.PROPOSED: (S.SHORTLISTED, S.REJECTED),
    S.SHORTLISTED: (S.INTRODUCED, S.REJECTED),
    S.INTRODUCED: (S.INTERVIEWED, S.REJECTED),
    S.INTERVIEWED: (S.HIRED, S.REJECTED),
    S.HIRED: (),
    S.REJECTED: (),
}
# What the employer may do on its side: only after the office introduced the graduate.
EMPLOYER_MOVES = {S.INTERVIEWED, S.HIRED, S.REJECTED}
EMPLOYER_FROM = {S.INTRODUCED, S.INTERVIEWED}
NO_OFFICE = ("این پیشنهاد را دفتر کاریابی دنبال نکرده است؛ استخدام را مدیر سامانه با نام دستگاه "
             "اجرایی ثبت می‌کند.")
# A hire made by mistake is not rejected on the proposal: the job it created is counted for an
# agency, and only an inspector's rejection of that record undoes it (monitoring.hire_rejection).
HIRE_STANDS = ("این پیشنهاد به استخدام رسیده است و «رد» آن را برنمی‌گرداند. اگر استخدام به اشتباه "
               "ثبت شده است، بازرس راستی‌آزمایی (یا مدیر سامانه) باید سابقهٔ اشتغال آن را در "
               "«رصد اشتغال ← سوابق اشتغال» با نوشتن دلیل رد کند؛ با آن رد، استخدام دیگر شمرده "
               "نمی‌شود، این پیشنهاد با همان دلیل به «ردشده» می‌رود، فرصت شغلی‌ای که با این "
               "استخدام پر و بسته شده بود دوباره باز می‌شود و دانش‌آموخته دوباره پیشنهاد می‌شود.")
MOVE_LABELS = {
    S.SHORTLISTED: "افزودن به فهرست کوتاه", S.INTRODUCED: "معرفی به کارفرما",
    S.INTERVIEWED: "مصاحبه انجام شد", S.HIRED: "ثبت استخدام", S.REJECTED: "رد",
}


# A proposal nobody acted on leaves the bank when it no longer stands (matches.services), so
# an office's link to it (a page left open, a bookmark) finds nothing. A removed row leaves no
# trace to tell it from an id never given (a mistyped link), so the page says both, truthfully.
NOT_IN_QUEUE = ("پیشنهادی با این شماره در صف بررسی نیست: یا نشانی درست نیست، یا پیشنهاد از صف "
                "کنار رفته است. پیشنهادی که هنوز کاری رویش انجام نشده، وقتی فرصت شغلی دیگر نیرو "
                "نمی‌گیرد (متوقف، بسته یا پر شده)، دانش‌آموخته جای دیگری مشغول به کار می‌شود یا "
                "اجازهٔ معرفی را پس می‌گیرد، یا تطبیق تازه او را در میان بهترین‌ها نمی‌یابد، کنار "
                "می‌رود. صف بررسی پیشنهادهای کنونی را نشان می‌دهد.")


def reviewable(actor: User, proposal_id: int, *, lock: bool = False) -> Proposal:
    """A proposal the actor may act on: any for an office not yet taken by another office,
    its own vacancies' for an employer; otherwise 404. `lock`: read the row afresh and hold
    it until the commit, so that two people moving it at the same moment act one after the
    other, the second on what the first left (PostgreSQL; SQLite takes one writer at a time)."""
    query = select(Proposal).where(Proposal.id == proposal_id)
    if lock:
        query = query.with_for_update(of=Proposal).execution_options(populate_existing=True)
    if actor.role is Role.EMPLOYER:
        query = query.join(Vacancy).where(Vacancy.unit_id == actor.unit_id)
    elif actor.role not in (Role.PLACEMENT_OFFICER, Role.ADMIN):
        raise NotFound()
    proposal = db.session.scalar(query)
    if proposal is None:
        raise NotFound(NOT_IN_QUEUE if actor.role is not Role.EMPLOYER else None)
    return proposal


def allowed_moves(actor: User, proposal: Proposal) -> tuple[ProposalStatus, ...]:
    moves = NEXT[proposal.status]
    if held_back(proposal):
        moves = tuple(m for m in moves if m is S.REJECTED)
    if actor.role is Role.EMPLOYER:
        if proposal.status not in EMPLOYER_FROM:
            return ()
        # a hire is credited to the agency of the office that followed the proposal: with no
        # office (the admin introduced her), the office or the admin records it, naming one
        return tuple(m for m in moves if m in EMPLOYER_MOVES
                     and (m is not S.HIRED or proposal.office_id is not None))
    if actor.role is Role.PLACEMENT_OFFICER and proposal.office_id not in (None,
                                                                            actor.office_id):
        return ()
    return moves


def move(actor: User, proposal_id: int, to: ProposalStatus, *, reason: str | None = None,
         start_date: date | None = None, agency_id: int | None = None) -> Proposal:
    if to is S.HIRED:  # two hires at once must not both take the last position; the vacancy
        # is locked before the proposal, in the order a vacancy's edit takes them (no deadlock)
        hold(reviewable(actor, proposal_id).vacancy)
    proposal = reviewable(actor, proposal_id, lock=True)
    if (proposal.status is to or _passed(proposal.status, to)) \
            and _holder_office(proposal, actor) is None:
        # a second click, or a page behind a colleague who did the same: already done, and
        # nothing to write (the views say so: already_there); another office's proposal is
        # still answered as in that office's hands
        return proposal
    if to not in allowed_moves(actor, proposal):
        holder = _holder_office(proposal, actor)
        if holder:
            raise NotAllowed(holder)
        why = held_back(proposal)
        if why and to in NEXT[proposal.status]:
            raise Conflict(why)
        if actor.role is Role.EMPLOYER and to is S.HIRED and to in NEXT[proposal.status]:
            raise Conflict(NO_OFFICE)
        if proposal.status is S.HIRED and to is S.REJECTED:
            raise Conflict(HIRE_STANDS)
        # the page was out of date, or a step skipped: the proposal's state answers, not a
        # permission (409, like any other state that does not allow the move)
        raise Conflict(f"از وضعیت «{proposal.status.label}» نمی‌توان به «{to.label}» رفت.")
    if to is S.REJECTED and not (reason or "").strip():
        raise InvalidInput({"reason": ["دلیل رد را بنویسید."]})
    before = proposal.status
    if actor.role is Role.PLACEMENT_OFFICER and proposal.office_id is None:
        proposal.office_id = actor.office_id
    if to is S.HIRED:
        hire(actor, proposal, start_date, agency_id)
    proposal.status = to
    proposal.rejection_reason = reason.strip() if to is S.REJECTED and reason else None
    db.session.flush()
    record_event(actor, "review", "proposal", proposal.id, from_state=before.value,
                 to_state=to.value, reason=reason)
    return proposal


PIPELINE = (S.PROPOSED, S.SHORTLISTED, S.INTRODUCED, S.INTERVIEWED, S.HIRED)


def _passed(current: ProposalStatus, to: ProposalStatus) -> bool:
    """Whether `to` is a step the proposal already went through (a page left open in an
    older tab): done already, not a refusal. A rejection is not a step passed."""
    return current in PIPELINE and to in PIPELINE and PIPELINE.index(to) < PIPELINE.index(
        current)


def already_there(status: ProposalStatus) -> str:
    """What a move to the state the proposal is already in says: nothing changed."""
    return f"این پیشنهاد پیش‌تر به وضعیت «{status.label}» رسیده بود؛ چیزی تغییر نکرد."


def held_back(proposal: Proposal) -> str | None:
    """Why a proposal may go no further than a rejection, or None: its vacancy no longer
    recruits (paused, closed or filled), the graduate withdrew her consent to be introduced
    (an introduction hands her name and mobile to the employer), or she holds a job with no
    end recorded (no agency could register the hire: one person, one job at a time)."""
    vacancy = proposal.vacancy
    if hires_of(vacancy) >= vacancy.positions:  # said first: a filled vacancy is also closed
        return ("همهٔ ظرفیت این فرصت شغلی پر شده است؛ پیشنهادهای آن را فقط می‌توان رد کرد، "
                "مگر کارفرما ظرفیت را بیشتر کند.")
    if vacancy.status is not VacancyStatus.OPEN:
        return (f"این فرصت شغلی «{vacancy.status.label}» است؛ پیشنهادهای آن را تا باز شدن "
                "دوباره فقط می‌توان رد کرد.")
    if not proposal.profile.consent:
        return ("این دانش‌آموخته اجازهٔ معرفی به کارفرما را پس گرفته است؛ پیشنهاد را فقط "
                "می‌توان رد کرد.")
    if (job := open_job(proposal.profile.person_id)) is not None:
        return (f"این دانش‌آموخته از {format_date(job.start_date)} در {workplace(job)} شاغل "
                "ثبت شده است و پایان آن اشتغال ثبت نشده؛ تا آن زمان پیشنهاد را فقط می‌توان رد "
                "کرد.")
    return None


def open_job(person_id: int) -> MonitoringRecord | None:
    """The person's job with no end recorded (a job ending on a known day does not hold back
    her next one: it may start that day)."""
    return db.session.scalars(select(MonitoringRecord).where(
        MonitoringRecord.person_id == person_id, MonitoringRecord.end_date.is_(None),
        MonitoringRecord.status != RecordStatus.REJECTED)).first()


def workplace(job: MonitoringRecord) -> str:
    """Where a job is, for a sentence: the employer's name and the agency credited."""
    where = f"«{job.employer_name}»" if job.employer_name else "کاری"
    return f"{where} (به نام «{job.agency.name}»)"


def contacts_hidden(actor: User, proposal: Proposal) -> str | None:
    """Why the graduate's national ID and mobile are not shown on a proposal's page, or None:
    they are for the office that follows her proposal (or any office while none does), while
    she consents to be introduced (once hired, she works through it); the admin sees them."""
    if actor.role is Role.ADMIN:
        return None
    if proposal.office_id not in (None, actor.office_id):
        return "این پیشنهاد در دست دفتر دیگری است؛ کد ملی و همراه او نزد همان دفتر است."
    if not proposal.profile.consent and proposal.status is not ProposalStatus.HIRED:
        return "اجازهٔ معرفی را پس گرفته است؛ کد ملی و همراه او نشان داده نمی‌شود."
    return None


def held_by_another_office(actor: User, proposal: Proposal) -> bool:
    """A placement officer's view of a proposal another office holds: hers to read, not to
    move (the admin acts on any proposal)."""
    return actor.role is Role.PLACEMENT_OFFICER and proposal.office_id not in (
        None, actor.office_id)


def _holder_office(proposal: Proposal, actor: User) -> str | None:
    if held_by_another_office(actor, proposal):
        office = db.session.get(PlacementOffice, proposal.office_id)
        return f"این پیشنهاد در دست «{office.name}» است."
    return None


def office_named(office: PlacementOffice) -> str:
    """An office for a sentence: «دفتر کاریابی امید» (ساوه), its city beside it when recorded
    and not already in its name; the words «دفتر کاریابی» added only when its name lacks
    them. The bank keeps no telephone for offices: the city is what helps find one."""
    name = f"«{office.name}»" if "کاریابی" in office.name else f"دفتر کاریابی «{office.name}»"
    return f"{name} ({office.city})" if office.city and office.city not in office.name \
        else name


def held_elsewhere(actor: User, proposal: Proposal) -> str | None:
    """What an officer of another office reads instead of the actions (allowed_moves gives
    her none, and a move is refused 403): which office holds the proposal and what is left to
    her. The admin acts on any proposal and is told nothing."""
    if not held_by_another_office(actor, proposal):
        return None
    office = office_named(proposal.office)
    if not NEXT[proposal.status]:  # hired or rejected: nothing is left for anyone to do
        return (f"این پیشنهاد را {office} دنبال کرده و به «{proposal.status.label}» رسانده "
                "است؛ دفتر شما کاری روی آن انجام نمی‌دهد.")
    return (f"این پیشنهاد در دست {office} است و فقط همان دفتر آن را پیش می‌برد یا رد "
            "می‌کند؛ دفتر شما کاری روی آن انجام نمی‌دهد. اگر دربارهٔ این دانش‌آموخته یا این "
            "فرصت شغلی نکته‌ای دارید (برای نمونه او به دفتر شما هم مراجعه کرده است)، با همان "
            "دفتر در میان بگذارید.")


def hire_of(actor: User, proposal: Proposal) -> dict[str, Any] | None:
    """The hire a proposal led to, as its page shows it: the start day, the agency credited and
    where its monitoring record stands, so that the office need not look it up among the
    records. Only for those who see that record in the records list (visible_records: the
    office that followed it, inspectors, the admin); None when there is no hire."""
    record = db.session.scalar(visible_records(actor).join(
        Placement, Placement.id == MonitoringRecord.placement_id).where(
        Placement.proposal_id == proposal.id))
    if record is None:
        return None
    return {"start_date": record.start_date, "end_date": record.end_date,
            "agency": record.agency.name, "record_status": record.status.label,
            "rejection_reason": record.rejection_reason or ""}


def hire(actor: User, proposal: Proposal, start_date: date | None,
         agency_id: int | None) -> MonitoringRecord:
    """A hire: a placement, and a monitoring record credited to the chosen agency (by default
    the parent agency of the office that followed the proposal)."""
    errors: dict[str, list[str]] = {}
    if start_date is None:
        errors["start_date"] = ["تاریخ شروع به کار را وارد کنید."]
    elif start_date < (proposed := local_day(proposal.created_at)):
        errors["start_date"] = [before_the_proposal(proposed)]
    try:  # both boxes are said at once, not the agency only once the day is right
        agency = _credited_agency(actor, proposal, agency_id)
    except InvalidInput as refused:
        errors.update(refused.errors)
    if errors or start_date is None:
        raise InvalidInput(errors)
    vacancy, person = proposal.vacancy, proposal.profile.person
    if (job := overlapping_record(person.id, start_date)) is not None:
        raise Conflict(_still_working(job), field="start_date")
    placement = Placement(proposal_id=proposal.id, vacancy_id=vacancy.id, person_id=person.id,
                          unit_id=vacancy.unit_id, start_date=start_date,
                          created_by_id=actor.id)
    db.session.add(placement)
    db.session.flush()
    record = create_record(actor, person, agency, sector=vacancy.unit.sector,
                           start_date=start_date, unit=vacancy.unit, vacancy_id=vacancy.id,
                           placement_id=placement.id)
    _close_when_filled(vacancy)
    refresh_for_profile(proposal.profile)  # hired: her untouched proposals elsewhere go
    return record


def before_the_proposal(proposed: date) -> str:
    """A hire through a proposal starts on or after the day it was proposed; an earlier day is
    most often last year's number typed in the first weeks of a year, which would credit the
    job to the wrong year's commitment."""
    return (f"این پیشنهاد در {format_date(proposed)} ساخته شده است و استخدامی که از راه آن "
            f"انجام شود نمی‌تواند پیش از آن روز شروع شده باشد؛ تاریخ شروع (به‌ویژه سال آن) را "
            "بررسی کنید. اگر این دانش‌آموخته پیش‌تر و بیرون از این پیشنهاد به کار گرفته شده "
            "است، اشتغال او را دستگاه اجرایی در رصد اشتغال ثبت می‌کند.")


def busy_until(proposal: Proposal) -> str | None:
    """When the graduate holds a job whose end is recorded ahead, the first day a hire may
    start, said before the office picks a date (a job with no end is held_back's)."""
    if not NEXT[proposal.status]:  # hired or rejected: nothing more to start
        return None
    job = overlapping_record(proposal.profile.person_id, today())
    if job is None or job.end_date is None:
        return None
    return (f"اشتغال این دانش‌آموخته در {workplace(job)} تا {format_date(job.end_date)} ادامه "
            f"دارد؛ استخدام تازهٔ او از {format_date(job.end_date)} یا پس از آن شروع می‌شود.")


def _still_working(job: MonitoringRecord) -> str:
    """Why a hire cannot start on the day given, naming her current workplace (the monitoring
    rule's own words speak of agencies, which misleads when the employer differs)."""
    if job.end_date is None:
        return (f"این دانش‌آموخته از {format_date(job.start_date)} در {workplace(job)} شاغل ثبت "
                "شده است؛ تا پایان آن اشتغال ثبت نشود، استخدام تازهٔ او ثبت نمی‌شود.")
    return (f"اشتغال این دانش‌آموخته در {workplace(job)} تا {format_date(job.end_date)} ادامه "
            f"دارد؛ استخدام تازهٔ او نمی‌تواند پیش از {format_date(job.end_date)} شروع شود. "
            "تاریخ شروع را بررسی کنید.")


def _credited_agency(actor: User, proposal: Proposal, agency_id: int | None) -> Agency:
    if agency_id:
        return acting_agency(actor, agency_id) if actor.role is not Role.EMPLOYER else \
            _office_agency(proposal)
    return _office_agency(proposal)


def _office_agency(proposal: Proposal) -> Agency:
    office = db.session.get(PlacementOffice, proposal.office_id) if proposal.office_id else None
    if office is None or office.agency is None:
        raise InvalidInput({"agency_id": ["دستگاه اجرایی که این اشتغال به نام آن ثبت می‌شود را "
                                          "انتخاب کنید."]})
    return office.agency


def _close_when_filled(vacancy: Vacancy) -> None:
    """The last position taken: the vacancy closes, and its untouched proposals leave the
    queue (those someone acted on stay, to be rejected)."""
    if hires_of(vacancy) >= vacancy.positions and vacancy.status is VacancyStatus.OPEN:
        vacancy.status = VacancyStatus.CLOSED
        record_event(None, "vacancy_filled", "vacancy", vacancy.id, from_state="open",
                     to_state="closed")
        refresh_for_vacancy(vacancy)


def history(proposal: Proposal) -> list[dict[str, Any]]:
    """The proposal's decisions, oldest first, as plain values for the page."""
    from databank.audit.labels import state_label

    rows = db.session.execute(
        select(AuditEntry, User.display_name).outerjoin(User, User.id == AuditEntry.actor_id)
        .where(AuditEntry.entity == "proposal", AuditEntry.entity_id == proposal.id)
        .order_by(AuditEntry.at, AuditEntry.id))
    return [{"at": entry.at, "who": name or "سامانه", "action": entry.action,
             "from": state_label(entry.from_state),
             "to": INTEREST_TAKEN_BACK.get(entry.to_state, "") if entry.action == "no_interest"
             else state_label(entry.to_state),
             "reason": entry.reason or ""}
            for entry, name in rows]


# An interest taken back is logged with the flag it cleared (interest.mark_interest): the
# history says it was taken back, not shown again.
INTEREST_TAKEN_BACK = {"employer_interested": "انصراف از علاقه‌مندی کارفرما",
                       "graduate_interested": "انصراف از علاقه‌مندی دانش‌آموخته"}
