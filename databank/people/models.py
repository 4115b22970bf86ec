"""Persons (one per national ID) and the graduate profiles they register."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from databank.db import NormalisedTwins, db, enum_type, utcnow
from databank.vocabulary import Gender

if TYPE_CHECKING:
    from databank.organisations.models import University


class Person(NormalisedTwins, db.Model):
    __tablename__ = "persons"
    __twins__ = {"full_name": "name_key", "city": "city_key"}
    __table_args__ = (
        CheckConstraint("length(national_id) = 10", name="national_id_length"),
        CheckConstraint("birth_year IS NULL OR birth_year BETWEEN 1300 AND 1500",
                        name="birth_year_range"),
        CheckConstraint("mobile IS NULL OR length(mobile) = 11", name="mobile_length"),
        Index("ix_persons_name_key_birth_year", "name_key", "birth_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    national_id: Mapped[str] = mapped_column(String(10), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    full_name: Mapped[str] = mapped_column(String(161))
    name_key: Mapped[str] = mapped_column(String(161))
    gender: Mapped[Gender | None] = mapped_column(enum_type(Gender, "gender"))
    birth_year: Mapped[int | None]
    mobile: Mapped[str | None] = mapped_column(String(11))
    city: Mapped[str | None] = mapped_column(String(80))
    city_key: Mapped[str | None] = mapped_column(String(80))
    # created by her own registration, not by an office or agency (nor claimed from one):
    # only then may she edit her name, gender and birth year
    self_registered: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    profile: Mapped[GraduateProfile | None] = relationship(back_populates="person")

    @validates("first_name", "last_name")
    def _keep_full_name(self, attribute: str, value: str) -> str:
        """The full name is what people search and what duplicate detection compares."""
        first = value if attribute == "first_name" else (self.first_name or "")
        last = value if attribute == "last_name" else (self.last_name or "")
        self.full_name = f"{first} {last}".strip()
        return value


class GraduateProfile(NormalisedTwins, db.Model):
    __tablename__ = "graduate_profiles"
    __twins__ = {"field_of_study": "field_key", "skills": "skills_key",
                 "desired_job": "desired_job_key"}
    __table_args__ = (
        CheckConstraint("degree BETWEEN 0 AND 5", name="degree_level"),
        CheckConstraint("graduation_year IS NULL OR graduation_year BETWEEN 1300 AND 1500",
                        name="graduation_year_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"),
                                           unique=True)
    university_id: Mapped[int | None] = mapped_column(ForeignKey("universities.id"))
    degree: Mapped[int]
    field_of_study: Mapped[str] = mapped_column(String(200))
    field_key: Mapped[str] = mapped_column(String(200), index=True)
    field_code: Mapped[str | None] = mapped_column(String(80))
    graduation_year: Mapped[int | None]
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    skills_key: Mapped[str] = mapped_column(Text, default="")
    desired_job: Mapped[str | None] = mapped_column(String(200))
    desired_job_key: Mapped[str | None] = mapped_column(String(200))
    head_of_household: Mapped[bool] = mapped_column(default=False)
    consent: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    person: Mapped[Person] = relationship(back_populates="profile")
    university: Mapped[University | None] = relationship()
