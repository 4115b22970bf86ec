"""Employment monitoring (رصد اشتغال): hires, the jobs credited to agencies, and the yearly
commitments they are measured against."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    ColumnElement,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    and_,
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
        return {"registered": "ثبت‌شده", "verified": "تأییدشده", "rejected": "ردشده"}[self.value]


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
    """A job credited to an agency. A person holds at most one active record: the partial unique
    index makes the database, not the code, refuse a second agency's simultaneous claim."""

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


def active_on(day: date) -> ColumnElement[bool]:
    """Records that hold their person on `day`: not rejected, and not ended by then. An end
    announced for a later day keeps the person held until it comes. The unique index can only
    see `end_date IS NULL` (an index predicate cannot read the clock); it stays sound because an
    end date is set once and every new record starts without one, so two claims racing each
    other still meet on the index."""
    return and_(MonitoringRecord.status != RecordStatus.REJECTED,
                or_(MonitoringRecord.end_date.is_(None), MonitoringRecord.end_date > day))
