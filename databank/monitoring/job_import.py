"""Jobs an agency's programme created outside the databank, registered from a spreadsheet.

Each row is what an agency officer would have typed in the job form: it loads through the same
JobRecordSchema and is written by the same register_job, in a savepoint of its own, so a
refused row (bad data, or a person another agency already holds) leaves nothing behind and
never costs the good rows. As the graduates import does, the good rows are committed a batch
at a time. An agency officer imports for her own agency only; the admin names the agency of
each row in an `agency` column.

A file is often sent again whole (its error file fixed, or a month's list re-sent): a row that
is the very job this agency holds is counted unchanged, not refused, so it is never sent back
to be fixed; a mobile the bank keeps as it was is said in the row's note."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from marshmallow import ValidationError
from sqlalchemy.exc import DataError, IntegrityError

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db
from databank.errors import DomainError, InvalidInput, NotAllowed
from databank.imports.cells import UNCOMPUTED, uncomputed
from databank.imports.columns import REASON_ALIASES, REASON_HEADER, Column, locate
from databank.imports.errors import UnreadableFile
from databank.imports.readers import Table, open_table
from databank.imports.refused import (
    REPEATED_OPEN_JOB,
    FirstRows,
    field_value,
    join_reasons,
    repeated,
)
from databank.imports.refused import write_error_file as write_refused
from databank.imports.writers import Target
from databank.jalali import persian_digits as fa
from databank.monitoring.models import MonitoringRecord
from databank.monitoring.schemas import JobRecordSchema
from databank.monitoring.services import AlreadyRegistered, kept_mobile, register_job
from databank.monitoring.verification import Columns, locate_columns, whole_number
from databank.organisations.close_names import close_units
from databank.organisations.models import Agency, IndustrialUnit
from databank.organisations.services import find_by_name

log = logging.getLogger(__name__)

IMPORTERS = (Role.AGENCY_OFFICER, Role.ADMIN)
BATCH_SIZE = 500
NUMBER_COLUMNS = ("national_id", "mobile", "workshop_code")
DATABASE_REFUSAL = "این ردیف با اطلاعاتی که در بانک ثبت شده تعارض دارد و ذخیره نشد."
UNKNOWN_AGENCY = ("دستگاه اجرایی «{name}» در بانک ثبت نشده است؛ نام را مانند فهرست دستگاه‌ها "
                  "بنویسید.")
NEEDS_AGENCY = ("ستون «دستگاه اجرایی» (agency) در فایل نیست؛ مدیر سامانه باید دستگاه هر ردیف "
                "را در این ستون بنویسد.")
# An admin's row with no agency: the form's «دستگاه اجرایی را انتخاب کنید» asks for a choice a
# file cannot make; the sender writes the name in the cell.
BLANK_AGENCY = ("دستگاه اجرایی این ردیف نوشته نشده است؛ نام دستگاهی را که این اشتغال به حساب "
                "آن ثبت می‌شود، همان‌طور که در بانک ثبت شده است، در این خانه بنویسید.")

JOB_COLUMNS = (
    Column("national_id", "کد ملی", ("کدملی", "شماره ملی"), required=True),
    Column("first_name", "نام", required=True),
    Column("last_name", "نام خانوادگی", ("نام‌خانوادگی", "فامیلی"), required=True),
    Column("gender", "جنسیت", ("جنس",), required=True),
    Column("mobile", "تلفن همراه", ("موبایل", "شماره همراه", "شماره موبایل")),
    Column("unit_name", "نام واحد", ("واحد", "نام واحد صنعتی", "کارفرما", "نام کارفرما")),
    Column("workshop_code", "کد کارگاه", ("کدکارگاه", "شماره کارگاه", "کد کارگاه بیمه")),
    Column("sector", "بخش", ("بخش اقتصادی",), required=True),
    Column("start_date", "تاریخ شروع", ("تاریخ شروع به کار", "تاریخ شروع اشتغال",
                                        "تاریخ اشتغال"), required=True),
    # optional: a job that has ended is filed with its end, and holds her only until then
    Column("end_date", "تاریخ پایان", ("تاریخ پایان اشتغال", "تاریخ پایان کار",
                                       "تاریخ ترک کار")),
    # «بله»: the unit named is new, though its name comes close to a known unit's (the form's
    # «واحد تازه است»); not in the empty file, which describes jobs, the refusal names it
    Column("new_unit", "واحد تازه", ("واحد تازه است", "واحد جدید", "واحد جدید است"),
           exported=False),
    Column("agency", "دستگاه اجرایی", ("دستگاه", "نام دستگاه")),
)
CLOSE_UNIT = ("واحدی با نام «{name}» در بانک نیست، ولی این واحدها نامی نزدیک دارند: {names}. "
              "اگر یکی از آن‌هاست، نامش را همان‌طور که در بانک است بنویسید؛ اگر واحد تازه‌ای "
              "است، در ستون «واحد تازه» (new_unit) این ردیف «بله» بنویسید (اگر فایل این ستون را "
              "ندارد، آن را بیفزایید). این ردیف ذخیره نشد.")


def template_headers(with_agency: bool) -> list[str]:
    """The Persian headers of an empty jobs file; the agency column only for whoever
    registers for several agencies (the admin)."""
    return [column.label for column in JOB_COLUMNS if column.exported
            and (with_agency or column.name != "agency")]


@dataclass(frozen=True)
class JobSource:
    """A file read through once, whose columns were all found; nothing stored yet. `reasons`:
    the positions of a reason column (an error file sent back), set aside."""

    name: str
    table: Table
    columns: Columns
    reasons: tuple[int, ...] = ()


@dataclass(frozen=True)
class RefusedJob:
    """A refused row: its number as the spreadsheet shows it, each (column, reason), and its
    cells as read, for the error file."""

    row: int
    problems: tuple[tuple[str, str], ...]
    cells: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        parts = (f"{column}: {message}" if column else message
                 for column, message in self.problems)
        return f"ردیف {fa(self.row)} — " + join_reasons(parts)


@dataclass(frozen=True)
class JobNote:
    """Something the officer should know of a row that was registered (or held unchanged)."""

    row: int
    column: str
    message: str


@dataclass
class JobImportResult:
    name: str
    rows_read: int = 0
    registered: int = 0
    # rows that are the very job this agency holds (the file sent again): counted, not written
    unchanged: int = 0
    refused: list[RefusedJob] = field(default_factory=list)
    notes: list[JobNote] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()
    # Units the file named that the bank did not hold, each with the known units whose names
    # came close: a file cannot be asked "is this new?" as the form is, so it is told after.
    new_units: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {"rows": self.rows_read, "registered": self.registered,
                "refused": len(self.refused),
                **({"unchanged": self.unchanged} if self.unchanged else {})}


def prepare_jobs(path: Path, name: str | None = None) -> JobSource:
    """Read the file through and find its columns; raises UnreadableFile, stores nothing. A
    reason column (the error file of an earlier import, fixed and sent back) is not one of
    the sender's columns: it is neither read nor reported as unknown."""
    table = open_table(Path(path))
    _, _, reasons = locate(table.headers, (), REASON_ALIASES)
    headers = ["" if position in reasons else header
               for position, header in enumerate(table.headers)]
    return JobSource(name or Path(path).name, table, locate_columns(headers, JOB_COLUMNS),
                     reasons)


def write_error_file(source: JobSource, result: JobImportResult, target: Target,
                     fmt: str | None = None) -> None:
    """The refused rows under the file's own header, with their reasons, in `fmt` (by default
    the format of the file imported): the officer fixes them and imports this file again."""
    write_refused(target, fmt or source.table.format, source.table.headers, source.reasons,
                  result.refused, REASON_HEADER)


def import_jobs(actor: User, source: JobSource, *, batch_size: int = BATCH_SIZE,
                progress: Callable[[int], None] | None = None) -> JobImportResult:
    if actor.role not in IMPORTERS:
        raise NotAllowed("ورود اشتغال فقط کار کارشناس دستگاه اجرایی یا مدیر سامانه است.")
    if actor.role is Role.ADMIN and "agency" not in source.columns.positions:
        raise UnreadableFile(NEEDS_AGENCY)
    result = JobImportResult(source.name, ignored_columns=source.columns.ignored)
    schema = JobRecordSchema()
    first_rows = FirstRows()
    try:
        records = source.table.records()
        while batch := list(islice(records, batch_size)):
            for number, cells in batch:
                result.rows_read += 1
                _import_row(actor, schema, source.columns, first_rows, number, cells, result)
            db.session.commit()
            if progress:
                progress(len(batch))
        # in file order, the report's and the error file's, whatever step refused each row
        result.refused.sort(key=lambda refused: refused.row)
        record_event(actor, "import_jobs", "import", None, file=source.name, **result.counts())
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return result


def _import_row(actor: User, schema: JobRecordSchema, columns: Columns, first_rows: FirstRows,
                number: int, cells: Sequence[str], result: JobImportResult) -> None:
    """A formula cell with no computed value is refused as such, not read as a blank (and
    then refused again, or worse accepted, for the value it seems to lack). An admin's row
    with a blank agency is told to name one before register_job would ask her to choose."""
    formulas = uncomputed(cells, columns.positions.items())
    raw = {key: value for key, value in columns.values(cells).items() if key not in formulas}
    for key in NUMBER_COLUMNS:
        if key in raw:
            raw[key] = whole_number(raw[key])
    problems = [(key, UNCOMPUTED) for key in formulas]
    problems += _repeated(schema, raw, first_rows, number)
    data, invalid = _load(schema, raw)
    problems += [(key, message) for key, message in invalid if key not in formulas]
    if actor.role is Role.ADMIN and not raw.get("agency") and "agency" not in formulas:
        problems.append(("agency", BLANK_AGENCY))
    outcome = _register(actor, data, raw, number, result.new_units) if not problems \
        else _Outcome(problems)
    if outcome.problems:
        result.refused.append(RefusedJob(number, tuple(
            (columns.titles.get(key, ""), message) for key, message in outcome.problems),
            tuple(cells)))
        return
    if outcome.unchanged:
        result.unchanged += 1
    else:
        result.registered += 1
    if outcome.record and (note := kept_mobile(outcome.record.person, data.get("mobile"))):
        result.notes.append(JobNote(number, columns.titles.get("mobile", ""), note))


def _repeated(schema: JobRecordSchema, raw: dict[str, str], first_rows: FirstRows,
              number: int) -> list[tuple[str, str]]:
    """A job still going comes once a person in a file: it is open to the future, so a second
    such row would only ever be refused as held by the first, naming her own agency. A row
    with an end (a finished job) may sit beside her other jobs; the overlap rule judges it."""
    if raw.get("end_date"):
        return []
    national_id = field_value(schema, "national_id", raw.get("national_id"))
    earlier = first_rows.earlier(national_id, number)
    return [("national_id", repeated(REPEATED_OPEN_JOB, earlier))] if earlier else []


def _load(schema: JobRecordSchema, raw: dict[str, str]
          ) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    try:
        return schema.load(raw), []
    except ValidationError as error:
        return {}, [(key, str(message)) for key, messages in _messages(error.messages)
                    for message in messages]


@dataclass(frozen=True)
class _Outcome:
    """A row's fate: what is wrong with it by key, or the record written (or, `unchanged`,
    the one this agency already held, which the row repeats)."""

    problems: list[tuple[str, str]] = field(default_factory=list)
    record: MonitoringRecord | None = None
    unchanged: bool = False


def _register(actor: User, data: dict[str, Any], raw: dict[str, str], number: int,
              new_units: dict[str, tuple[str, ...]]) -> _Outcome:
    """Register the row in a savepoint of its own. A unit the row created is added to
    `new_units`, with the known units close to it."""
    if raw.get("agency"):
        agency = find_by_name(Agency, raw["agency"])
        if agency is None:
            return _Outcome([("agency", UNKNOWN_AGENCY.format(name=raw["agency"]))])
        data["agency_id"] = agency.id
    name = data.get("unit_name")
    unknown = bool(name) and find_by_name(IndustrialUnit, name) is None
    # a row not saying «واحد تازه» whose name comes close is refused by register_job, which
    # looks the close names up itself: only a row that says so needs them here, for the list
    close = tuple(unit.name for unit in close_units(name)) \
        if unknown and data.get("new_unit") else ()
    try:
        with db.session.begin_nested():
            record = register_job(actor, data, close_unit_question=CLOSE_UNIT)
        if unknown and record.unit is not None and find_by_name(IndustrialUnit, name) is not None:
            new_units.setdefault(record.unit.name, close)
    except AlreadyRegistered as error:
        if error.unchanged:
            return _Outcome(record=error.holder, unchanged=True)
        return _Outcome([(error.field or "", error.message)])
    except NotAllowed as error:
        return _Outcome([("agency", error.message)])
    except InvalidInput as error:
        return _Outcome([("agency" if key == "agency_id" else key, message)
                         for key, messages in error.errors.items() for message in messages])
    except DomainError as error:
        return _Outcome([(error.field or "", error.message)])
    except (IntegrityError, DataError) as error:
        log.warning("job import row %d refused by the database: %s", number,
                    type(error.orig).__name__)
        return _Outcome([("", DATABASE_REFUSAL)])
    return _Outcome(record=record)


def _messages(messages: object) -> list[tuple[str, list[object]]]:
    if isinstance(messages, dict):
        return [(str(key), value if isinstance(value, list) else [value])
                for key, value in messages.items()]
    return [("", list(messages) if isinstance(messages, list) else [messages])]
