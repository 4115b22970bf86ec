"""Vacancies: identified by their unit and the unit's reference."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select

from databank.db import db
from databank.organisations.models import IndustrialUnit
from databank.vacancies.models import Vacancy

VACANCY_FIELDS = ("title", "positions", "min_degree", "fields", "skills", "gender", "status",
                  "deadline", "description", "city")


def find_vacancy(unit: IndustrialUnit, ref: str) -> Vacancy | None:
    return db.session.scalar(select(Vacancy).where(Vacancy.unit_id == unit.id,
                                                   Vacancy.ref == ref))


def new_ref() -> str:
    return "V-" + secrets.token_hex(4).upper()


def save_vacancy(unit: IndustrialUnit, data: dict[str, Any]) -> tuple[Vacancy, bool]:
    """Create or update the unit's vacancy with `data['ref']` (a new ref when none is given)."""
    ref = data.get("ref") or new_ref()
    vacancy = find_vacancy(unit, ref)
    created = vacancy is None
    if vacancy is None:
        vacancy = Vacancy(unit=unit, ref=ref, city=unit.city)
        db.session.add(vacancy)
    for name in VACANCY_FIELDS:
        if name in data:
            setattr(vacancy, name, data[name])
    db.session.flush()
    return vacancy, created
