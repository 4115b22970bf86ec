"""Monitoring records (رصد اشتغال): a job credited to an agency, one active agency per person.

The database's partial unique index is the rule; the check before inserting only gives the
usual case a friendly message. When two officers press the button at the same moment, the
loser's insert fails on the index and gets the same Persian answer naming the holder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db, twin_value, utcnow
from databank.errors import Conflict, InvalidInput, NotAllowed, NotFound
from databank.jalali import format_date, persian_digits, today
from databank.matches.models import Proposal
from databank.matches.services import refresh_for_profile
from databank.monitoring.hire_rejection import HireUndone, undo_hire
from databank.monitoring.models import (
    MonitoringRecord,
    Placement,
    RecordStatus,
    active_on,
    withdrawn,
)
from databank.organisations.agency_retirement import refuse_retired
from databank.organisations.close_names import close_units, names_close
from databank.organisations.models import Agency, IndustrialUnit
from databank.organisations.services import (
    find_by_name,
    get_or_create_unit,
    same_workshop,
    workshop_holder,
)
from databank.people.models import Person
from databank.people.services import get_or_create_person
from databank.validation import fold_digits, whole_number
from databank.vocabulary import Sector

# The stored name is not shown: a national ID is not a way to look a name up.
NOT_THE_PERSON = ("نام یا جنسیت واردشده با فردی که این کد ملی در بانک دارد جور نیست؛ کد ملی و "
                  "نام را بررسی کنید. اگر مشخصات ثبت‌شده در بانک اشتباه است، مدیر سامانه آن را "
                  "از روی کارت ملی در صفحهٔ «اصلاح مشخصات هویتی» اصلاح می‌کند.")
RECORD_ROLES = (Role.AGENCY_OFFICER, Role.PLACEMENT_OFFICER, Role.EMPLOYER, Role.ADMIN)


class AlreadyRegistered(Conflict):
    """The person holds a job with another (or the same) agency during part of the days a new
    record [`start`, `end`) would cover. The message gives the fix that applies: a start
    inside her job cannot come before its end; a job starting before hers must end by the
    day hers starts (a finished job is filed with its end); waiting for her job to end helps
    only a new job that starts after it. `unchanged`: the new record is the one this agency
    already holds (same start, same unit when one is named, same end when one is given), as
    when a file is sent again."""

    def __init__(self, holder: MonitoringRecord, agency: Agency | None = None, *,
                 start: date | None = None, end: date | None = None,
                 unit: IndustrialUnit | None = None) -> None:
        same = agency is not None and agency.id == holder.agency_id
        again = same and start == holder.start_date
        self.unchanged = again and (unit is None or unit is holder.unit) and \
            end in (None, holder.end_date)
        message, field = _clash(holder, same, start, end, unit)
        super().__init__(message, field=field)
        self.holder = holder


def _clash(holder: MonitoringRecord, same: bool, start: date | None, end: date | None,
           unit: IndustrialUnit | None) -> tuple[str, str]:
    """What AlreadyRegistered says, and beside which field."""
    since, name = format_date(holder.start_date), holder.agency.name
    whose = f"همین دستگاه («{name}»)" if same else f"«{name}»"
    ends = format_date(holder.end_date) if holder.end_date else None
    if ends is None:
        held = f"این فرد از {since} با {whose} ثبت اشتغال فعال دارد"
    else:
        tense = "داشته است" if holder.end_date <= today() else "دارد"
        held = f"این فرد از {since} تا {ends} با {whose} ثبت اشتغال {tense}"
    if start is not None and start < holder.start_date:  # hers begins inside the new one
        if end is None:
            return (f"{held}؛ اشتغالی که از {format_date(start)} و بی‌تاریخ پایان ثبت می‌کنید "
                    "با روزهای آن اشتغال هم‌پوشانی دارد. اشتغالی که پایان یافته است با تاریخ "
                    f"پایانش ثبت می‌شود: اگر این اشتغال تا {since} پایان یافته است، تاریخ "
                    "پایان آن را هم وارد کنید؛ وگرنه تاریخ شروع را بررسی کنید."), "end_date"
        return (f"{held}؛ اشتغالی که از {format_date(start)} تا {format_date(end)} ثبت می‌کنید "
                "با روزهای آن اشتغال هم‌پوشانی دارد: تاریخ پایان آن نمی‌تواند پس از "
                f"{since} باشد. تاریخ‌ها را بررسی کنید."), "end_date"
    if same and start == holder.start_date:  # the very job this agency holds
        if end is not None and end != holder.end_date:
            fix = ("پایان آن را در فهرست اشتغال‌ها با «پایان اشتغال» ثبت کنید" if ends is None
                   else "اگر تاریخ پایان ثبت‌شده نادرست است، در فهرست اشتغال‌ها «اصلاح پایان» "
                        "را بزنید")
            return f"{held}؛ این همان اشتغال است و دوباره ثبت نمی‌شود. {fix}.", "end_date"
        if unit is not None and holder.unit is not None and unit is not holder.unit:
            return (f"{held}، در «{holder.unit.name}»؛ این اشتغال دوباره ثبت نمی‌شود. اگر "
                    f"کارفرمای ثبت‌شده نادرست است، {taking_back(holder)} و سپس اشتغال با "
                    "کارفرمای درست ثبت می‌شود."), "unit_name"
        return f"{held} و ثبت دوباره لازم نیست.", "national_id"
    if ends is not None and end is not None:  # a finished job reaching into her ended one
        return (f"{held}؛ اشتغال پایان‌یافته‌ای که ثبت می‌کنید با روزهای آن هم‌پوشانی دارد: یا "
                f"تا {since} پایان یافته است یا از {ends} به بعد شروع شده است. تاریخ‌ها را "
                "بررسی کنید."), "national_id"
    if ends is not None:
        return (f"{held}؛ اشتغال تازهٔ او نمی‌تواند پیش از {ends} شروع شود. تاریخ شروع را "
                "بررسی کنید."), "national_id"
    if same:
        return (f"{held}، نه از {format_date(start or holder.start_date)}؛ یک دستگاه برای "
                "روزهای یکسان دو اشتغال از یک فرد ثبت نمی‌کند. اگر آن اشتغال پایان یافته و این "
                "اشتغال تازه است، نخست پایان آن را در فهرست اشتغال‌ها ثبت کنید؛ اگر تاریخ شروع "
                f"ثبت‌شده نادرست است، {taking_back(holder)} و سپس اشتغال با تاریخ درست ثبت "
                "می‌شود."), "national_id"
    if end is not None:  # a finished job inside hers: waiting for hers to end changes nothing
        return (f"{held}؛ اشتغالی که از {format_date(start or holder.start_date)} تا "
                f"{format_date(end)} ثبت می‌کنید در روزهای آن اشتغال است. اگر اشتغال او با "
                f"«{name}» پیش از آن پایان یافته است، «{name}» باید پایانش را ثبت کند؛ "
                "وگرنه تاریخ‌ها را بررسی کنید."), "national_id"
    return (f"{held}؛ تا «{name}» پایان آن اشتغال را ثبت نکند، دستگاه دیگری نمی‌تواند او را "
            f"ثبت کند. اگر او آن کار را ترک کرده است، «{name}» پایانش را ثبت می‌کند و از همان "
            f"روز می‌توان او را ثبت کرد؛ اگر آن ثبت نادرست است، {taking_back(holder)}."
            ), "national_id"


def withdrawable(record: MonitoringRecord) -> bool:
    """Whether its agency may still take it back (monitoring.withdrawal): awaiting its check,
    and not a hire's record, which hire_rejection undoes through an inspector's rejection."""
    return record.status is RecordStatus.REGISTERED and record.placement_id is None


def taking_back(record: MonitoringRecord) -> str:
    """How a job registered by mistake leaves the bank: its agency withdraws it while it awaits
    its check, unless it came from a hire; else an inspector rejects it."""
    if withdrawable(record):
        return ("دستگاه ثبت‌کننده تا راستی‌آزمایی نشده است آن را با «پس گرفتن ثبت» در فهرست "
                "اشتغال‌ها پس می‌گیرد")
    return "بازرس آن را با ذکر دلیل رد می‌کند"


def _holding(person_id: int, start_date: date,
             end_date: date | None = None) -> Select[tuple[MonitoringRecord]]:
    """Records that hold the person on some day of [start_date, end_date) (no end: from
    start_date on), as the database's overlap rule sees them."""
    query = select(MonitoringRecord).where(MonitoringRecord.person_id == person_id,
                                           active_on(start_date))
    if end_date is not None:
        query = query.where(MonitoringRecord.start_date < end_date)
    return query


def overlapping_record(person_id: int, start_date: date) -> MonitoringRecord | None:
    """The record that holds the person on some day from `start_date` on (a new record is open
    to the future), the one lasting longest first: the day a new job may start is after it."""
    return db.session.scalars(_holding(person_id, start_date).order_by(
        MonitoringRecord.end_date.is_(None).desc(), MonitoringRecord.end_date.desc(),
        MonitoringRecord.id)).first()


def clashing_record(person_id: int, start_date: date,
                    end_date: date | None) -> MonitoringRecord | None:
    """The first of her jobs in the way of a new one over [start_date, end_date): the one
    holding her on the start day, else the next to begin. Her jobs never overlap, so at
    most one holds the start day, and its one fix (a later start, or an earlier end) is
    the one to say."""
    return db.session.scalars(_holding(person_id, start_date, end_date).order_by(
        MonitoringRecord.start_date, MonitoringRecord.id)).first()


def create_record(actor: User | None, person: Person, agency: Agency, *, sector: Sector,
                  start_date: date, end_date: date | None = None,
                  unit: IndustrialUnit | None = None, employer_name: str | None = None,
                  **links: Any) -> MonitoringRecord:
    """The one place a monitoring record is inserted. It may reach back to a past start, and
    a finished job carries its `end_date` (the first day she was free), but no day of it may
    fall in the time of another job of the person (the database holds the rule too)."""
    if end_date is not None and end_date <= start_date:
        raise InvalidInput({"end_date": [
            f"تاریخ پایان باید پس از تاریخ شروع ({format_date(start_date)}) باشد؛ روز پایان "
            "نخستین روزی است که او دیگر در این کار نیست."]})

    def refusal(holder: MonitoringRecord) -> AlreadyRegistered:
        return AlreadyRegistered(holder, agency, start=start_date, end=end_date, unit=unit)

    if person.id is not None and (holder := clashing_record(person.id, start_date,
                                                            end_date)) is not None:
        raise refusal(holder)
    record = MonitoringRecord(person=person, agency=agency, sector=sector, start_date=start_date,
                              end_date=end_date, unit=unit,
                              employer_name=employer_name or (unit.name if unit else None),
                              registered_by_id=getattr(actor, "id", None), **links)
    # The person and unit first, outside the record's savepoint: a savepoint begins with a
    # flush of what is pending, and a failure there is theirs, not a race for the person.
    db.session.flush()
    try:
        with db.session.begin_nested():
            db.session.add(record)
    except IntegrityError:
        if record in db.session:
            db.session.expunge(record)
        holder = clashing_record(person.id, start_date, end_date) if person.id else None
        if holder is None:
            raise
        raise refusal(holder) from None
    ended = {"end_date": end_date.isoformat()} if end_date else {}
    record_event(actor, "register_job", "monitoring_record", record.id,
                 to_state=RecordStatus.REGISTERED.value, agency=agency.name,
                 start_date=start_date.isoformat(), **ended)
    return record


def acting_agency(actor: User, agency_id: int | None) -> Agency:
    """An agency officer registers for her own agency only; others name one."""
    if actor.role is Role.AGENCY_OFFICER:
        if agency_id not in (None, actor.agency_id):
            raise NotAllowed("فقط برای دستگاه خودتان می‌توانید اشتغال ثبت کنید.")
        agency_id = actor.agency_id
    agency = db.session.get(Agency, agency_id) if agency_id else None
    if agency is None:
        raise InvalidInput({"agency_id": ["دستگاه اجرایی را انتخاب کنید."]})
    refuse_retired(agency)
    return agency


# The stored code is never shown: it is the proof an employer gives to take her unit over
# (organisations.unit_services), and anyone registering jobs could otherwise read any unit's.
OTHER_CODE = ("کد کارگاه بیمهٔ «{code}» با کدی که برای «{unit}» در بانک ثبت شده است یکی نیست؛ "
              "نام واحد یا کد را بررسی کنید. کد ثبت‌شده را خود واحد یا دفتر کاریابی می‌داند.")
CLOSE_UNIT = ("واحدی با این نام در بانک نیست، ولی این واحدها نامی نزدیک دارند: {names}. اگر "
              "یکی از آن‌هاست نامش را همان‌طور بنویسید؛ اگر واحد تازه‌ای است، «واحد تازه است» "
              "را بزنید.")


def register_job(actor: User, data: dict[str, Any], *,
                 close_unit_question: str | None = None) -> MonitoringRecord:
    """A job an agency's programme created outside the databank (form or import). With a
    `close_unit_question` (the form's CLOSE_UNIT, the file's: {name} is the name typed,
    {names} the close ones), a unit name the bank does not
    hold but comes close to one it does is refused with it, naming the close ones, unless the
    officer said the unit is new (`new_unit`): a second unit for one employer would split its
    jobs in two."""
    if actor.role not in (Role.AGENCY_OFFICER, Role.ADMIN):
        raise NotAllowed()
    agency = acting_agency(actor, data.get("agency_id"))
    person = get_or_create_person(data["national_id"], first_name=data["first_name"],
                                  last_name=data["last_name"], gender=data["gender"],
                                  mobile=data.get("mobile"))
    if not _same_person(person, data):
        raise Conflict(NOT_THE_PERSON, field="national_id")
    unit = None
    if data.get("unit_name"):
        code = fold_digits(whole_number(data.get("workshop_code") or ""))
        unit = (find_by_name(IndustrialUnit, data["unit_name"])
                or _unit_of_code(code, data["unit_name"])
                or _new_unit(data, close_unit_question))
        if code and unit.workshop_code and not same_workshop(unit.workshop_code, code):
            raise Conflict(OTHER_CODE.format(code=persian_digits(code), unit=unit.name),
                           field="workshop_code")
        if code and not unit.workshop_code:
            holder = workshop_holder(code, unit.id)
            if holder is not None:
                # not named: trying codes would map each to its unit (see OTHER_CODE)
                raise Conflict("این کد کارگاه بیمه برای واحد دیگری در بانک ثبت شده است؛ نام "
                               "واحد یا کد را بررسی کنید.", field="workshop_code")
            unit.workshop_code = code
    record = create_record(actor, person, agency, sector=data["sector"],
                           start_date=data["start_date"], end_date=data.get("end_date"),
                           unit=unit)
    if person.profile is not None:  # she works now: her untouched proposals leave the queue
        refresh_for_profile(person.profile)
    return record


def kept_mobile(person: Person, typed: str | None) -> str | None:
    """What to tell the officer when the mobile typed is not the one the bank keeps for a
    person it already held: a job registration never writes it. The stored mobile is what
    hands her record to her (people.services.register_graduate); she changes it on her
    profile once she has an account, and before that a placement office does, with her
    national card in hand (people.office_records). The stored number is not shown: typing a
    national ID must not reveal it."""
    if not typed or typed == person.mobile:
        return None
    if db.session.scalar(select(User.id).where(User.person_id == person.id)) is not None:
        who = "خود او شماره‌اش را در صفحهٔ «پروفایل من» اصلاح می‌کند"
    else:
        who = "دفتر کاریابی با دیدن کارت ملی او شماره‌اش را ثبت یا اصلاح می‌کند"
    if person.mobile:
        return ("شمارهٔ همراه واردشده با شمارهٔ ثبت‌شدهٔ این فرد در بانک یکی نیست؛ شمارهٔ "
                "ثبت‌شده نگه داشته شد و شمارهٔ واردشده ذخیره نشد. اگر شمارهٔ او تغییر کرده "
                f"است، {who}.")
    return ("این فرد پیش‌تر بی‌شمارهٔ همراه در بانک ثبت شده است و شمارهٔ واردشده ذخیره نشد؛ "
            f"{who}.")


def _unit_of_code(code: str, name: str) -> IndustrialUnit | None:
    """The unit holding the workshop code typed, when the name typed is close to its own: the
    code is the surer identity («گروه صنعتی فولاد سپهر» with the code of «شرکت فولاد سپهر
    ساوه»). A name unlike it is left to the code check, which names the holder."""
    holder = workshop_holder(code) if code else None
    return holder if holder is not None and names_close(name, holder.name) else None


def _new_unit(data: dict[str, Any], question: str | None) -> IndustrialUnit:
    """A unit the bank did not know by this name nor by this workshop code."""
    if question and not data.get("new_unit") and (close := close_units(data["unit_name"])):
        names = "، ".join(f"«{unit.name}»" for unit in close)
        raise InvalidInput({"unit_name": [question.format(
            name=" ".join(data["unit_name"].split()), names=names)]})
    return get_or_create_unit(data["unit_name"], sector=data["sector"])


def _same_person(person: Person, data: dict[str, Any]) -> bool:
    """Whether the name and gender typed agree with the person the bank holds under that
    national ID (names compared as keys: spelling, spacing and Arabic letters do not count).
    A mistyped ID would otherwise credit the job to someone else, hold her against every
    other agency, and skew the gender figures."""
    typed = twin_value(f"{data['first_name']} {data['last_name']}")
    gender = data.get("gender")
    return (typed == person.name_key or not person.name_key) and \
        (gender is None or person.gender is None or gender == person.gender)


def visible_records(actor: User) -> Any:
    """The records a user may see, with the names and national IDs in them: an agency officer
    her agency's; a placement officer the hires of the proposals her office followed, or that
    its officers recorded (an office, often a private one, follows its own placements, not
    every employed person of the county); inspectors and the admin all of them."""
    query = select(MonitoringRecord)
    if actor.role is Role.AGENCY_OFFICER:
        return query.where(MonitoringRecord.agency_id == actor.agency_id)
    if actor.role is Role.PLACEMENT_OFFICER:
        followed = select(Proposal.id).where(Proposal.office_id == actor.office_id)
        made = select(User.id).where(User.office_id == actor.office_id)
        office_hires = select(Placement.id).where(or_(Placement.proposal_id.in_(followed),
                                                      Placement.created_by_id.in_(made)))
        return query.where(MonitoringRecord.placement_id.in_(office_hires))
    if actor.role in (Role.ADMIN, Role.INSPECTOR):
        return query
    raise NotAllowed()


def own_record(actor: User, record_id: int, *, lock: bool = False) -> MonitoringRecord:
    """`lock`: read the row afresh and hold it until the commit, so that two people changing
    the same record one after the other each see what the other did."""
    query = visible_records(actor).where(MonitoringRecord.id == record_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    record = db.session.scalar(query)
    if record is None:
        raise NotFound()
    return record


def taken_back(record: MonitoringRecord) -> str:
    """What a page opened before a withdrawal is told: the agency took it back, not an
    inspector's rejection (as the list reads it)."""
    return (f"این ثبت را «{record.agency.name}» پس گرفته است (دلیل: «{record.rejection_reason}») "
            "و دیگر به حساب نمی‌آید")


def end_record(actor: User, record_id: int, end_date: date) -> MonitoringRecord:
    """The job ended (or will, on `end_date`): from that day the person is free to be
    registered again by any agency. A rejected record was never a job and has nothing to end."""
    if actor.role not in (Role.AGENCY_OFFICER, Role.ADMIN):
        raise NotAllowed()
    record = own_record(actor, record_id, lock=True)
    if withdrawn(record):
        raise Conflict(f"{taken_back(record)}؛ پایان آن ثبت نمی‌شود.")
    if record.status is RecordStatus.REJECTED:
        raise Conflict("این اشتغال در راستی‌آزمایی رد شده است و پایان آن ثبت نمی‌شود.")
    if record.end_date is not None:
        raise Conflict(_end_already_recorded(record.end_date))
    if end_date <= record.start_date:
        raise InvalidInput({"end_date": [
            f"تاریخ پایان باید پس از تاریخ شروع ({format_date(record.start_date)}) باشد. اگر "
            f"این اشتغال به اشتباه ثبت شده است، {taking_back(record)}."]})
    record.end_date = end_date
    db.session.flush()
    state = "ended" if end_date <= today() else "ending"  # ahead: recorded, not ended yet
    record_event(actor, "end_job", "monitoring_record", record.id, to_state=state,
                 end_date=end_date.isoformat())
    return record


def _end_already_recorded(end: date) -> str:
    """An end may be recorded ahead (up to a month): saying the job has ended would be untrue
    until that day comes."""
    day = format_date(end)
    if end <= today():
        said = f"این اشتغال پیش‌تر پایان یافته است ({day})"
    else:
        said = f"پایان این اشتغال پیش‌تر برای {day} ثبت شده است و تا آن روز ادامه دارد"
    return f"{said}؛ اگر آن تاریخ نادرست است، «اصلاح پایان» را بزنید."


NOT_STARTED = ("این اشتغال از {start} شروع می‌شود و پیش از شروع تأیید نمی‌شود؛ از آن روز "
               "می‌توانید آن را تأیید کنید. اگر ثبت آن نادرست است، با ذکر دلیل ردش کنید.")


def started(record: MonitoringRecord) -> bool:
    """Whether the job's first day has come, in the county's calendar day."""
    return record.start_date <= today()


class EndOverlaps(Conflict):
    """A corrected end would reach into a later job of the person, with this agency or
    another: the end may come at the latest on the day that job starts."""

    def __init__(self, other: MonitoringRecord, record: MonitoringRecord, cleared: bool) -> None:
        since, name = format_date(other.start_date), other.agency.name
        whose = f"همین دستگاه («{name}»)" if other.agency_id == record.agency_id else f"«{name}»"
        held = f"این فرد از {since} با {whose} ثبت اشتغال دارد"
        if cleared:
            message = (f"{held}؛ پایان این اشتغال برداشته نمی‌شود. تاریخ پایانی تا {since} "
                       "برای آن بگذارید.")
        else:
            message = f"{held}؛ پایان این اشتغال نمی‌تواند پس از {since} باشد."
        super().__init__(message, field="end_date")
        self.holder = other


def later_job(record: MonitoringRecord, end_date: date | None) -> MonitoringRecord | None:
    """Another job of the person (rejected ones aside) within the days `record` would cover
    were it to end on `end_date` (None: going on), the earliest first."""
    query = select(MonitoringRecord).where(
        MonitoringRecord.person_id == record.person_id, MonitoringRecord.id != record.id,
        MonitoringRecord.status != RecordStatus.REJECTED,
        or_(MonitoringRecord.end_date.is_(None), MonitoringRecord.end_date > record.start_date))
    if end_date is not None:
        query = query.where(MonitoringRecord.start_date < end_date)
    return db.session.scalars(query.order_by(MonitoringRecord.start_date,
                                             MonitoringRecord.id)).first()


def correct_end(actor: User, record_id: int, end_date: date | None) -> MonitoringRecord:
    """An end set by mistake, set right: another day after the start, or none at all (the job
    goes on). The person may have been registered since, here or elsewhere, from the day she
    was free: an end reaching into that job is refused, naming it. The check gives the usual
    case its message; the database's overlap rule decides a race, as in create_record."""
    if actor.role not in (Role.AGENCY_OFFICER, Role.ADMIN):
        raise NotAllowed()
    record = own_record(actor, record_id, lock=True)
    if withdrawn(record):
        raise Conflict(f"{taken_back(record)}؛ پایان آن اصلاح نمی‌شود.")
    if record.status is RecordStatus.REJECTED:
        raise Conflict("این اشتغال در راستی‌آزمایی رد شده است و به حساب نمی‌آید؛ پایان آن "
                       "اصلاح نمی‌شود.")
    previous = record.end_date
    if previous is None:
        raise Conflict("برای این اشتغال پایانی ثبت نشده است که اصلاح شود؛ اگر پایان یافته "
                       "است، آن را با «پایان اشتغال» ثبت کنید.")
    if end_date == previous:
        raise InvalidInput({"end_date": [f"تاریخ پایان همین حالا {format_date(previous)} "
                                         "است؛ تاریخ دیگری وارد کنید."]})
    if end_date is not None and end_date <= record.start_date:
        raise InvalidInput({"end_date": [
            f"تاریخ پایان باید پس از تاریخ شروع ({format_date(record.start_date)}) باشد."]})
    if (other := later_job(record, end_date)) is not None:
        raise EndOverlaps(other, record, cleared=end_date is None)
    try:
        with db.session.begin_nested():
            record.end_date = end_date
    except IntegrityError:
        if (other := later_job(record, end_date)) is None:
            raise
        raise EndOverlaps(other, record, cleared=end_date is None) from None
    changed = {"end_date": end_date.isoformat()} if end_date else {"cleared": True}
    was = "ended" if previous <= today() else "ending"
    now = ("ended" if end_date <= today() else "ending") if end_date else record.status.value
    record_event(actor, "correct_end", "monitoring_record", record.id, from_state=was,
                 to_state=now, previous_end_date=previous.isoformat(), **changed)
    return record


@dataclass(frozen=True)
class Decision:
    """A decision on a record and, for a rejected hire, what else it undid (the inspector's
    message says so)."""

    record: MonitoringRecord
    undone: HireUndone | None = None


def decide(actor: User, record_id: int, verified: bool, reason: str | None = None,
           **evidence: Any) -> Decision:
    """An inspector (or the admin) verifies a registered job or rejects it with a reason;
    `evidence` (what a bulk check matched) goes into the audit entry. A decision is final: a
    rejected record no longer holds its person, who may since be registered elsewhere, so
    verifying it afterwards would give her two active jobs. Rejecting a hire's record undoes
    the hire in the same transaction (hire_rejection), whichever page decided it. A job is
    verified once it has started, never ahead: until its first day nobody can have seen it
    (an agency may register one up to a month ahead); rejecting it may come at any time."""
    if actor.role not in (Role.INSPECTOR, Role.ADMIN):
        raise NotAllowed()
    record = own_record(actor, record_id, lock=True)
    if withdrawn(record):
        raise Conflict(f"{taken_back(record)}؛ تأیید یا رد آن دیگر لازم نیست.")
    if record.status is not RecordStatus.REGISTERED:
        raise Conflict(f"وضعیت این اشتغال «{record.status.label}» است؛ فقط اشتغالی که در "
                       f"وضعیت «{RecordStatus.REGISTERED.label}» است تأیید یا رد می‌شود.")
    if verified and not started(record):
        raise Conflict(NOT_STARTED.format(start=format_date(record.start_date)))
    if not verified and not (reason or "").strip():
        raise InvalidInput({"reason": ["دلیل رد را بنویسید."]})
    before = record.status
    record.status = RecordStatus.VERIFIED if verified else RecordStatus.REJECTED
    record.rejection_reason = None if verified else reason.strip()
    record.verified_by_id, record.verified_at = actor.id, utcnow()
    db.session.flush()
    record_event(actor, "verify_job" if verified else "reject_job", "monitoring_record",
                 record.id, from_state=before.value, to_state=record.status.value,
                 reason=record.rejection_reason, **evidence)
    return Decision(record, None if verified else undo_hire(actor, record))
