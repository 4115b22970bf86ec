"""Employment monitoring (رصد اشتغال): hires, the jobs credited to agencies, and the yearly
commitments they are measured against."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    DDL,
    CheckConstraint,
    ColumnElement,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    and_,
    event,
    or_,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from databank.db import db, enum_type, utcnow
from databank.organisations.models import Agency, IndustrialUnit
from databank.people.models import Person
from databank.vocabulary import Sector


class RecordStatus(StrEnum):
    REGISTERED = "registered"
    VERIFIED = "verified"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        """«Registered» is what the dashboard calls every job not rejected, the verified ones
        too; a record in this state is one still waiting for its check, and says so."""
        return {"registered": "در انتظار راستی‌آزمایی", "verified": "تأییدشده",
                "rejected": "ردشده"}[self.value]


class Commitment(db.Model):
    """An agency's promised number of jobs for one Solar Hijri year."""

    __tablename__ = "commitments"
    __table_args__ = (
        UniqueConstraint("agency_id", "year"),
        CheckConstraint("year BETWEEN 1390 AND 1500", name="year_range"),
        CheckConstraint("target >= 0", name="target_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"))
    year: Mapped[int]
    target: Mapped[int]

    agency: Mapped[Agency] = relationship()


class Placement(db.Model):
    """A hire that came out of a match proposal."""

    __tablename__ = "placements"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("match_proposals.id"),
                                                    unique=True)
    vacancy_id: Mapped[int | None] = mapped_column(ForeignKey("vacancies.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("industrial_units.id"))
    start_date: Mapped[date]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


ACTIVE_RECORD = "end_date IS NULL AND status <> 'rejected'"


class MonitoringRecord(db.Model):
    """A job credited to an agency, from `start_date` until `end_date` (the first day she is free
    again; none while the job lasts). A person's jobs never overlap, whichever agencies credit
    them: the partial unique index refuses a second open record, and the overlap rule (see
    OVERLAP_RULES below) a record reaching back into the time of another."""

    __tablename__ = "monitoring_records"
    __table_args__ = (
        Index("uq_monitoring_records_active_person", "person_id", unique=True,
              sqlite_where=text(ACTIVE_RECORD), postgresql_where=text(ACTIVE_RECORD)),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
        CheckConstraint("status <> 'rejected' OR rejection_reason IS NOT NULL",
                        name="rejection_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("industrial_units.id"))
    vacancy_id: Mapped[int | None] = mapped_column(ForeignKey("vacancies.id"))
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placements.id"), unique=True)
    sector: Mapped[Sector] = mapped_column(enum_type(Sector, "sector"))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    status: Mapped[RecordStatus] = mapped_column(
        enum_type(RecordStatus, "record_status"), default=RecordStatus.REGISTERED
    )
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    employer_name: Mapped[str | None] = mapped_column(String(200))
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    verified_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship()
    agency: Mapped[Agency] = relationship()
    unit: Mapped[IndustrialUnit | None] = relationship()


WITHDRAWN_LABEL = "پس‌گرفته"


def withdrawn(record: MonitoringRecord) -> bool:
    """Rejected without an inspector's stamp: the agency took it back (monitoring.withdrawal;
    services.decide, the only other way to `rejected`, always stamps `verified_at`)."""
    return record.status is RecordStatus.REJECTED and record.verified_at is None


def withdrawn_condition() -> ColumnElement[bool]:
    """withdrawn() as a query's condition, for counts, filters and exports."""
    return and_(MonitoringRecord.status == RecordStatus.REJECTED,
                MonitoringRecord.verified_at.is_(None))


def active_on(day: date) -> ColumnElement[bool]:
    """Records that hold their person on `day`: not rejected, and not ended by then. An end
    announced for a later day keeps the person held until it comes. The unique index can only
    see `end_date IS NULL` (an index predicate cannot read the clock): two open claims racing
    each other meet on it; an end moved later or taken back (services.correct_end) meets the
    overlap rule below, which compares the days themselves."""
    return and_(MonitoringRecord.status != RecordStatus.REJECTED,
                or_(MonitoringRecord.end_date.is_(None), MonitoringRecord.end_date > day))


# A person's records, rejected ones aside, cover days that never overlap ([start, end), an open
# end reaching to the future). PostgreSQL keeps it with an exclusion constraint over date ranges
# (btree_gist compares the person's id in the same GiST index); SQLite, which has none, with
# triggers that abort the write. Declared as DDL, not in the table's metadata, because neither
# is a construct the other database (or Alembic's comparison) knows; the migration that added
# them, 3e7d52c9a1b4, carries the same statements.
_SQLITE_OVERLAP = """
CREATE TRIGGER monitoring_records_no_overlap_{event} BEFORE {event} ON monitoring_records
WHEN NEW.status <> 'rejected' AND EXISTS (
    SELECT 1 FROM monitoring_records AS other
    WHERE other.person_id = NEW.person_id AND other.id IS NOT NEW.id
      AND other.status <> 'rejected'
      AND (other.end_date IS NULL OR other.end_date > NEW.start_date)
      AND (NEW.end_date IS NULL OR NEW.end_date > other.start_date))
BEGIN SELECT RAISE(ABORT, 'monitoring_records_no_overlap'); END
"""
OVERLAP_RULES = {
    "postgresql": (
        "CREATE EXTENSION IF NOT EXISTS btree_gist",
        "ALTER TABLE monitoring_records ADD CONSTRAINT monitoring_records_no_overlap EXCLUDE "
        "USING gist (person_id WITH =, daterange(start_date, end_date, '[)') WITH &&) "
        "WHERE (status <> 'rejected')",
    ),
    "sqlite": tuple(_SQLITE_OVERLAP.format(event=change) for change in ("INSERT", "UPDATE")),
}
for _dialect, _statements in OVERLAP_RULES.items():
    for _statement in _statements:
        event.listen(MonitoringRecord.__table__, "after_create",
                     DDL(_statement).execute_if(dialect=_dialect))
