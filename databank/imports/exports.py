"""Exports: the import's own columns under their Persian headers, and readable Persian values
(degree labels, زن/مرد, lists joined with «، », بله/خیر), written so that importing the file
again changes nothing.

A graduates file carries national IDs and mobiles. A placement office gets only the graduates
who consented to be introduced to offices and employers; the others are the admin's to hold
(and the command line's, run by whoever runs the server)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.audit.services import record_event
from databank.db import db
from databank.imports.columns import COLUMNS, GRADUATES, VACANCIES, Column
from databank.imports.writers import Target, write_table
from databank.jalali import to_jalali
from databank.organisations.models import IndustrialEstate, IndustrialUnit, University
from databank.people.models import GraduateProfile, Person
from databank.vacancies.models import Vacancy
from databank.vocabulary import DEGREE_LABELS

Progress = Callable[[int], None]
LIST_JOINER = "، "
ANY_GENDER = "فرقی ندارد"


def exported_columns(kind: str) -> list[Column]:
    return [column for column in COLUMNS[kind] if column.exported]


def export_headers(kind: str) -> list[str]:
    """The Persian labels, which the import reads as well as the English names."""
    return [column.label for column in exported_columns(kind)]


def all_graduates(actor: Any) -> bool:
    """Whether `actor` exports every graduate (the admin, or the command line: None) rather
    than only those who consented to be introduced."""
    return actor is None or getattr(actor, "role", None) is Role.ADMIN


def export_count(kind: str, actor: Any = None) -> int:
    if kind != GRADUATES:
        return db.session.scalar(select(func.count()).select_from(Vacancy)) or 0
    statement = select(func.count()).select_from(GraduateProfile)
    if not all_graduates(actor):
        statement = statement.where(GraduateProfile.consent.is_(True))
    return db.session.scalar(statement) or 0


def export(kind: str, target: Target, fmt: str, *, actor: Any = None,
           progress: Progress | None = None) -> int:
    """Write the graduates `actor` may take (all_graduates) or every vacancy; the export is
    audited (it carries personal data), so the caller commits."""
    rows = graduate_rows(consented_only=not all_graduates(actor)) if kind == GRADUATES \
        else vacancy_rows()
    count = write_table(target, fmt, export_headers(kind), rows, progress)
    record_event(actor, f"export_{kind}", "export", None, rows=count, format=fmt)
    return count


def _yes_no(value: bool) -> str:
    return "بله" if value else "خیر"


def _joined(items: list[str] | None) -> str:
    return LIST_JOINER.join(items or [])


def graduate_rows(*, consented_only: bool = False) -> Iterator[list[Any]]:
    """Read as plain columns, not ORM objects: a province's file is a hundred thousand rows."""
    person, profile = Person, GraduateProfile
    statement = (select(person.national_id, person.first_name, person.last_name, person.gender,
                        person.birth_year, person.mobile, person.city, University.name,
                        profile.degree, profile.field_of_study, profile.graduation_year,
                        profile.skills, profile.desired_job, profile.head_of_household,
                        profile.consent)
                 .join(profile, profile.person_id == person.id)
                 .outerjoin(University, University.id == profile.university_id)
                 .order_by(person.id).execution_options(yield_per=1000))
    if consented_only:
        statement = statement.where(profile.consent.is_(True))
    names = [column.name for column in exported_columns(GRADUATES)]
    for (national_id, first_name, last_name, gender, birth_year, mobile, city, university,
         degree, field_of_study, graduation_year, skills, desired_job, head_of_household,
         consent) in db.session.execute(statement).tuples():
        values = {
            "national_id": national_id, "first_name": first_name, "last_name": last_name,
            "gender": gender.label if gender else "", "birth_year": birth_year,
            "mobile": mobile, "city": city, "university": university,
            "degree": DEGREE_LABELS[degree], "field_of_study": field_of_study,
            "graduation_year": graduation_year, "skills": _joined(skills),
            "desired_job": desired_job, "head_of_household": _yes_no(head_of_household),
            "consent": _yes_no(consent),
        }
        yield [values[name] for name in names]


def vacancy_rows() -> Iterator[list[Any]]:
    statement = (select(Vacancy, IndustrialUnit, IndustrialEstate.name)
                 .join(IndustrialUnit, IndustrialUnit.id == Vacancy.unit_id)
                 .outerjoin(IndustrialEstate, IndustrialEstate.id == IndustrialUnit.estate_id)
                 .order_by(Vacancy.id).execution_options(yield_per=1000))
    names = [column.name for column in exported_columns(VACANCIES)]
    for vacancy, unit, estate in db.session.execute(statement):
        values = {
            "ref": vacancy.ref, "unit_name": unit.name, "industrial_estate": estate,
            "city": vacancy.city, "title": vacancy.title, "sector": unit.sector.label,
            "workshop_code": unit.workshop_code,
            "positions": vacancy.positions,
            "min_degree": "" if vacancy.min_degree is None
            else DEGREE_LABELS[vacancy.min_degree],
            "fields_of_study": _joined(vacancy.fields), "skills": _joined(vacancy.skills),
            "gender": vacancy.gender.label if vacancy.gender else ANY_GENDER,
            "description": vacancy.description,
            "deadline": to_jalali(vacancy.deadline).strftime("%Y/%m/%d")
            if vacancy.deadline else "",
            "status": vacancy.status.label,
        }
        yield [values[name] for name in names]
