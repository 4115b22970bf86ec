"""The records list as a spreadsheet: what the working group files each month, with the same
search and filters as the page and within what the user may see. National IDs are in it, as on
the page; mobiles are not. Each export is in the audit log with its filters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db
from databank.imports.writers import Target, write_table
from databank.jalali import to_jalali
from databank.monitoring.models import (
    WITHDRAWN_LABEL,
    MonitoringRecord,
    RecordStatus,
    withdrawn_condition,
)
from databank.monitoring.record_filters import RecordFilters
from databank.monitoring.services import visible_records
from databank.organisations.models import Agency, IndustrialUnit
from databank.people.models import Person
from databank.vocabulary import Sector

HEADERS = ("کد ملی", "نام", "نام خانوادگی", "دستگاه اجرایی", "نام واحد", "کد کارگاه", "بخش",
           "تاریخ شروع", "تاریخ پایان", "وضعیت", "دلیل رد یا پس گرفتن", "از بانک اطلاعات")
CODE_COLUMN = HEADERS.index("کد کارگاه")


def export_records(actor: User, filters: RecordFilters, target: Target, fmt: str) -> int:
    """Write the records `actor` may see under `filters`, newest first; how many were written.
    Plain rows, streamed: a county's years of records are never held as objects at once."""
    query = (filters.apply(visible_records(actor))
             .with_only_columns(
                 Person.national_id, Person.first_name, Person.last_name, Agency.name,
                 func.coalesce(IndustrialUnit.name, MonitoringRecord.employer_name),
                 IndustrialUnit.workshop_code, MonitoringRecord.sector,
                 MonitoringRecord.start_date, MonitoringRecord.end_date,
                 MonitoringRecord.status, MonitoringRecord.rejection_reason,
                 MonitoringRecord.placement_id, withdrawn_condition(),
                 maintain_column_froms=False)
             .select_from(MonitoringRecord)
             .join(Person, Person.id == MonitoringRecord.person_id)
             .join(Agency, Agency.id == MonitoringRecord.agency_id)
             .outerjoin(IndustrialUnit, IndustrialUnit.id == MonitoringRecord.unit_id)
             .order_by(MonitoringRecord.start_date.desc(), MonitoringRecord.id.desc()))
    rows = (_row(*row) for row in db.session.execute(query).yield_per(1000))
    headers: Sequence[str] = HEADERS
    if actor.role is Role.AGENCY_OFFICER:
        # a unit's stored workshop code is the proof its employer takes it over with
        # (organisations.unit_services); an agency registers jobs at any unit by its name
        headers, rows = _without_code(headers), (_without_code(row) for row in rows)
    count = write_table(target, fmt, headers, rows)
    record_event(actor, "export_jobs", "export", None, rows=count, format=fmt,
                 **filters.args())
    return count


def _without_code(row: Sequence[object]) -> Sequence[object]:
    return (*row[:CODE_COLUMN], *row[CODE_COLUMN + 1:])


def _row(national_id: str, first: str, last: str, agency: str, unit: str | None,
         code: str | None, sector: Sector, start: date, end: date | None,
         status: RecordStatus, reason: str | None, placement: int | None,
         taken_back: bool) -> Sequence[object]:
    return (national_id, first, last, agency, unit or "", code or "", sector.label, _day(start),
            _day(end), WITHDRAWN_LABEL if taken_back else status.label, reason or "",
            "بله" if placement else "")


def _day(value: date | None) -> str:
    """1405/07/01 in Latin digits: a spreadsheet sorts and filters them as written."""
    return to_jalali(value).strftime("%Y/%m/%d") if value else ""
