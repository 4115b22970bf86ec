"""How many positions a vacancy still has: hires are Placement rows, so a vacancy's free
positions are its positions less its placements that still stand (see standing), and only a
vacancy that still recruits (open, deadline not passed, as the matcher reads it) offers any."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select

from databank.db import db
from databank.jalali import today
from databank.monitoring.models import MonitoringRecord, Placement, RecordStatus
from databank.vacancies.models import Vacancy, VacancyStatus


@dataclass(frozen=True)
class OpenFigures:
    vacancies: int
    positions: int


def recruiting() -> ColumnElement[bool]:
    """Open, and its deadline (when it set one) not passed: today is still the last day. The
    matcher proposes only such vacancies (matches.services.open_vacancies)."""
    return and_(Vacancy.status == VacancyStatus.OPEN,
                or_(Vacancy.deadline.is_(None), Vacancy.deadline >= today()))


def hold(vacancy: Vacancy) -> None:
    """Hold the vacancy's row until the commit and read it afresh (PostgreSQL; SQLite takes one
    writer at a time anyway), so that its hires cannot change under a count of them: a hire
    and an edit of the positions both take it, before anything else they lock."""
    db.session.execute(select(Vacancy.id).where(Vacancy.id == vacancy.id).with_for_update())
    db.session.refresh(vacancy)


def standing() -> ColumnElement[bool]:
    """Placements that still count as hires: one whose monitoring record an inspector rejected
    was no real job, so it takes no position and hires nobody. A placement without a record
    (none was written with it) still counts."""
    return ~exists().where(MonitoringRecord.placement_id == Placement.id,
                           MonitoringRecord.status == RecordStatus.REJECTED)


def hires_of(vacancy: Vacancy) -> int:
    return db.session.scalar(select(func.count(Placement.id)).where(
        Placement.vacancy_id == vacancy.id, standing())) or 0


def hires_by_vacancy(vacancy_ids: Iterable[int]) -> dict[int, int]:
    """Hires of many vacancies in one query (a list page must not ask once per row)."""
    ids = sorted(set(vacancy_ids))
    if not ids:
        return {}
    rows = db.session.execute(select(Placement.vacancy_id, func.count(Placement.id))
                              .where(Placement.vacancy_id.in_(ids), standing())
                              .group_by(Placement.vacancy_id))
    return {vacancy_id: count for vacancy_id, count in rows}


def open_figures(unit_id: int | None = None) -> OpenFigures:
    """Vacancies that still recruit, and their positions not yet filled (never below zero
    for one vacancy, so an over-filled one does not hide another's free places)."""
    hires = (select(Placement.vacancy_id, func.count(Placement.id).label("hires"))
             .where(Placement.vacancy_id.is_not(None), standing())
             .group_by(Placement.vacancy_id)
             .subquery())
    left = Vacancy.positions - func.coalesce(hires.c.hires, 0)
    query = (select(func.count(Vacancy.id), func.sum(case((left > 0, left), else_=0)))
             .select_from(Vacancy).outerjoin(hires, hires.c.vacancy_id == Vacancy.id)
             .where(recruiting()))
    if unit_id is not None:
        query = query.where(Vacancy.unit_id == unit_id)
    vacancies, positions = db.session.execute(query).one()
    return OpenFigures(vacancies=vacancies or 0, positions=int(positions or 0))
