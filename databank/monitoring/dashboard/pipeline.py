"""Where the databank's own pipeline stands today: vacancies that still recruit and their
positions not yet filled, and how far registered graduates have come (proposed, introduced
to an employer, hired). A hire whose monitoring record an inspector rejected was no job: it
neither takes a position nor counts as hired."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from databank.db import db
from databank.matches.models import Proposal, ProposalStatus
from databank.monitoring.models import Placement
from databank.people.models import GraduateProfile
from databank.vacancies.figures import open_figures, standing

INTRODUCED = (ProposalStatus.INTRODUCED, ProposalStatus.INTERVIEWED, ProposalStatus.HIRED)


@dataclass(frozen=True)
class Pipeline:
    open_vacancies: int
    open_positions: int
    graduates: int
    proposed: int
    introduced: int
    hired: int


def _scalar(statement: Any) -> int:
    return db.session.scalar(statement) or 0


def _profiles(*statuses: ProposalStatus) -> int:
    """Distinct graduates with a proposal (in one of `statuses`, when given)."""
    query = select(func.count(func.distinct(Proposal.profile_id)))
    return _scalar(query.where(Proposal.status.in_(statuses)) if statuses else query)


def _hired() -> int:
    """Distinct graduates hired, a hire whose placement no longer stands aside: rejecting its
    record moves the proposal to rejected too, but one rejected before that rule still reads
    hired."""
    fallen = select(Placement.proposal_id).where(Placement.proposal_id.is_not(None),
                                                 ~standing())
    return _scalar(select(func.count(func.distinct(Proposal.profile_id))).where(
        Proposal.status == ProposalStatus.HIRED, Proposal.id.not_in(fallen)))


def pipeline_counts() -> Pipeline:
    recruiting = open_figures()
    return Pipeline(
        open_vacancies=recruiting.vacancies,
        open_positions=recruiting.positions,
        graduates=_scalar(select(func.count(GraduateProfile.id))),
        proposed=_profiles(),
        introduced=_profiles(*INTRODUCED),
        hired=_hired(),
    )
