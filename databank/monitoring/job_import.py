"""Jobs an agency's programme created outside the databank, registered from a spreadsheet.

Each row is what an agency officer would have typed in the job form: it loads through the same
JobRecordSchema and is written by the same register_job, in a savepoint of its own, so a
refused row (bad data, or a person another agency already holds) leaves nothing behind and
never costs the good rows. As the graduates import does, the good rows are committed a batch
at a time. An agency officer imports for her own agency only; the admin names the agency of
each row in an `agency` column."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from marshmallow import ValidationError
from sqlalchemy.exc import DataError, IntegrityError

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db
from databank.errors import DomainError, InvalidInput, NotAllowed
from databank.imports.columns import Column
from databank.imports.errors import UnreadableFile
from databank.imports.readers import Table, open_table
from databank.jalali import persian_digits as fa
from databank.monitoring.schemas import JobRecordSchema
from databank.monitoring.services import register_job
from databank.monitoring.verification import Columns, locate_columns, whole_number
from databank.organisations.models import Agency
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
    Column("agency", "دستگاه اجرایی", ("دستگاه", "نام دستگاه")),
)


@dataclass(frozen=True)
class JobSource:
    """A file read through once, whose columns were all found; nothing stored yet."""

    name: str
    table: Table
    columns: Columns


@dataclass(frozen=True)
class RefusedJob:
    """A refused row: its number as the spreadsheet shows it and each (column, reason)."""

    row: int
    problems: tuple[tuple[str, str], ...]

    @property
    def reason(self) -> str:
        parts = (f"{column}: {message}" if column else message
                 for column, message in self.problems)
        return f"ردیف {fa(self.row)} — " + "؛ ".join(parts)


@dataclass
class JobImportResult:
    name: str
    rows_read: int = 0
    registered: int = 0
    refused: list[RefusedJob] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        return {"rows": self.rows_read, "registered": self.registered,
                "refused": len(self.refused)}


def prepare_jobs(path: Path, name: str | None = None) -> JobSource:
    """Read the file through and find its columns; raises UnreadableFile, stores nothing."""
    table = open_table(Path(path))
    return JobSource(name or Path(path).name, table, locate_columns(table.headers, JOB_COLUMNS))


def import_jobs(actor: User, source: JobSource, *, batch_size: int = BATCH_SIZE,
                progress: Callable[[int], None] | None = None) -> JobImportResult:
    if actor.role not in IMPORTERS:
        raise NotAllowed("ورود اشتغال فقط کار کارشناس دستگاه اجرایی یا مدیر سامانه است.")
    if actor.role is Role.ADMIN and "agency" not in source.columns.positions:
        raise UnreadableFile(NEEDS_AGENCY)
    result = JobImportResult(source.name, ignored_columns=source.columns.ignored)
    schema = JobRecordSchema()
    try:
        records = source.table.records()
        while batch := list(islice(records, batch_size)):
            for number, cells in batch:
                result.rows_read += 1
                _import_row(actor, schema, source.columns, number, cells, result)
            db.session.commit()
            if progress:
                progress(len(batch))
        record_event(actor, "import_jobs", "import", None, file=source.name, **result.counts())
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return result


def _import_row(actor: User, schema: JobRecordSchema, columns: Columns, number: int,
                cells: Sequence[str], result: JobImportResult) -> None:
    problems = _register(actor, schema, columns.values(cells), number)
    if problems:
        result.refused.append(RefusedJob(number, tuple(
            (columns.titles.get(key, ""), message) for key, message in problems)))
    else:
        result.registered += 1


def _register(actor: User, schema: JobRecordSchema, raw: dict[str, str], number: int
              ) -> list[tuple[str, str]]:
    """Register the row in a savepoint of its own; returns what is wrong with it, by key."""
    for key in NUMBER_COLUMNS:
        if key in raw:
            raw[key] = whole_number(raw[key])
    try:
        data = schema.load(raw)
    except ValidationError as error:
        return [(key, str(message)) for key, messages in _messages(error.messages)
                for message in messages]
    if raw.get("agency"):
        agency = find_by_name(Agency, raw["agency"])
        if agency is None:
            return [("agency", UNKNOWN_AGENCY.format(name=raw["agency"]))]
        data["agency_id"] = agency.id
    try:
        with db.session.begin_nested():
            register_job(actor, data)
    except NotAllowed as error:
        return [("agency", error.message)]
    except InvalidInput as error:
        return [("agency" if key == "agency_id" else key, message)
                for key, messages in error.errors.items() for message in messages]
    except DomainError as error:
        return [(error.field or "", error.message)]
    except (IntegrityError, DataError) as error:
        log.warning("job import row %d refused by the database: %s", number,
                    type(error.orig).__name__)
        return [("", DATABASE_REFUSAL)]
    return []


def _messages(messages: object) -> list[tuple[str, list[object]]]:
    if isinstance(messages, dict):
        return [(str(key), value if isinstance(value, list) else [value])
                for key, value in messages.items()]
    return [("", list(messages) if isinstance(messages, list) else [messages])]
