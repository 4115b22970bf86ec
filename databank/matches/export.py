"""`databank export matches PATH`: one row per proposal, rank 1 the best within each vacancy."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from databank.audit.services import record_event
from databank.db import db
from databank.imports.writers import write_table
from databank.matches.models import Proposal
from databank.people.models import GraduateProfile
from databank.vacancies.models import Vacancy

HEADERS = ["vacancy_ref", "unit_name", "national_id", "rank", "score", "reasons", "status"]
REASON_JOINER = " | "


def match_rows() -> Iterator[list[object]]:
    query = (select(Proposal).join(Vacancy, Vacancy.id == Proposal.vacancy_id)
             .options(selectinload(Proposal.vacancy).selectinload(Vacancy.unit),
                      selectinload(Proposal.profile).selectinload(GraduateProfile.person))
             .order_by(Vacancy.unit_id, Vacancy.ref, Proposal.rank, Proposal.id)
             .execution_options(yield_per=1000))
    for proposal in db.session.scalars(query):
        vacancy = proposal.vacancy
        yield [vacancy.ref, vacancy.unit.name, proposal.profile.person.national_id,
               proposal.rank, proposal.score, REASON_JOINER.join(proposal.reasons or []),
               proposal.status.label]


def export_matches(path: Path, fmt: str, actor: object = None,
                   progress: Callable[[int], None] | None = None) -> int:
    """Write every proposal; audited, since the file carries national IDs (the caller
    commits)."""
    count = write_table(path, fmt, HEADERS, match_rows(), progress)
    record_event(actor, "export", "proposal", None, rows=count, format=fmt)
    return count


def match_count() -> int:
    return db.session.scalar(select(func.count(Proposal.id))) or 0
