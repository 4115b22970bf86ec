"""Finding or creating the county's organisations by their normalised names, so the same
estate typed two ways is one estate."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.collation import in_persian_order
from databank.db import db, twin_value
from databank.errors import InvalidInput, NotAllowed
from databank.jalali import persian_digits
from databank.monitoring.models import Commitment
from databank.organisations.agency_retirement import refuse_retired
from databank.organisations.models import (
    Agency,
    IndustrialEstate,
    IndustrialUnit,
    PlacementOffice,
    University,
    UniversityKind,
)
from databank.validation import workshop_key
from databank.vocabulary import Sector

M = TypeVar("M", University, IndustrialEstate, IndustrialUnit, Agency, PlacementOffice)


def find_by_name(model: type[M], name: str) -> M | None:
    """The organisation of that name in any spelling; the name of a unit or university that
    was merged into another leads to the one kept (see unit_merge, university_merge)."""
    found = db.session.scalar(select(model).where(model.name_key == twin_value(name)))
    kept_id = getattr(found, "merged_into_id", None)
    if kept_id is not None:
        return db.session.get(model, kept_id)
    return found


def workshop_holder(code: str, except_id: int | None = None) -> IndustrialUnit | None:
    """The unit that already holds an insurance workshop code, compared as workshop_key does
    (digits of either script, leading zeros a spreadsheet dropped not counting). Nothing
    pending is flushed by the look-up: a duplicate code set on a unit and flushed here would
    fail the unique constraint before anyone could say which unit holds it."""
    wanted = workshop_key(code)
    spellings = sorted({wanted, persian_digits(wanted)})
    with db.session.no_autoflush:
        return db.session.scalars(select(IndustrialUnit).where(
            func.ltrim(IndustrialUnit.workshop_code, "0۰").in_(spellings),
            IndustrialUnit.id != (except_id or 0)).limit(1)).first()


def same_workshop(stored: str | None, typed: str | None) -> bool:
    return bool(stored) and workshop_key(stored) == workshop_key(typed)


def university_names() -> list[str]:
    """What the graduate forms offer to pick from (a new name may still be typed): the
    county's list the admin keeps. A name someone typed waits off it until the admin confirms
    or merges it (the public sign-up would otherwise show any stranger's text to everyone); a
    merged university's name is not offered, though typed it still leads to the one kept."""
    return in_persian_order(db.session.scalars(select(University.name)
                                               .where(University.merged_into_id.is_(None),
                                                      University.listed.is_(True))
                                               .order_by(University.id)),
                            lambda name: name)


def chosen(model: type[M], ident: int | None, field: str) -> M:
    """The organisation a form picked from a list; a stale or forged id is a field error."""
    obj = db.session.get(model, ident) if ident else None
    if obj is None:
        raise InvalidInput({field: ["گزینهٔ انتخاب‌شده وجود ندارد."]})
    if isinstance(obj, Agency):  # a stale form may still offer a retired agency
        refuse_retired(obj, field)
    return obj


def _get_or_create(model: type[M], name: str, **values: Any) -> M:
    found = find_by_name(model, name)
    if found is not None:
        return found
    try:
        with db.session.begin_nested():
            obj = model(name=" ".join(name.split()))
            db.session.add(obj)
            for attribute, value in values.items():
                setattr(obj, attribute, value)
            db.session.flush()
    except IntegrityError:  # created by a concurrent request a moment ago: use that one
        found = find_by_name(model, name)
        if found is None:
            raise
        return found
    return obj


def get_or_create_university(name: str, kind: UniversityKind = UniversityKind.OTHER,
                             city: str | None = None, *, listed: bool = True) -> University:
    """The university a graduate named, held (FOR SHARE on PostgreSQL) until the commit: a
    merge of it running meanwhile either waits for this graduate and then moves her too, or
    has committed first and its name is followed to the university kept. (SQLite takes one
    writer at a time.)

    `listed`: whether the caller vouches for the name (the demo seed does): it is then on the
    list the forms offer. A name a graduate typed or a file carried is not vouched for
    (save_graduate passes False): a new one is stored unlisted, for the admin to confirm."""
    university = _get_or_create(University, name, kind=kind, city=city, listed=listed)
    for _ in range(2):  # a merge leaves no chains: the kept one is never merged itself
        held = db.session.scalar(select(University).where(University.id == university.id)
                                 .with_for_update(read=True)
                                 .execution_options(populate_existing=True))
        if held is None or held.merged_into_id is None:
            university = held or university
            break
        university = db.session.get(University, held.merged_into_id) or held
    if listed and not university.listed:
        university.listed = True
        db.session.flush()
    return university


def get_or_create_estate(name: str, city: str | None = None) -> IndustrialEstate:
    return _get_or_create(IndustrialEstate, name, city=city)


def get_or_create_unit(name: str, *, estate: IndustrialEstate | None = None,
                       sector: Sector = Sector.INDUSTRY, city: str | None = None,
                       **details: Any) -> IndustrialUnit:
    return _get_or_create(IndustrialUnit, name, estate=estate, sector=sector, city=city,
                          **details)


def get_or_create_agency(name: str) -> Agency:
    return _get_or_create(Agency, name)


def get_or_create_office(name: str, agency: Agency | None = None,
                         city: str | None = None) -> PlacementOffice:
    return _get_or_create(PlacementOffice, name, agency=agency, city=city)


def _commitment(agency: Agency, year: int) -> Commitment | None:
    return db.session.scalar(select(Commitment).where(
        Commitment.agency_id == agency.id, Commitment.year == year))


def set_commitment(actor: User | None, agency: Agency, year: int, target: int) -> Commitment:
    """An agency's yearly commitment; setting it again replaces the target (and is audited)."""
    if actor is not None and actor.role is not Role.ADMIN:
        raise NotAllowed()
    commitment = _commitment(agency, year)
    before = commitment.target if commitment else None
    if commitment is None:
        try:
            with db.session.begin_nested():
                commitment = Commitment(agency=agency, year=year, target=target)
                db.session.add(commitment)
        except IntegrityError:  # another admin set it a moment ago: this one replaces it
            commitment = _commitment(agency, year)
            if commitment is None:
                raise
            before = commitment.target
    commitment.target = target
    db.session.flush()
    record_event(actor, "set_commitment", "commitment", commitment.id,
                 from_state=None if before is None else str(before), to_state=str(target),
                 agency=agency.name, year=year)
    return commitment


def agency_choices() -> list[tuple[int, str]]:
    """The agencies a form may credit: every one but those retired (agency_retirement)."""
    rows = db.session.execute(select(Agency.id, Agency.name).where(Agency.retired.is_(False))
                              .order_by(Agency.id)).tuples()
    return in_persian_order(rows, lambda row: row[1])


def name_options(model: type) -> list[tuple[int, str]]:
    """(id, name) of every row, by name, for a filter's drop-down; a merged unit or
    university, which holds nothing any more, is left out."""
    query = select(model.id, model.name).order_by(model.id)
    if model in (IndustrialUnit, University):
        query = query.where(model.merged_into_id.is_(None))
    return in_persian_order(db.session.execute(query).tuples(), lambda row: row[1])
