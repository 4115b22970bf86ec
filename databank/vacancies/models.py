"""Vacancies posted by industrial units."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from databank.db import NormalisedTwins, db, enum_type, utcnow
from databank.organisations.models import IndustrialUnit
from databank.validation import fold_digits
from databank.vocabulary import Gender


def vacancy_code(typed: str) -> str:
    """A vacancy's code as it is stored and compared: Latin digits and capital letters, so
    «v-3edb81a5» is the vacancy V-3EDB81A5 and «۰۰۲-۰۱» is 002-01 (people retype codes in
    either case and script)."""
    return in_capitals(fold_digits(typed.strip()))


def in_capitals(text: str) -> str:
    """Each letter as its capital; one whose capital is longer («ß») stays as typed, so a code
    never outgrows its column."""
    return "".join(capital if len(capital := letter.upper()) == 1 else letter for letter in text)


class VacancyStatus(StrEnum):
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"open": "باز", "paused": "متوقف", "closed": "بسته"}[self.value]


class Vacancy(NormalisedTwins, db.Model):
    """`ref` is the unit's own reference, what a re-imported spreadsheet row is matched by;
    stored as vacancy_code gives it, so the unique (unit_id, ref) holds whatever the case."""

    __tablename__ = "vacancies"
    __twins__ = {"title": "title_key", "fields": "fields_key", "skills": "skills_key",
                 "city": "city_key"}
    __table_args__ = (
        UniqueConstraint("unit_id", "ref"),
        CheckConstraint("positions > 0", name="positions_positive"),
        CheckConstraint("min_degree IS NULL OR min_degree BETWEEN 0 AND 5",
                        name="min_degree_level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("industrial_units.id"), index=True)
    ref: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    title_key: Mapped[str] = mapped_column(String(200))
    positions: Mapped[int] = mapped_column(default=1)
    min_degree: Mapped[int | None]
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    fields_key: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    skills_key: Mapped[str] = mapped_column(Text, default="")
    gender: Mapped[Gender | None] = mapped_column(enum_type(Gender, "gender"))
    status: Mapped[VacancyStatus] = mapped_column(
        enum_type(VacancyStatus, "vacancy_status"), default=VacancyStatus.OPEN, index=True
    )
    deadline: Mapped[date | None]
    description: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(80))
    city_key: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    unit: Mapped[IndustrialUnit] = relationship()
