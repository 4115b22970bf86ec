"""Bulk verification (راستی‌آزمایی) against a social-insurance list.

A registered job counts in full once someone checked it. The insurance list is the cheapest
check: if the person is insured at the record's unit (the unit's workshop code) from about the
day the record says the job started, the job is real. Records the list does not confirm (and
jobs that have not started yet, whatever it says) stay registered, each with the reason, for
an inspector to visit; so does a record whose only insurance there starts after today or once
the job has ended, which is no evidence of it. The list's rows that explain no
record are listed too, and with the rows refused as unreadable they make the list's error file.
Reading the file stores nothing; verifying flushes and leaves the one commit to the caller, so a
run that fails midway verifies nothing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from databank import validation
from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db
from databank.errors import NotAllowed
from databank.imports.cells import UNCOMPUTED, uncomputed
from databank.imports.columns import REASON_ALIASES, REASON_HEADER, Column, locate
from databank.imports.readers import open_table
from databank.imports.refused import join_reasons
from databank.imports.refused import write_error_file as write_refused
from databank.imports.writers import Target
from databank.jalali import format_date, today
from databank.jalali import persian_digits as fa
from databank.monitoring.models import MonitoringRecord, RecordStatus
from databank.monitoring.services import decide, started
from databank.organisations.models import IndustrialUnit
from databank.people.models import Person
from databank.validation import whole_number, workshop_key


@dataclass(frozen=True)
class Window:
    days_before: int
    days_after: int

    def bounds(self, start: date) -> tuple[date, date]:
        return start - timedelta(days=self.days_before), start + timedelta(days=self.days_after)


# How far the insured start may sit from the job's start. After: an employer files a month's
# list by the end of the next month and new staff are often added a list late, so up to two
# months. Before: the start an agency records is often when its programme took the person on,
# a few weeks after the hire; insured longer before than that, the person already worked there
# and the programme did not create the job.
INSURANCE_WINDOW = Window(days_before=45, days_after=60)

VERIFIERS = (Role.INSPECTOR, Role.ADMIN)
_CHUNK = 500

NOT_STARTED = "اشتغال از {start} شروع می‌شود و پیش از شروع تأیید نمی‌شود."
NO_INSURANCE = "در فهرست بیمه ردیفی برای این فرد نیست."
NO_UNIT = "اشتغال به واحدی وصل نیست و با کد کارگاه سنجیده نمی‌شود."
NO_WORKSHOP_CODE = ("واحد «{unit}» کد کارگاه بیمه ندارد؛ کد را در مشخصات واحد ثبت کنید تا "
                    "سنجیده شود.")
OTHER_WORKSHOP = "در کارگاه دیگری بیمه است (کد {codes})، نه در کارگاه واحد (کد {code})."
TOO_EARLY = ("بیمه در این کارگاه از {insured}، بیش از {days} روز پیش از شروع اشتغال "
             "({start}) است.")
TOO_LATE = ("بیمه در این کارگاه از {insured}، بیش از {days} روز پس از شروع اشتغال "
            "({start}) است.")
NOT_YET_INSURED = ("بیمه در این کارگاه از {insured} است که هنوز نرسیده است (امروز {today})؛ "
                   "بیمه‌ای که شروع نشده گواه اشتغال نیست. پس از آن روز فهرست را دوباره بفرستید.")
INSURED_AFTER_END = ("بیمه در این کارگاه از {insured} است، نه پیش از پایان اشتغال ({end})؛ "
                     "بیمه‌ای که از پایان اشتغال به بعد شروع شود گواه آن نیست.")
NO_RECORD = "برای این کد ملی اشتغالی (جز ردشده) در بانک نیست."
OTHER_UNIT = "اشتغال این فرد در بانک در این کارگاه ثبت نشده است؛ واحد ثبت‌شده: {units}."

INSURANCE_COLUMNS = (
    Column("national_id", "کد ملی", ("کدملی", "شماره ملی"), required=True),
    Column("workshop_code", "کد کارگاه", ("کدکارگاه", "شماره کارگاه", "کد کارگاه بیمه"),
           required=True),
    Column("employer_name", "نام کارفرما", ("کارفرما", "نام کارگاه")),
    Column("start_date", "تاریخ شروع بیمه", ("تاریخ شروع", "شروع بیمه", "تاریخ شروع به کار"),
           required=True),
)


# Reading a table's columns: shared by this list and the job import.

@dataclass(frozen=True)
class Columns:
    """Where each known column sits in a file, and how messages name each column: its
    Persian label, with the sender's header when that was English (Column.title)."""

    positions: dict[str, int]
    titles: dict[str, str]
    ignored: tuple[str, ...]

    def values(self, cells: Sequence[str]) -> dict[str, str]:
        return {key: cells[position].strip() for key, position in self.positions.items()}


def locate_columns(headers: Sequence[str], columns: Sequence[Column]) -> Columns:
    """Each column's position and title (see imports' locate); a column the file lacks is
    titled by its label, for a message about it all the same."""
    positions, ignored, _ = locate(headers, columns)
    given = {c.key: headers[p] for p, c in positions.items()}
    return Columns({c.key: p for p, c in positions.items()},
                   {c.key: c.title(given.get(c.key, "")) for c in columns}, ignored)


# The list as read.

@dataclass(frozen=True)
class InsuranceRow:
    """A row as checked; `cells` as read, for the error file should it explain no record."""

    row: int
    national_id: str
    workshop_code: str
    employer_name: str
    start_date: date
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class RefusedRow:
    row: int
    problems: tuple[tuple[str, str], ...]
    cells: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        return join_reasons(f"{column}: {message}" for column, message in self.problems)


@dataclass(frozen=True)
class InsuranceList:
    """The list as read. `headers`, `format` and `reasons` (the positions of a reason column,
    an error file sent back) are what its error file is written with."""

    name: str
    rows_read: int
    rows: tuple[InsuranceRow, ...]
    refused: tuple[RefusedRow, ...]
    ignored_columns: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    format: str = "csv"
    reasons: tuple[int, ...] = ()


def read_insurance_list(path: Path, name: str | None = None) -> InsuranceList:
    """Read and check every row; raises UnreadableFile for a file that is not a list at all.
    A reason column (the list's error file, fixed and sent back) is set aside unread."""
    table = open_table(Path(path))
    _, _, reasons = locate(table.headers, (), REASON_ALIASES)
    columns = locate_columns(["" if position in reasons else header
                              for position, header in enumerate(table.headers)],
                             INSURANCE_COLUMNS)
    rows: list[InsuranceRow] = []
    refused: list[RefusedRow] = []
    count = 0
    for number, cells in table.records():
        count += 1
        row = _insurance_row(number, columns, cells)
        (rows if isinstance(row, InsuranceRow) else refused).append(row)
    return InsuranceList(name or Path(path).name, count, tuple(rows), tuple(refused),
                         columns.ignored, tuple(table.headers), table.format, tuple(reasons))


def _insurance_row(number: int, columns: Columns, cells: Sequence[str]
                   ) -> InsuranceRow | RefusedRow:
    """The row checked, each problem named by its column; a formula with no computed value
    is one (cells.UncomputedFormula), in whichever column."""
    values = columns.values(cells)
    formulas = set(uncomputed(cells, columns.positions.items()))
    problems: list[tuple[str, str]] = []
    checked = {}
    for key in (column.key for column in INSURANCE_COLUMNS):
        if key in formulas:
            problems.append((columns.titles[key], UNCOMPUTED))
            continue
        try:
            if key in _CHECKS:
                checked[key] = _CHECKS[key](values.get(key, ""))
        except validation.InvalidValue as error:
            problems.append((columns.titles[key], error.message))
    if problems:
        return RefusedRow(number, tuple(problems), tuple(cells))
    return InsuranceRow(number, checked["national_id"], checked["workshop_code"],
                        values.get("employer_name", ""), checked["start_date"], tuple(cells))


def _workshop_code(raw: str) -> str:
    code = validation.fold_digits(whole_number(raw)).strip()
    if not code:
        raise validation.InvalidValue("کد کارگاه را وارد کنید.")
    if len(code) > 20:
        raise validation.InvalidValue("کد کارگاه بیش از ۲۰ نویسه است.")
    return code


def _start_date(raw: str) -> date:
    if not raw:
        raise validation.InvalidValue("تاریخ شروع بیمه را وارد کنید.")
    return validation.jalali_date(raw)


_CHECKS: dict[str, Callable[[str], Any]] = {
    "national_id": lambda raw: validation.national_id(whole_number(raw)),
    "workshop_code": _workshop_code,
    "start_date": _start_date,
}


# Verifying.

@dataclass(frozen=True)
class RecordLine:
    """A registered record as the summary shows it; `reason` says why it stays registered."""

    record_id: int
    full_name: str
    national_id: str
    agency: str
    unit: str
    start_date: date
    reason: str = ""


@dataclass(frozen=True)
class UnmatchedRow:
    row: int
    national_id: str
    workshop_code: str
    employer_name: str
    start_date: date
    reason: str
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class ErrorRow:
    """A row of the list in its error file: its cells as read, and why it verified nothing."""

    cells: tuple[str, ...]
    reason: str


@dataclass
class VerificationResult:
    name: str
    rows_read: int
    refused: tuple[RefusedRow, ...]
    verified: list[RecordLine] = field(default_factory=list)
    pending: list[RecordLine] = field(default_factory=list)
    unmatched: list[UnmatchedRow] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        return {"rows": self.rows_read, "verified": len(self.verified),
                "still_registered": len(self.pending), "unmatched": len(self.unmatched),
                "refused": len(self.refused)}

    def error_rows(self) -> list[ErrorRow]:
        """The list's rows that were refused or explain no record, in the list's order: what
        the inspector takes back to the insurance office or the agency to sort out."""
        rows = [(row.row, row.cells, row.reason) for row in (*self.refused, *self.unmatched)]
        return [ErrorRow(cells, f"ردیف {fa(number)} — {reason}")
                for number, cells, reason in sorted(rows, key=lambda row: row[0])]


def write_error_file(insurance: InsuranceList, result: VerificationResult, target: Target,
                     fmt: str | None = None) -> None:
    """The error rows under the list's own header, with their reasons under a Persian header
    as the imports' («دلیل رد»), in `fmt` (by default the list's own format), as the imports
    write theirs (refused.write_error_file). Sent back, either header is set aside."""
    write_refused(target, fmt or insurance.format, insurance.headers, insurance.reasons,
                  result.error_rows(), REASON_HEADER)


def verify_insured(actor: User, insurance: InsuranceList) -> VerificationResult:
    """Verify every active registered record the list confirms; the caller commits."""
    if actor.role not in VERIFIERS:
        raise NotAllowed("راستی‌آزمایی فقط کار بازرس یا مدیر سامانه است.")
    insured: dict[str, list[InsuranceRow]] = defaultdict(list)
    for row in insurance.rows:
        insured[row.national_id].append(row)
    result = VerificationResult(insurance.name, insurance.rows_read, insurance.refused,
                                ignored_columns=insurance.ignored_columns)
    for record in _registered_records():
        evidence, reason = _evidence(record, insured.get(record.person.national_id, []))
        if evidence is None:
            result.pending.append(_line(record, reason))
            continue
        decide(actor, record.id, True, source="insurance_list", file=insurance.name,
               row=evidence.row, workshop_code=evidence.workshop_code,
               insured_from=evidence.start_date.isoformat())
        result.verified.append(_line(record))
    result.unmatched = _unmatched(insurance.rows)
    record_event(actor, "verify_insured", "insurance_list", None, file=insurance.name,
                 **result.counts())
    db.session.flush()
    return result


def _registered_records() -> list[MonitoringRecord]:
    """Records awaiting a decision, ended ones too: a job that has since ended was still a job
    of its year, and the list's row around its start proves it as well as for one that lasts
    (an inspector verifies ended ones one by one just the same)."""
    return list(db.session.scalars(
        select(MonitoringRecord)
        .where(MonitoringRecord.status == RecordStatus.REGISTERED)
        .options(joinedload(MonitoringRecord.person), joinedload(MonitoringRecord.agency),
                 joinedload(MonitoringRecord.unit))
        .order_by(MonitoringRecord.id)))


def _evidence(record: MonitoringRecord, rows: list[InsuranceRow]
              ) -> tuple[InsuranceRow | None, str]:
    """The row that confirms the record, or None and why not. A job that has not started is
    not verified whatever the list says (services.decide): an employer may insure a person
    from her first day, which has not come."""
    if not started(record):
        return None, NOT_STARTED.format(start=format_date(record.start_date))
    if not rows:
        return None, NO_INSURANCE
    if record.unit is None:
        return None, NO_UNIT
    code = workshop_key(record.unit.workshop_code)
    if not code:
        return None, NO_WORKSHOP_CODE.format(unit=record.unit.name)
    here = [row for row in rows if workshop_key(row.workshop_code) == code]
    if not here:
        codes = "، ".join(dict.fromkeys(fa(row.workshop_code) for row in rows))
        return None, OTHER_WORKSHOP.format(codes=codes, code=fa(record.unit.workshop_code))
    low, high = INSURANCE_WINDOW.bounds(record.start_date)
    inside = sorted((row for row in here if low <= row.start_date <= high),
                    key=lambda row: abs(row.start_date - record.start_date))
    judged = [(row, _no_evidence(record, row)) for row in inside]
    if proof := [row for row, reason in judged if not reason]:
        return proof[0], ""
    if judged:  # in the window, yet no evidence: said of the row nearest the start
        return None, judged[0][1]
    nearest = min(here, key=lambda row: min(abs(row.start_date - low),
                                             abs(row.start_date - high)))
    early = nearest.start_date < low
    return None, (TOO_EARLY if early else TOO_LATE).format(
        insured=format_date(nearest.start_date), start=format_date(record.start_date),
        days=fa(INSURANCE_WINDOW.days_before if early else INSURANCE_WINDOW.days_after))


def _no_evidence(record: MonitoringRecord, row: InsuranceRow) -> str:
    """Why a row in the window still proves nothing, or "". Insurance starting after today is
    a promise (an employer may file a person ahead, as an agency registers a job ahead), and
    verification is final; insurance from the job's end on (`end_date` is the first day she
    is free) covers no day of it."""
    if record.end_date is not None and row.start_date >= record.end_date:
        return INSURED_AFTER_END.format(insured=format_date(row.start_date),
                                        end=format_date(record.end_date))
    if row.start_date > (now := today()):
        return NOT_YET_INSURED.format(insured=format_date(row.start_date),
                                      today=format_date(now))
    return ""


def _line(record: MonitoringRecord, reason: str = "") -> RecordLine:
    unit = record.unit.name if record.unit else (record.employer_name or "")
    return RecordLine(record.id, record.person.full_name, record.person.national_id,
                      record.agency.name, unit, record.start_date, reason)


def _unmatched(rows: Iterable[InsuranceRow]) -> list[UnmatchedRow]:
    """Rows whose person has no registered or verified record at that workshop."""
    rows = list(rows)
    units = _record_units({row.national_id for row in rows})
    unmatched = []
    for row in rows:
        held = units.get(row.national_id, [])
        if any(workshop_key(unit.workshop_code) == workshop_key(row.workshop_code)
               for unit in held if unit is not None):
            continue
        reason = OTHER_UNIT.format(units=_unit_names(held)) if held else NO_RECORD
        unmatched.append(UnmatchedRow(row.row, row.national_id, row.workshop_code,
                                      row.employer_name, row.start_date, reason, row.cells))
    return unmatched


def _record_units(national_ids: set[str]) -> dict[str, list[IndustrialUnit | None]]:
    units: dict[str, list[IndustrialUnit | None]] = defaultdict(list)
    ordered = sorted(national_ids)
    for start in range(0, len(ordered), _CHUNK):
        statement = (select(Person.national_id, IndustrialUnit)
                     .join(MonitoringRecord, MonitoringRecord.person_id == Person.id)
                     .outerjoin(IndustrialUnit, IndustrialUnit.id == MonitoringRecord.unit_id)
                     .where(Person.national_id.in_(ordered[start:start + _CHUNK]),
                            MonitoringRecord.status != RecordStatus.REJECTED))
        for national_id, unit in db.session.execute(statement):
            units[national_id].append(unit)
    return units


def _unit_names(units: list[IndustrialUnit | None]) -> str:
    names = []
    for unit in units:
        if unit is None:
            names.append("بدون واحد")
        elif unit.workshop_code:
            names.append(f"«{unit.name}» (کد {fa(unit.workshop_code)})")
        else:
            names.append(f"«{unit.name}» (بدون کد کارگاه)")
    return "، ".join(dict.fromkeys(names))
