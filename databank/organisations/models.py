"""The county's organisations: universities, industrial estates and their units, placement
offices and the executive agencies that carry employment commitments."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from databank.db import NormalisedTwins, db, enum_type, utcnow
from databank.vocabulary import Sector


class UniversityKind(StrEnum):
    STATE = "state"
    AZAD = "azad"
    APPLIED_SCIENCE = "applied_science"
    TECHNICAL_VOCATIONAL = "technical_vocational"
    PAYAME_NOOR = "payame_noor"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "state": "دولتی", "azad": "آزاد اسلامی", "applied_science": "علمی-کاربردی",
            "technical_vocational": "فنی و حرفه‌ای", "payame_noor": "پیام نور", "other": "سایر",
        }[self.value]


class University(NormalisedTwins, db.Model):
    """A university as graduates name it. Graduates type it freely, so one university may come
    in under several names; the admin merges them (university_merge): the merged row stays,
    holding no graduate, with `merged_into_id` set, so that its name, still unique here, leads
    to the university kept and no form or import creates it again.

    `listed`: on the county's list the admin keeps (added or confirmed by her, kept in a
    merge, or seeded). Only listed universities are offered as suggestions: a name typed on
    the public sign-up or read from a file is stored for its graduate but waits, unlisted, on
    the admin's page until she confirms or merges it, so that no stranger's text is shown to
    every visitor."""

    __tablename__ = "universities"
    __twins__ = {"name": "name_key"}
    __table_args__ = (
        CheckConstraint("merged_into_id IS NULL OR merged_into_id <> id",
                        name="not_merged_into_itself"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[UniversityKind] = mapped_column(
        enum_type(UniversityKind, "university_kind"), default=UniversityKind.OTHER
    )
    city: Mapped[str | None] = mapped_column(String(80))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("universities.id"))
    listed: Mapped[bool] = mapped_column(default=False, server_default=false())


class IndustrialEstate(NormalisedTwins, db.Model):
    """An industrial estate or zone (شهرک یا ناحیهٔ صنعتی)."""

    __tablename__ = "industrial_estates"
    __twins__ = {"name": "name_key"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    city: Mapped[str | None] = mapped_column(String(80))

    units: Mapped[list[IndustrialUnit]] = relationship(back_populates="estate")


class IndustrialUnit(NormalisedTwins, db.Model):
    """An employer. `workshop_code` is its social-insurance workshop code, used to verify jobs.

    A unit found to be another one typed differently is merged into it (unit_merge): its row
    stays, holding nothing, with `merged_into_id` set, so that its name, still unique here,
    leads to the unit kept and no form or import creates it again."""

    __tablename__ = "industrial_units"
    __twins__ = {"name": "name_key", "city": "city_key"}
    __table_args__ = (
        CheckConstraint("merged_into_id IS NULL OR merged_into_id <> id",
                        name="not_merged_into_itself"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    estate_id: Mapped[int | None] = mapped_column(ForeignKey("industrial_estates.id"))
    sector: Mapped[Sector] = mapped_column(enum_type(Sector, "sector"), default=Sector.INDUSTRY)
    city: Mapped[str | None] = mapped_column(String(80))
    city_key: Mapped[str | None] = mapped_column(String(80))
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(20))
    workshop_code: Mapped[str | None] = mapped_column(String(20), unique=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("industrial_units.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    estate: Mapped[IndustrialEstate | None] = relationship(back_populates="units")


class Agency(NormalisedTwins, db.Model):
    """An executive agency (دستگاه اجرایی) credited with the jobs it creates."""

    __tablename__ = "agencies"
    __twins__ = {"name": "name_key"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    # An agency the working group no longer counts (dissolved, merged by the province): its
    # jobs and commitments stay in the figures, but no new job, hire or account is credited
    # to it and it leaves the forms' choices (agency_retirement).
    retired: Mapped[bool] = mapped_column(default=False, server_default=false())


class PlacementOffice(NormalisedTwins, db.Model):
    """A placement office (دفتر کاریابی); its parent agency is credited with its hires unless
    the office chooses another."""

    __tablename__ = "placement_offices"
    __twins__ = {"name": "name_key"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    license_no: Mapped[str | None] = mapped_column(String(40))
    city: Mapped[str | None] = mapped_column(String(80))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))

    agency: Mapped[Agency | None] = relationship()
