"""Bulk import of graduates and vacancies (exports.py writes them back out).

Every row goes through the schema of the web form and the service of any other write, so an
imported graduate is exactly what an officer would have typed. A savepoint per row means a
refused row leaves nothing behind; a commit per batch means a long file neither holds one huge
transaction open nor loses the good rows when one is bad. `strict` turns that into all or
nothing. A file that cannot be read raises UnreadableFile before anything is stored."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from marshmallow import Schema, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import selectinload

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db, refresh_statistics, twin_value
from databank.errors import Conflict, DomainError
from databank.imports import duplicates
from databank.imports.cells import UNCOMPUTED, uncomputed
from databank.imports.columns import GRADUATES, KINDS, REASON_HEADER, Layout, layout
from databank.imports.errors import UnreadableFile
from databank.imports.readers import Table, open_table
from databank.imports.refused import (
    REPEATED_NATIONAL_ID,
    REPEATED_VACANCY,
    FirstRows,
    field_value,
    join_reasons,
    repeated,
)
from databank.imports.refused import write_error_file as write_refused
from databank.imports.schemas import VacancyRowSchema
from databank.imports.stored import (
    check_deadline,
    check_recorded_identity,
    graduate_would_change,
    listed_estate,
    persons_with_jobs,
    vacancy_would_change,
)
from databank.imports.writers import Target
from databank.jalali import persian_digits
from databank.matches.services import refresh_for_profiles, refresh_for_vacancies
from databank.organisations.close_names import close_units
from databank.organisations.models import IndustrialEstate, IndustrialUnit, University
from databank.organisations.services import (
    find_by_name,
    get_or_create_unit,
    same_workshop,
    workshop_holder,
)
from databank.people.models import GraduateProfile, Person
from databank.people.schemas import GraduateSchema
from databank.people.services import save_graduate
from databank.vacancies.models import Vacancy, VacancyStatus
from databank.vacancies.services import find_vacancy, move_status, save_vacancy
from databank.validation import fold_digits
from databank.vocabulary import Sector

log = logging.getLogger(__name__)
T = TypeVar("T")
Progress = Callable[[int], None]

BATCH_SIZE = 500
# Columns a spreadsheet may turn into numbers (13542419.0): the fraction is not the sender's.
NUMBER_COLUMNS = frozenset({"national_id", "mobile", "birth_year", "graduation_year",
                            "positions", "workshop_code"})
_WHOLE_NUMBER = re.compile(r"([0-9]+)\.0+")
DATABASE_REFUSAL = "این ردیف با اطلاعاتی که در بانک ثبت شده تعارض دارد و ذخیره نشد."
OWN_PROFILE = ("این دانش‌آموخته در سامانه حساب کاربری دارد و پروفایلش را خودش به‌روز می‌کند؛ "
               "این ردیف ذخیره نشد.")
EMPLOYERS_UNIT = ("واحد «{unit}» در سامانه حساب کارفرما دارد و فرصت‌های شغلی‌اش را کارفرما خودش "
                  "ثبت و به‌روز می‌کند؛ این ردیف ذخیره نشد.")
CLOSE_UNIT = ("واحدی با نام «{name}» در بانک نیست، ولی این واحدها نامی نزدیک دارند: {close}. اگر "
              "یکی از آن‌هاست، نامش را همان‌طور که در بانک است بنویسید؛ اگر واحد تازه‌ای است، در "
              "ستون «واحد تازه» (new_unit) این ردیف «بله» بنویسید (اگر فایل این ستون را ندارد، "
              "آن را بیفزایید). این ردیف ذخیره نشد.")
OTHER_ESTATE = ("واحد «{unit}» در بانک در «{stored}» ثبت شده است و این ردیف «{given}» را نام "
                "برده است. فایل شهرک واحد را تغییر نمی‌دهد: اگر واحد جابه‌جا شده، آن را در صفحهٔ "
                "«ویرایش مشخصات واحد» تغییر دهید؛ وگرنه همان «{stored}» را بنویسید یا این "
                "خانه را خالی بگذارید. این ردیف ذخیره نشد.")
OTHER_SECTOR = ("واحد «{unit}» در بانک در بخش «{stored}» ثبت شده است و این ردیف «{given}» نوشته "
                "است. فایل بخش واحد را تغییر نمی‌دهد: اگر بخش واحد اشتباه ثبت شده، آن را در صفحهٔ "
                "«ویرایش مشخصات واحد» تغییر دهید؛ وگرنه همان «{stored}» را بنویسید یا این "
                "خانه را خالی بگذارید. این ردیف ذخیره نشد.")


@dataclass(frozen=True)
class Problem:
    column: str
    reason: str


@dataclass
class RefusedRow:
    """A row as it was read, with what is wrong in it, for the report and the error file."""

    row: int
    cells: list[str]
    problems: list[Problem]

    @property
    def reason(self) -> str:
        parts = (f"{p.column}: {p.reason}" if p.column else p.reason for p in self.problems)
        return f"ردیف {persian_digits(self.row)} — " + join_reasons(parts)


@dataclass(frozen=True)
class Source:
    """A file that has been read through and whose columns were all found."""

    kind: str
    table: Table
    layout: Layout
    name: str


@dataclass
class ImportResult:
    kind: str
    format: str
    name: str
    strict: bool = False
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    # rows that say just what the bank holds (an export read back): counted, not written
    unchanged: int = 0
    refused: list[RefusedRow] = field(default_factory=list)
    stored: bool = True
    ignored_columns: tuple[str, ...] = ()
    possible_duplicates: int = 0

    def counts(self) -> dict[str, int]:
        return {"rows": self.rows_read, "created": self.created, "updated": self.updated,
                "refused": len(self.refused), "possible_duplicates": self.possible_duplicates,
                **({"unchanged": self.unchanged} if self.unchanged else {})}


def prepare(kind: str, path: Path, name: str | None = None) -> Source:
    """Read the file through and find its columns; raises UnreadableFile, stores nothing."""
    if kind not in KINDS:
        raise UnreadableFile("نوع داده باید دانش‌آموختگان یا فرصت‌های شغلی باشد.")
    table = open_table(Path(path))
    return Source(kind, table, layout(kind, table.headers), name or Path(path).name)


def import_file(kind: str, path: Path, **options: Any) -> ImportResult:
    return run_import(prepare(kind, path), **options)


def run_import(source: Source, *, actor: Any = None, strict: bool = False,
               progress: Progress | None = None, batch_size: int = BATCH_SIZE) -> ImportResult:
    result = ImportResult(source.kind, source.table.format, source.name, strict=strict,
                          ignored_columns=source.layout.ignored)
    store = _Graduates(result, source.layout) if source.kind == GRADUATES \
        else _Vacancies(result, source.layout, actor)
    try:
        for batch in _batches(source.table.records(), batch_size):
            rows = []
            for number, cells in batch:
                result.rows_read += 1
                formulas = _uncomputed(source.layout, cells)
                raw = {k: v for k, v in _raw(source.layout, cells).items() if k not in formulas}
                data, problems = _load(store.schema, source.layout, raw, formulas)
                problems[:0] = [Problem(source.layout.title_of(key), UNCOMPUTED)
                                for key in formulas] + store.repeated(raw, number)
                if problems:
                    result.refused.append(RefusedRow(number, cells, problems))
                else:
                    rows.append((number, cells, data))
            store.save(rows)
            if not strict:
                db.session.commit()
            if progress:
                progress(len(batch))
        # refused on loading and refused on saving, each batch in two runs: in file order
        result.refused.sort(key=lambda refused: refused.row)
        if strict and result.refused:
            db.session.rollback()
            result.stored, result.created, result.updated = False, 0, 0
            return result
        refresh_statistics(*store.tables)
        result.possible_duplicates = store.possible_duplicates()
        store.refresh_proposals()
        record_event(actor, f"import_{source.kind}", "import", None, file=source.name,
                     **result.counts())
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return result


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _raw(plan: Layout, cells: list[str]) -> dict[str, str]:
    """The row's cells by schema key; a number a spreadsheet made of a code loses its «.0»."""
    raw: dict[str, str] = {}
    for position, column in plan.positions.items():
        text = cells[position]
        if column.name in NUMBER_COLUMNS:
            whole = _WHOLE_NUMBER.fullmatch(fold_digits(text))
            text = whole.group(1) if whole else text
        raw[column.key] = text
    return raw


def _uncomputed(plan: Layout, cells: list[str]) -> list[str]:
    """The row's formula cells with no computed value, by schema key: refused as such, never
    read as blanks (and then refused again for the value they seem to lack)."""
    return uncomputed(cells, ((column.key, position)
                              for position, column in plan.positions.items()))


def _load(schema: Schema, plan: Layout, raw: dict[str, str], unread: Collection[str] = ()
          ) -> tuple[dict[str, Any], list[Problem]]:
    """The row through the form's schema. Only what the row says is kept: a column the file
    lacks, or a blank cell, leaves what the bank holds (skills, consent...) as it was. The
    `unread` keys (refused already) bring no message of their own."""
    try:
        loaded = schema.load(raw)
    except ValidationError as error:
        messages = error.messages
        if isinstance(messages, dict):
            messages = {key: value for key, value in messages.items() if key not in unread}
        return {}, _problems(plan, messages)
    return {name: value for name, value in loaded.items() if raw.get(name, "").strip()}, []


def _problems(plan: Layout, messages: Any) -> list[Problem]:
    if not isinstance(messages, dict):
        return [Problem("", message) for message in _flat(messages)]
    ordered = sorted(messages.items(), key=lambda item: plan.position_of(item[0]))
    return [Problem("" if name == "_schema" else plan.title_of(name), message)
            for name, value in ordered for message in _flat(value)]


def _flat(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [m for item in value.values() for m in _flat(item)]
    if isinstance(value, list | tuple):
        return [m for item in value for m in _flat(item)]
    return [str(value)]


class _Store:
    """Writes the validated rows of one batch, each in its own savepoint."""

    schema: Schema
    tables: tuple[type[Any], ...] = ()

    def __init__(self, result: ImportResult, plan: Layout) -> None:
        self.result, self.plan = result, plan
        self.first_rows = FirstRows()

    def repeated(self, raw: dict[str, str], number: int) -> list[Problem]:
        """The row refused when an earlier row of the file named the same record."""
        return []

    def save(self, rows: list[tuple[int, list[str], dict[str, Any]]]) -> None:
        raise NotImplementedError

    def possible_duplicates(self) -> int:
        return 0

    def refresh_proposals(self) -> None:
        """What the rows changed, matched again, so that no office reviews a proposal
        computed from what the bank held before the file."""

    def _refuse(self, number: int, cells: list[str], error: DomainError) -> None:
        column = self.plan.title_of(error.field) if error.field else ""
        self.result.refused.append(RefusedRow(number, cells, [Problem(column, error.message)]))

    def _write(self, number: int, cells: list[str], write: Callable[[], tuple[T, bool]]
               ) -> T | None:
        try:
            with db.session.begin_nested():
                written, created = write()
        except DomainError as error:
            self._refuse(number, cells, error)
            return None
        except (IntegrityError, DataError) as error:
            log.warning("import row %d refused by the database: %s", number,
                        type(error.orig).__name__)
            self.result.refused.append(RefusedRow(number, cells, [Problem("",
                                                                          DATABASE_REFUSAL)]))
            return None
        if created:
            self.result.created += 1
        else:
            self.result.updated += 1
        return written


class _Graduates(_Store):
    tables = (Person, GraduateProfile)  # what the file writes most (refresh_statistics)

    def __init__(self, result: ImportResult, plan: Layout) -> None:
        super().__init__(result, plan)
        self.schema = GraduateSchema()
        self.written: set[tuple[str, int | None]] = set()
        self.profile_ids: set[int] = set()
        self.universities: dict[str, int | None] = {}

    def repeated(self, raw: dict[str, str], number: int) -> list[Problem]:
        national_id = field_value(self.schema, "national_id", raw.get("national_id"))
        earlier = self.first_rows.earlier(national_id, number)
        return [Problem(self.plan.title_of("national_id"),
                        repeated(REPEATED_NATIONAL_ID, earlier))] if earlier else []

    def save(self, rows: list[tuple[int, list[str], dict[str, Any]]]) -> None:
        """One query finds the batch's known persons (a national ID comes once in a file:
        `repeated`). A row that says just what the bank holds of her is counted unchanged and
        written nowhere. A graduate who holds an account keeps her profile herself: a row that
        would change it is refused, never written over what she typed (her consent above
        all); one that says just what she holds is no attempt to, and is unchanged too. The
        name and gender of a person an agency registered a job for are what her jobs and the
        dashboard show: a row that would change them is refused (check_recorded_identity)."""
        ids = {data["national_id"] for _, _, data in rows}
        persons = {person.national_id: person for person in db.session.scalars(
            select(Person).where(Person.national_id.in_(ids))
            .options(selectinload(Person.profile)))} if ids else {}
        owners = set(db.session.scalars(select(User.person_id).where(
            User.person_id.in_([p.id for p in persons.values()])))) if persons else set()
        employed = persons_with_jobs([p.id for p in persons.values()])
        for number, cells, data in rows:
            person = persons.get(data["national_id"])
            if person is not None and person.id in employed:
                try:
                    data = check_recorded_identity(person, data)
                except Conflict as error:
                    self._refuse(number, cells, error)
                    continue
            if person is not None and not graduate_would_change(person, data,
                                                                self._university_id):
                self.result.unchanged += 1
                continue
            if person is not None and person.id in owners:
                self.result.refused.append(RefusedRow(number, cells, [Problem(
                    self.plan.title_of("national_id"), OWN_PROFILE)]))
                continue
            profile = self._write(number, cells, lambda d=data, p=person: save_graduate(d, p))
            if profile is not None:
                self.written.add((profile.person.name_key, profile.person.birth_year))
                self.profile_ids.add(profile.id)

    def _university_id(self, name: str) -> int | None:
        """The university a name leads to, looked up once per name in an import."""
        key = twin_value(name) or ""
        if key not in self.universities:
            found = find_by_name(University, name)
            self.universities[key] = found.id if found else None
        return self.universities[key]

    def possible_duplicates(self) -> int:
        return duplicates.groups_among(self.written)

    def refresh_proposals(self) -> None:
        refresh_for_profiles(self.profile_ids)


class _Vacancies(_Store):
    tables = (IndustrialUnit, Vacancy)

    def __init__(self, result: ImportResult, plan: Layout, actor: Any = None) -> None:
        super().__init__(result, plan)
        self.actor = actor  # who moves a vacancy to the state a row gives (audited)
        self.schema = VacancyRowSchema()
        self.units: dict[str, IndustrialUnit] = {}
        # names (keys) the bank does not hold, with the known units' names close to them: a
        # unit is never taken away during an import, so a close one found stays close
        self.close: dict[str, list[str]] = {}
        self.vacancy_ids: set[int] = set()

    def repeated(self, raw: dict[str, str], number: int) -> list[Problem]:
        """A vacancy is its unit (by normalised name, as _unit finds it) and its ref (digits
        of any script, as save_vacancy stores it)."""
        unit = field_value(self.schema, "unit_name", raw.get("unit_name"))
        ref = field_value(self.schema, "ref", raw.get("ref"))
        identity = (twin_value(unit), fold_digits(ref)) if unit and ref else None
        earlier = self.first_rows.earlier(identity, number)
        return [Problem(self.plan.title_of("ref"), repeated(
            REPEATED_VACANCY, earlier, ref=ref, unit=unit))] if earlier else []

    def save(self, rows: list[tuple[int, list[str], dict[str, Any]]]) -> None:
        """A row about a stored vacancy that says just what the bank holds of it and its unit
        (an office's export read back) is counted unchanged and written nowhere, whoever holds
        the unit. Any other row about a unit an employer holds is refused (_check_unit)."""
        for number, cells, data in rows:
            unit = self.units.get(twin_value(data["unit_name"]) or "") \
                or find_by_name(IndustrialUnit, data["unit_name"])
            stored = find_vacancy(unit, data["ref"]) if unit is not None else None
            if stored is not None and not vacancy_would_change(stored, unit, data):
                self.result.unchanged += 1
                continue
            vacancy = self._write(number, cells, lambda d=data, v=stored: self._save(d, v))
            if vacancy is None:
                self.units.clear()  # it may hold a unit that the savepoint took back
            else:
                self.vacancy_ids.add(vacancy.id)

    def refresh_proposals(self) -> None:
        refresh_for_vacancies(self.vacancy_ids)

    def _save(self, data: dict[str, Any], stored: Vacancy | None) -> tuple[Vacancy, bool]:
        """The unit first (a row it refuses is refused for that), then the deadline against
        the vacancy the bank holds, if any (check_deadline), then the state the row gives: a
        new vacancy starts in it (an office's export of a closed vacancy read into another
        bank stays closed); a stored one moves to it by the employer's rules (move_status),
        after the row's other values, so a row may extend a deadline and reopen at once."""
        unit = self._unit(data)
        data = dict(data)
        status = data.pop("status", None)
        if stored is not None and status is stored.status:
            status = None  # the state it has (an export's cell): the row asks for no move
        check_deadline(stored, data.get("deadline"),
                       opens=(status or VacancyStatus.OPEN) is VacancyStatus.OPEN)
        vacancy, created = save_vacancy(unit, data)
        if created and status is not None:
            vacancy.status = status
        elif status is not None and status is not vacancy.status:
            move_status(self.actor, vacancy, status, by_file=True)
        return vacancy, created

    def _unit(self, data: dict[str, Any]) -> IndustrialUnit:
        """The unit named in the row, matched by its normalised name; created (with its
        estate and workshop code) the first time the file names it. A code gives a known unit
        that lacks one its code; a code another unit holds, or not the unit's own, refuses
        the row (the code is how its employer later proves the unit is hers). A unit that an
        employer holds, or a new name close to a known unit's, refuses it too (_check_unit),
        as does an estate not on the county's list (listed_estate)."""
        name_key = twin_value(data["unit_name"]) or ""
        unit = self.units.get(name_key) or find_by_name(IndustrialUnit, data["unit_name"])
        self._check_unit(unit, data)
        code = data.get("workshop_code")
        if code:
            _check_code(unit, code)
        estate_name = data.get("industrial_estate")
        estate = listed_estate(estate_name) if estate_name else None
        if unit is None:
            unit = get_or_create_unit(data["unit_name"], estate=estate,
                                      sector=data.get("sector") or Sector.INDUSTRY,
                                      city=data.get("city"), workshop_code=code)
        else:
            _check_place(unit, estate, data.get("sector"))
            if unit.estate_id is None and estate is not None:
                unit.estate = estate
            if code and not unit.workshop_code:
                unit.workshop_code = code
        self.units[name_key] = unit
        return unit

    def _check_unit(self, unit: IndustrialUnit | None, data: dict[str, Any]) -> None:
        """A unit an employer account holds posts and keeps its vacancies herself: a row
        about it, new or known, is refused before anything of it is written. A name the bank
        does not hold but that comes close to a unit it does is refused, naming the close
        ones, unless the row says the unit is new: a file cannot be asked, as the forms ask,
        and a second unit for one employer would split her vacancies and hires in two."""
        if unit is not None:
            if employer_holds(unit):
                raise Conflict(EMPLOYERS_UNIT.format(unit=unit.name), field="unit_name")
            return
        if data.get("new_unit"):
            return
        key = twin_value(data["unit_name"]) or ""
        close = self.close.get(key) or [known.name for known in close_units(data["unit_name"])]
        if close:
            self.close[key] = close
            names = "، ".join(f"«{name}»" for name in close)
            raise Conflict(CLOSE_UNIT.format(name=" ".join(data["unit_name"].split()),
                                             close=names), field="unit_name")


def _check_place(unit: IndustrialUnit, estate: IndustrialEstate | None,
                 sector: Sector | None) -> None:
    """A vacancy row does not move a known unit to another estate or sector: a unit's place
    is corrected on its own page (organisations.unit_edit), once, not by whichever row of
    which file came last. A blank cell, or the unit's own value, says nothing against it."""
    if estate is not None and unit.estate is not None and unit.estate_id != estate.id:
        raise Conflict(OTHER_ESTATE.format(unit=unit.name, stored=unit.estate.name,
                                           given=estate.name), field="industrial_estate")
    if sector is not None and sector is not unit.sector:
        raise Conflict(OTHER_SECTOR.format(unit=unit.name, stored=unit.sector.label,
                                           given=sector.label), field="sector")


def employer_holds(unit: IndustrialUnit) -> bool:
    return db.session.scalar(select(User.id).where(
        User.unit_id == unit.id, User.role == Role.EMPLOYER).limit(1)) is not None


def _check_code(unit: IndustrialUnit | None, code: str) -> None:
    if unit is not None and unit.workshop_code:
        if not same_workshop(unit.workshop_code, code):
            raise Conflict(f"کد کارگاه «{unit.name}» در بانک «{persian_digits(unit.workshop_code)}»"
                           " است.", field="workshop_code")
        return
    holder = workshop_holder(code, unit.id if unit else None)
    if holder is not None:
        raise Conflict(f"این کد کارگاه برای واحد «{holder.name}» ثبت شده است.",
                       field="workshop_code")


def write_error_file(source: Source, result: ImportResult, target: Target) -> None:
    """The refused rows in the file's own format (refused.write_error_file)."""
    write_refused(target, source.table.format, source.table.headers, source.layout.reasons,
                  result.refused, REASON_HEADER)
