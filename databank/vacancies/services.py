"""Vacancies: identified by their unit and the unit's reference; only the unit's own employer
may change them."""

from __future__ import annotations

import secrets
from collections import Counter
from typing import Any

from sqlalchemy import case, func, select

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db, paginate, twin_value
from databank.errors import Conflict, NotAllowed, NotFound
from databank.jalali import format_date, persian_digits, today
from databank.matches.services import refresh_for_vacancy
from databank.organisations.models import IndustrialUnit
from databank.vacancies.figures import hires_of, hold
from databank.vacancies.models import Vacancy, VacancyStatus, vacancy_code

S = VacancyStatus
# Where a vacancy may go from each state: a closed vacancy is reopened, not paused.
TRANSITIONS: dict[VacancyStatus, tuple[VacancyStatus, ...]] = {
    S.OPEN: (S.PAUSED, S.CLOSED),
    S.PAUSED: (S.OPEN, S.CLOSED),
    S.CLOSED: (S.OPEN,),
}
VACANCY_FIELDS = ("title", "positions", "min_degree", "fields", "skills", "gender", "status",
                  "deadline", "description", "city")
# Fields that may be stored empty: a None given for one of them clears it (the edit form's
# cleared field); for any other field, None is no value and changes nothing.
NULLABLE_FIELDS = ("min_degree", "gender", "deadline", "description", "city")
# A vacancy still in play (open, or paused to resume) that a new one of the same title repeats.
IN_PLAY = (S.OPEN, S.PAUSED)
REOPEN_SAME_TITLE = ("فرصت شغلی دیگری با عنوان «{title}» (کد {ref}) هنوز {status} است؛ با "
                     "بازگشایی این یکی، نامزدها دو بار به شما پیشنهاد می‌شوند. اگر برای همان "
                     "کار نیروی بیشتری می‌خواهید، ظرفیت همان فرصت را افزایش دهید؛ اگر این فرصت "
                     "دیگری است، فهرست را تازه کنید و «بازگشایی» را دوباره بزنید و تأیید کنید.")
CODE_TAKEN = ("فرصت شغلی «{title}» ({status}) با همین کد در واحد شما ثبت شده است. کد دیگری "
              "بنویسید یا خانه را خالی بگذارید تا کدی ساخته شود.")
SAME_TITLE = ("فرصت شغلی‌ای با همین عنوان در واحد شما هنوز باز یا متوقف است (مشخصات آن در زیر "
              "آمده است). اگر برای همان کار نیروی بیشتری می‌خواهید، ظرفیت همان فرصت را در صفحهٔ "
              "ویرایش آن افزایش دهید تا نامزدها دو بار به شما پیشنهاد نشوند؛ اگر این فرصت دیگری "
              "است، «این فرصت دیگری است» را علامت بزنید و فرم را دوباره بفرستید.")


def find_vacancy(unit: IndustrialUnit, ref: str) -> Vacancy | None:
    """A unit's vacancy by its code, typed in either case and digits of any script: «۰۰۲-۰۱»
    is 002-01, «v-3edb81a5» is V-3EDB81A5."""
    return db.session.scalar(select(Vacancy).where(Vacancy.unit_id == unit.id,
                                                   Vacancy.ref == vacancy_code(ref)))


def code_taken(unit: IndustrialUnit, ref: str) -> str | None:
    """What is said of a code the unit already holds, naming the vacancy holding it."""
    holder = find_vacancy(unit, ref)
    return None if holder is None else CODE_TAKEN.format(title=holder.title,
                                                         status=holder.status.label)


def new_ref() -> str:
    return "V-" + secrets.token_hex(4).upper()


def save_vacancy(unit: IndustrialUnit, data: dict[str, Any]) -> tuple[Vacancy, bool]:
    """Create or update the unit's vacancy with `data['ref']` (a new ref when none is given).
    Every path that changes a vacancy (the form, an import row) comes through here, so the
    positions are checked against the hires here."""
    ref = vacancy_code(data.get("ref") or new_ref())  # stored as it is compared
    vacancy = find_vacancy(unit, ref)
    created = vacancy is None
    hires = 0
    if vacancy is None:
        vacancy = Vacancy(unit=unit, ref=ref, city=unit.city, positions=1)
        db.session.add(vacancy)
    elif data.get("positions") is not None:
        hires = _hires_held(vacancy, data["positions"])
    for name in VACANCY_FIELDS:
        if name in data and (data[name] is not None or name in NULLABLE_FIELDS):
            setattr(vacancy, name, data[name])
    db.session.flush()
    if hires and hires >= vacancy.positions and vacancy.status is S.OPEN:
        _close_filled(vacancy)
    return vacancy, created


def _hires_held(vacancy: Vacancy, positions: int) -> int:
    """The vacancy's hires, counted with its row held until the commit (PostgreSQL), as a hire
    holds it (matches.review), so a hire cannot slip in between this count and the save.
    Positions may come down to the hires already made (the vacancy is then filled and closes,
    as the last hire would close it), never below: those people are already at work. A
    vacancy hired beyond its positions before this rule keeps them, so it can still be edited."""
    hold(vacancy)
    hires = hires_of(vacancy)
    if positions < hires and positions < vacancy.positions:
        raise Conflict(f"این فرصت شغلی {persian_digits(hires)} استخدام دارد؛ ظرفیت را نمی‌توان "
                       f"کمتر از {persian_digits(hires)} کرد.", field="positions")
    return hires


def _close_filled(vacancy: Vacancy) -> None:
    vacancy.status = S.CLOSED
    db.session.flush()
    record_event(None, "vacancy_filled", "vacancy", vacancy.id, from_state=S.OPEN.value,
                 to_state=S.CLOSED.value)


def _employer_unit(actor: User) -> IndustrialUnit:
    if actor.role is not Role.EMPLOYER:
        raise NotAllowed()
    if actor.unit_id is None:
        raise NotAllowed("ابتدا مشخصات واحد خود را ثبت کنید.")
    return db.session.get(IndustrialUnit, actor.unit_id)


def own_vacancy(actor: User, vacancy_id: int) -> Vacancy:
    """The employer's own vacancy; anyone else's is 'not found', not 'forbidden'."""
    vacancy = db.session.scalar(select(Vacancy).where(
        Vacancy.id == vacancy_id, Vacancy.unit_id == _employer_unit(actor).id))
    if vacancy is None:
        raise NotFound()
    return vacancy


def post_vacancy(actor: User, data: dict[str, Any]) -> Vacancy:
    """A title like that of a vacancy the unit has in play is asked about first (SAME_TITLE),
    unless `title_checked` says it is another vacancy: the form sent twice (Back and «انتشار»
    again) would otherwise post the vacancy twice and propose each graduate to it twice. The
    unit's row is held until the commit (PostgreSQL; SQLite takes one writer at a time), so
    two posts sent at once are checked one after the other."""
    unit = _employer_unit(actor)
    data = {**data, "ref": data.get("ref") or new_ref()}
    db.session.execute(select(IndustrialUnit.id).where(IndustrialUnit.id == unit.id)
                       .with_for_update())
    if (taken := code_taken(unit, data["ref"])) is not None:
        raise Conflict(taken, field="ref")
    if not data.get("title_checked") and namesakes(unit.id, data["title"]):
        raise Conflict(SAME_TITLE, field="title")
    vacancy, _ = save_vacancy(unit, data)
    record_event(actor, "post_vacancy", "vacancy", vacancy.id, to_state=vacancy.status.value)
    refresh_for_vacancy(vacancy)
    return vacancy


def namesakes(unit_id: int, title: str, *, besides: int | None = None) -> list[Vacancy]:
    """The unit's vacancies in play (open or paused) whose title keys as `title` does
    (matching's key: spacing, Arabic letters and case aside), oldest first; `besides`: the
    vacancy asked about, never its own namesake."""
    key = twin_value(title)
    if not key:
        return []
    return list(db.session.scalars(select(Vacancy).where(
        Vacancy.unit_id == unit_id, Vacancy.title_key == key, Vacancy.status.in_(IN_PLAY),
        Vacancy.id != (besides or 0)).order_by(Vacancy.created_at, Vacancy.id)))


def unit_vacancies(unit_id: int, page: int, per_page: int) -> Any:
    """A page of the unit's vacancies, open and paused first: a unit's closed vacancies pile up
    over the years and must not bury one in play."""
    return paginate(
        select(Vacancy).where(Vacancy.unit_id == unit_id)
        .order_by(case((Vacancy.status.in_(IN_PLAY), 0), else_=1),
                  Vacancy.created_at.desc(), Vacancy.id.desc()),
        per_page=per_page, page=page)


def titles_in_play(unit_id: int) -> Counter[str]:
    """How many of the unit's vacancies in play hold each title key, on any page of its list:
    reopening a closed one beside them asks the same-title question."""
    return Counter(dict(db.session.execute(
        select(Vacancy.title_key, func.count()).where(Vacancy.unit_id == unit_id,
                                                      Vacancy.status.in_(IN_PLAY))
        .group_by(Vacancy.title_key)).tuples().all()))


def renames_in_play(vacancy: Vacancy, title: str | None) -> bool:
    """Whether an edit gives a vacancy in play a title of another key: the edits the same-title
    question is asked of (a respelling of its own title, or a closed vacancy, is not)."""
    return vacancy.status in IN_PLAY and twin_value(title or "") != vacancy.title_key


def edit_vacancy(actor: User, vacancy_id: int, data: dict[str, Any]) -> Vacancy:
    """A vacancy in play renamed to the title of another in play is asked about as a new one
    is (post_vacancy): both would propose the same graduates twice."""
    vacancy = own_vacancy(actor, vacancy_id)
    if (renames_in_play(vacancy, data.get("title")) and not data.get("title_checked")
            and namesakes(vacancy.unit_id, data["title"], besides=vacancy.id)):
        raise Conflict(SAME_TITLE, field="title")
    data = {name: value for name, value in data.items() if name != "ref"}
    save_vacancy(vacancy.unit, {**data, "ref": vacancy.ref})
    record_event(actor, "edit_vacancy", "vacancy", vacancy.id)
    refresh_for_vacancy(vacancy)
    return vacancy


def allowed_statuses(vacancy: Vacancy, hires: int | None = None) -> tuple[VacancyStatus, ...]:
    """What the employer may do with the vacancy now: reopening waits for a deadline that
    has not passed, as an open vacancy's must not have, and for a free position (a filled
    vacancy reopened would take introductions it cannot hire). `hires` when the caller
    counted them already (a list page counts all its rows at once)."""
    return tuple(s for s in TRANSITIONS[vacancy.status]
                 if not (s is S.OPEN and _reopen_refusal(vacancy, hires)))


def _reopen_refusal(vacancy: Vacancy, hires: int | None = None, *,
                    by_file: bool = False) -> str | None:
    """Why the vacancy may not be opened again, in Persian; None when it may. `by_file`: the
    import's row, which carries the deadline and positions itself, is told to."""
    if vacancy.deadline is not None and vacancy.deadline < today():
        fix = ("در ستون «مهلت» همین ردیف روزی پیش رو بنویسید" if by_file
               else "پیش از بازگشایی، مهلت را در صفحهٔ ویرایش تمدید کنید")
        return f"مهلت این فرصت شغلی ({format_date(vacancy.deadline)}) گذشته است؛ {fix}."
    hires = hires_of(vacancy) if hires is None else hires
    if hires >= vacancy.positions:
        fix = ("برای باز ماندن، در ستون «تعداد» همین ردیف ظرفیتی بیش از استخدام‌ها بنویسید، یا "
               "«وضعیت» را «بسته» بنویسید" if by_file
               else "پیش از بازگشایی، ظرفیت را در صفحهٔ ویرایش افزایش دهید")
        return (f"همهٔ ظرفیت این فرصت شغلی ({persian_digits(vacancy.positions)} نفر) با "
                f"{persian_digits(hires)} استخدام پر شده است؛ {fix}.")
    return None


def set_status(actor: User, vacancy_id: int, status: VacancyStatus,
               title_checked: bool = False) -> Vacancy:
    """A closed vacancy reopened while another of its title is in play is asked about first
    (the list's button says so and carries `title_checked`; an older page does not)."""
    vacancy = own_vacancy(actor, vacancy_id)
    if (status is S.OPEN and vacancy.status not in IN_PLAY and not title_checked
            and (others := namesakes(vacancy.unit_id, vacancy.title, besides=vacancy.id))):
        raise Conflict(REOPEN_SAME_TITLE.format(title=vacancy.title, ref=others[0].ref,
                                                status=others[0].status.label), field="status")
    move_status(actor, vacancy, status)
    refresh_for_vacancy(vacancy)
    return vacancy


def move_status(actor: User | None, vacancy: Vacancy, status: VacancyStatus, *,
                by_file: bool = False) -> None:
    """Take the vacancy to `status` by the employer's rules (TRANSITIONS, and reopening only
    with a deadline ahead and a free position), audited; the caller refreshes its proposals.
    An import row moves a vacancy the same way (imports.services, `by_file`)."""
    before = vacancy.status
    if status is S.OPEN and status in TRANSITIONS[before]:
        hold(vacancy)  # the hires counted stay the hires until the commit
        refusal = _reopen_refusal(vacancy, by_file=by_file)
        if refusal is not None:
            raise Conflict(refusal, field="status")
    if status is before:
        raise Conflict(f"این فرصت شغلی از پیش «{before.label}» است؛ چیزی تغییر نکرد.",
                       field="status")
    if status not in TRANSITIONS[before]:
        raise Conflict(f"این فرصت شغلی «{before.label}» است و نمی‌توان آن را به وضعیت "
                       f"«{status.label}» برد.", field="status")
    vacancy.status = status
    db.session.flush()
    record_event(actor, "vacancy_status", "vacancy", vacancy.id, from_state=before.value,
                 to_state=status.value)


def vacancy_values(vacancy: Vacancy) -> dict[str, Any]:
    """The edit form's values, dates in Persian digits as every page shows them (the form's
    parser reads digits of any script)."""
    return {
        "ref": vacancy.ref, "title": vacancy.title, "positions": vacancy.positions,
        "min_degree": "" if vacancy.min_degree is None else str(vacancy.min_degree),
        "fields": "، ".join(vacancy.fields or []), "skills": "، ".join(vacancy.skills or []),
        "gender": vacancy.gender.value if vacancy.gender else "any",
        "deadline": format_date(vacancy.deadline),
        "description": vacancy.description or "", "city": vacancy.city or "",
    }
