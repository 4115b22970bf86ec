"""The placement office's review queue: proposals filtered, sorted by score, paged."""

from __future__ import annotations

from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, false, or_, select
from sqlalchemy.orm import selectinload

from databank.db import paginate, twin_value
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.schemas import IN_PLAY
from databank.organisations.models import IndustrialUnit
from databank.people.models import GraduateProfile, Person
from databank.vacancies.models import Vacancy, vacancy_code
from databank.vocabulary import DEGREE_LABELS

# The steps before a hire or a rejection: what an office still has to move on.
STEPS_IN_PLAY = (ProposalStatus.PROPOSED, ProposalStatus.SHORTLISTED, ProposalStatus.INTRODUCED,
                 ProposalStatus.INTERVIEWED)


def queue_query(filters: dict[str, Any], office_id: int | None = None
                ) -> Select[tuple[Proposal]]:
    """`office_id`: the officer's own office, which the filter `held` reads ("mine" finds
    nothing for an admin, who belongs to none)."""
    query = (select(Proposal).join(Vacancy, Vacancy.id == Proposal.vacancy_id)
             .join(IndustrialUnit, IndustrialUnit.id == Vacancy.unit_id)
             .join(GraduateProfile, GraduateProfile.id == Proposal.profile_id)
             .join(Person, Person.id == GraduateProfile.person_id))
    if filters.get("vacancy"):
        # codes are stored as vacancy_code gives them: «v-3edb81a5» and «۰۰۲-۰۱» find theirs
        query = query.where(Vacancy.ref == vacancy_code(filters["vacancy"]))
    if filters.get("unit"):
        query = query.where(Vacancy.unit_id == filters["unit"])
    if filters.get("estate"):
        query = query.where(IndustrialUnit.estate_id == filters["estate"])
    # a field typed as punctuation alone («%») is in no field: it finds nothing, as the other
    # searches do; autoescape keeps any % or _ a key holds a character, never a wildcard
    if field := twin_value(filters.get("field")):
        query = query.where(GraduateProfile.field_key.contains(field, autoescape=True))
    elif filters.get("field"):
        query = query.where(false())
    if filters.get("city"):
        query = query.where(Person.city_key == twin_value(filters["city"]))
    if filters.get("min_score") is not None:
        query = query.where(Proposal.score >= filters["min_score"])
    if filters.get("status") == IN_PLAY:
        query = query.where(Proposal.status.in_(STEPS_IN_PLAY))
    elif filters.get("status"):
        query = query.where(Proposal.status == ProposalStatus(filters["status"]))
    held = filters.get("held")
    if held == "workable":  # hers to act on: free, or her office's (the admin: any)
        if office_id:
            query = query.where(or_(Proposal.office_id.is_(None),
                                    Proposal.office_id == office_id))
    elif held == "free":
        query = query.where(Proposal.office_id.is_(None))
    elif held == "mine":
        query = query.where(Proposal.office_id == office_id) if office_id else query.where(false())
    elif held == "others":
        query = query.where(Proposal.office_id.is_not(None))
        if office_id:
            query = query.where(Proposal.office_id != office_id)
    return query.order_by(Proposal.score.desc(), Proposal.id)


def to_do(office_id: int | None) -> dict[str, str]:
    """The filters of the queue opened bare: proposals still in play that the officer may act
    on (an admin acts on any). Hired and rejected ones, and those another office holds, are
    one choice away in the filters."""
    return {"status": IN_PLAY, "held": "workable"} if office_id else {"status": IN_PLAY}


def review_queue(filters: dict[str, Any], page: int = 1, per_page: int = 25,
                 office_id: int | None = None) -> Pagination:
    query = queue_query(filters, office_id).options(
        selectinload(Proposal.office),
        selectinload(Proposal.vacancy).selectinload(Vacancy.unit),
        selectinload(Proposal.profile).selectinload(GraduateProfile.person))
    return paginate(query, per_page=per_page, page=page)


def queue_row(proposal: Proposal) -> dict[str, Any]:
    profile, vacancy = proposal.profile, proposal.vacancy
    return {
        "id": proposal.id, "score": proposal.score, "rank": proposal.rank,
        "status": proposal.status.label, "status_value": proposal.status.value,
        "graduate": profile.person.full_name, "field": profile.field_of_study,
        "degree": DEGREE_LABELS.get(profile.degree, ""), "city": profile.person.city or "",
        "vacancy": vacancy.title, "ref": vacancy.ref, "unit": vacancy.unit.name,
        "graduate_interested": proposal.graduate_interested,
        "employer_interested": proposal.employer_interested,
        "office": proposal.office.name if proposal.office else "",
    }
