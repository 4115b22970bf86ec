"""Merging a unit into another: the same employer typed two ways, or imported twice under two
names, had its vacancies, hires and monitored jobs counted apart, and a holder on one half only.

The admin picks the unit kept. Everything that belongs to the other moves to it in one
transaction (vacancies, hires, monitoring records, the employer account), the details the kept
unit lacks are taken over, and the other's row stays as a pointer: its name, unique among the
units, then leads every form and import to the unit kept instead of creating it again. What
would make the two one wrongly is refused, and nothing moves: two different workshop codes (two
insurance workshops are two employers), two holders, a vacancy reference both use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from uuid import uuid4

from sqlalchemy import func, select, update

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db, twin_value
from databank.errors import Conflict, InvalidInput, NotAllowed, NotFound
from databank.jalali import persian_digits
from databank.monitoring.models import MonitoringRecord, Placement
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import same_workshop
from databank.vacancies.models import Vacancy

UNKNOWN_UNIT = "این واحد صنعتی در بانک ثبت نشده است."
MERGED = "واحد «{unit}» پیش‌تر در واحد «{kept}» ادغام شده است."
ITSELF = "واحدی را که نگه داشته می‌شود از میان واحدهای دیگر انتخاب کنید؛ واحد با خودش ادغام نمی‌شود."
NO_KEPT = "واحدی را که نگه داشته می‌شود انتخاب کنید."
TWO_CODES = ("کد کارگاه «{unit}» ({code}) با کد کارگاه «{kept}» ({kept_code}) یکی نیست: دو "
             "کارگاه بیمه دو کارفرمای جدا هستند و ادغام نمی‌شوند. اگر یکی از دو کد نادرست "
             "ثبت شده است، نخست آن را درست کنید.")
TWO_HOLDERS = ("هر دو واحد حساب کارفرما دارند («{holder}» و «{kept_holder}»)؛ واحد ادغام‌شده "
               "تنها یک حساب خواهد داشت. نخست حسابی را که نباید بماند از واحدش جدا کنید.")
SAME_REFS = ("کد فرصت {refs} در هر دو واحد به کار رفته است؛ پس از ادغام هر کد تنها یک فرصت "
             "را نشان می‌دهد. نخست کد یکی از دو فرصت را تغییر دهید یا فرصت تکراری را ببندید.")


@dataclass(frozen=True)
class Belongings:
    """What a unit holds, as the merge page shows it before anything moves."""

    vacancies: int
    placements: int
    records: int
    holder: User | None


def belongings(unit: IndustrialUnit) -> Belongings:
    def count(column: object) -> int:
        return db.session.scalar(select(func.count()).where(column == unit.id)) or 0

    return Belongings(vacancies=count(Vacancy.unit_id), placements=count(Placement.unit_id),
                      records=count(MonitoringRecord.unit_id),
                      holder=db.session.scalar(select(User).where(User.unit_id == unit.id)))


def mergeable_unit(unit_id: int) -> IndustrialUnit:
    """The unit a merge page is about: one that exists and was not merged already."""
    unit = db.session.get(IndustrialUnit, unit_id)
    if unit is None:
        raise NotFound(UNKNOWN_UNIT)
    if unit.merged_into_id is not None:
        raise NotFound(MERGED.format(unit=unit.name, kept=kept_unit(unit).name))
    return unit


def kept_unit(unit: IndustrialUnit) -> IndustrialUnit:
    """The unit a (possibly merged) unit stands for now; merges leave no chains (see below)."""
    if unit.merged_into_id is None:
        return unit
    return db.session.get(IndustrialUnit, unit.merged_into_id) or unit


@dataclass(frozen=True)
class Merged:
    """The unit kept, the name that now leads to it as well, and what moved to it."""

    kept: IndustrialUnit
    other_name: str
    moved: Belongings


def merge_units(actor: User, unit_id: int, kept_id: int | None, *,
                keep_merged_name: bool = False) -> Merged:
    """Merge unit `unit_id` into unit `kept_id`.
    With `keep_merged_name` the unit kept takes the other's name (the better written one, or
    the one its employer registered), and its own name leads to it from then on."""
    if actor.role is not Role.ADMIN:
        raise NotAllowed()
    if not kept_id:
        raise InvalidInput({"kept": [NO_KEPT]})
    if kept_id == unit_id:
        raise InvalidInput({"kept": [ITSELF]})
    unit, kept = _locked(unit_id, kept_id)
    merged_name, kept_name, moved = unit.name, kept.name, belongings(unit)
    kept_holder = db.session.scalar(select(User).where(User.unit_id == kept.id))
    _refuse_what_differs(unit, kept, moved.holder, kept_holder)
    for model in (Vacancy, Placement, MonitoringRecord, User):
        db.session.execute(update(model).where(model.unit_id == unit.id)
                           .values(unit_id=kept.id).execution_options(synchronize_session=False))
    code, unit.workshop_code = unit.workshop_code, None
    db.session.flush()  # the code is free before the kept unit takes it (it is unique)
    for attribute in ("estate_id", "city", "address", "phone"):
        if getattr(kept, attribute) in (None, ""):
            setattr(kept, attribute, getattr(unit, attribute))
    kept.workshop_code = kept.workshop_code or code
    unit.merged_into_id = kept.id
    db.session.execute(update(IndustrialUnit).where(IndustrialUnit.merged_into_id == unit.id)
                       .values(merged_into_id=kept.id)
                       .execution_options(synchronize_session=False))
    db.session.flush()
    if keep_merged_name:
        with former_name_given_back(kept, merged_name):
            kept.name = merged_name
    db.session.expire_all()  # the moved rows were updated in bulk, behind the session's back
    record_event(actor, "merge_units", "unit", kept_id, merged=merged_name, merged_id=unit_id,
                 vacancies=moved.vacancies, placements=moved.placements, records=moved.records,
                 **({"username": moved.holder.username} if moved.holder else {}))
    return Merged(kept=db.session.get(IndustrialUnit, kept_id),
                  other_name=kept_name if keep_merged_name else merged_name, moved=moved)


@contextmanager
def former_name_given_back(unit: IndustrialUnit, name: str) -> Iterator[None]:
    """Around a rename of `unit` to `name`: when `name` is the name of a unit merged into it,
    the two swap names (the merged row takes the unit's present one, which then leads to the
    unit as well). Both names are unique, so the merged row first steps aside under a name
    nobody types."""
    former = db.session.scalar(select(IndustrialUnit).where(
        IndustrialUnit.name_key == twin_value(name), IndustrialUnit.merged_into_id == unit.id))
    if former is None:
        yield
        return
    present = unit.name
    former.name = uuid4().hex  # a name nobody types, and short: the column holds 200
    db.session.flush()
    yield
    db.session.flush()  # the unit takes the name before the merged row takes the unit's
    former.name = present
    db.session.flush()


def _locked(unit_id: int, kept_id: int) -> tuple[IndustrialUnit, IndustrialUnit]:
    """Both rows, held until the commit (PostgreSQL) and read in the order of their ids, so
    two merges of the same pair in opposite directions wait for each other rather than both
    going through."""
    rows = {unit.id: unit for unit in db.session.scalars(
        select(IndustrialUnit).where(IndustrialUnit.id.in_((unit_id, kept_id)))
        .order_by(IndustrialUnit.id).with_for_update())}
    unit, kept = rows.get(unit_id), rows.get(kept_id)
    if unit is None:
        raise NotFound(UNKNOWN_UNIT)
    if unit.merged_into_id is not None:
        raise Conflict(MERGED.format(unit=unit.name, kept=kept_unit(unit).name))
    if kept is None:
        raise InvalidInput({"kept": [UNKNOWN_UNIT]})
    if kept.merged_into_id is not None:
        raise Conflict(MERGED.format(unit=kept.name, kept=kept_unit(kept).name), field="kept")
    return unit, kept


def _refuse_what_differs(unit: IndustrialUnit, kept: IndustrialUnit, holder: User | None,
                         kept_holder: User | None) -> None:
    if unit.workshop_code and kept.workshop_code and not same_workshop(kept.workshop_code,
                                                                       unit.workshop_code):
        raise Conflict(TWO_CODES.format(unit=unit.name, code=persian_digits(unit.workshop_code),
                                        kept=kept.name,
                                        kept_code=persian_digits(kept.workshop_code)))
    if holder is not None and kept_holder is not None:
        raise Conflict(TWO_HOLDERS.format(holder=holder.display_name,
                                          kept_holder=kept_holder.display_name))
    kept_refs = select(Vacancy.ref).where(Vacancy.unit_id == kept.id)
    shared = sorted(db.session.scalars(select(Vacancy.ref).where(
        Vacancy.unit_id == unit.id, Vacancy.ref.in_(kept_refs))))
    if shared:
        raise Conflict(SAME_REFS.format(refs="، ".join(f"«{ref}»" for ref in shared)))
