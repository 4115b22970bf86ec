"""The county's vacancies as a placement office sees them: every unit's, with the positions
still free and the proposals in play, so that the office finds the vacancies that still need
candidates (the review queue lists proposals, not vacancies)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, and_, false, func, not_, select
from sqlalchemy.orm import selectinload

from databank.db import db, paginate, twin_value
from databank.jalali import today
from databank.matches.models import Proposal, ProposalStatus
from databank.organisations.models import IndustrialUnit
from databank.vacancies.figures import hires_by_vacancy, recruiting
from databank.vacancies.models import Vacancy, VacancyStatus

# The states a list can show; "recruiting" (open, deadline not passed) unless asked otherwise.
STATES = {"recruiting": "در حال جذب", "expired": "مهلت گذشته", "paused": "متوقف",
          "closed": "بسته", "all": "همه"}
IN_PLAY = (ProposalStatus.PROPOSED, ProposalStatus.SHORTLISTED, ProposalStatus.INTRODUCED,
           ProposalStatus.INTERVIEWED)


def county_query(filters: dict[str, Any]) -> Select[tuple[Vacancy]]:
    query = (select(Vacancy).join(IndustrialUnit, IndustrialUnit.id == Vacancy.unit_id)
             .where(_state(filters.get("state") or "recruiting")))
    if filters.get("unit"):
        query = query.where(Vacancy.unit_id == filters["unit"])
    if filters.get("estate"):
        query = query.where(IndustrialUnit.estate_id == filters["estate"])
    # a title typed as punctuation alone («%») is in no title: it finds nothing, as the
    # records and units searches do, rather than every vacancy as if nothing were asked
    if title := twin_value(filters.get("title")):
        query = query.where(Vacancy.title_key.contains(title, autoescape=True))
    elif filters.get("title"):
        query = query.where(false())
    return query.order_by(Vacancy.created_at.desc(), Vacancy.id.desc())


def _state(state: str) -> Any:
    if state == "recruiting":
        return recruiting()
    if state == "expired":
        return and_(Vacancy.status == VacancyStatus.OPEN, not_(recruiting()))
    if state == "all":
        return True
    return Vacancy.status == VacancyStatus(state)


def county_vacancies(filters: dict[str, Any], page: int, per_page: int = 25) -> Pagination:
    query = county_query(filters).options(selectinload(Vacancy.unit)
                                          .selectinload(IndustrialUnit.estate))
    return paginate(query, per_page=per_page, page=page)


def proposals_in_play(vacancy_ids: Iterable[int]) -> dict[int, int]:
    """Proposals not yet hired nor rejected, per vacancy, in one query."""
    ids = sorted(set(vacancy_ids))
    if not ids:
        return {}
    rows = db.session.execute(select(Proposal.vacancy_id, func.count(Proposal.id))
                              .where(Proposal.vacancy_id.in_(ids),
                                     Proposal.status.in_(IN_PLAY))
                              .group_by(Proposal.vacancy_id))
    return {vacancy_id: count for vacancy_id, count in rows}


def county_rows(vacancies: list[Vacancy]) -> list[dict[str, Any]]:
    ids = [v.id for v in vacancies]
    hires, in_play = hires_by_vacancy(ids), proposals_in_play(ids)
    return [{
        "id": v.id, "ref": v.ref, "title": v.title, "unit": v.unit.name, "unit_id": v.unit_id,
        "estate": v.unit.estate.name if v.unit.estate else "", "positions": v.positions,
        "free": max(v.positions - hires.get(v.id, 0), 0), "deadline": v.deadline,
        "expired": v.deadline is not None and v.deadline < today(),
        "status": v.status.label, "status_value": v.status.value,
        "in_play": in_play.get(v.id, 0),
    } for v in vacancies]
