"""The employment dashboard: the year's jobs against the agencies' commitments, their
breakdowns, and the pipeline from registered graduate to hire.

Pure query functions that return plain values; views hand them to templates and exports, which
never query. "Registered" counts every job not rejected, "verified" the verified ones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.collation import in_persian_order
from databank.db import db
from databank.errors import NotAllowed, NotFound
from databank.jalali import current_year, jalali_year
from databank.monitoring.dashboard.breakdowns import Breakdowns, Count, breakdown_counts
from databank.monitoring.dashboard.charts import charts
from databank.monitoring.dashboard.pipeline import Pipeline, pipeline_counts
from databank.monitoring.dashboard.summary import AgencyFigures, Summary, county_summary
from databank.monitoring.dashboard.tables import (
    BREAKDOWN_TABLES,
    TABLES,
    Table,
    agencies_table,
    breakdown_table,
    breakdown_tables,
    pipeline_table,
)
from databank.monitoring.models import Commitment, MonitoringRecord
from databank.organisations.models import Agency

__all__ = [
    "BREAKDOWN_TABLES", "COUNTY_ROLES", "FIRST_YEAR", "TABLES", "VIEWERS",
    "AgencyFigures", "Breakdowns", "Count", "Dashboard", "Pipeline", "Summary", "Table",
    "agency_choices", "breakdown_counts", "breakdown_scope", "county_summary", "dashboard",
    "last_year", "pipeline_counts", "table", "year_choices",
]

COUNTY_ROLES = (Role.ADMIN, Role.PLACEMENT_OFFICER, Role.INSPECTOR)
VIEWERS = (*COUNTY_ROLES, Role.AGENCY_OFFICER)
FIRST_YEAR = 1390  # the first year a commitment may have


@dataclass(frozen=True)
class Dashboard:
    summary: Summary
    pipeline: Pipeline
    tables: dict[str, Table]
    charts: dict[str, Any]


def breakdown_scope(actor: User, agency_id: int | None) -> Agency | None:
    """The agency whose breakdown `actor` may see (None: the whole county). An agency officer
    sees her own agency's only; asking for another's finds nothing."""
    if actor.role is Role.AGENCY_OFFICER:
        if agency_id not in (None, actor.agency_id):
            raise NotFound()
        agency_id = actor.agency_id
    elif actor.role not in COUNTY_ROLES:
        raise NotAllowed()
    agency = db.session.get(Agency, agency_id) if agency_id is not None else None
    if agency_id is not None and agency is None:
        raise NotFound()
    return agency


def agency_choices(actor: User) -> list[tuple[int, str]]:
    """The agencies whose breakdown `actor` may choose."""
    query = select(Agency.id, Agency.name)
    if actor.role is Role.AGENCY_OFFICER:
        query = query.where(Agency.id == actor.agency_id)
    rows = [(agency_id, name) for agency_id, name in db.session.execute(query)]
    return in_persian_order(sorted(rows), lambda row: row[1])


def last_year() -> int:
    """The furthest year worth a dashboard: next year (commitments are set for it ahead), or a
    later one a commitment was set for before commitments were held to next year."""
    highest = db.session.scalar(select(func.max(Commitment.year)))
    return max(current_year() + 1, highest or 0)


def year_choices(selected: int) -> list[int]:
    """Newest first: from the earliest commitment or job (at most five years back by default)
    to the latest commitment or the current year."""
    low, high = db.session.execute(select(func.min(Commitment.year),
                                          func.max(Commitment.year))).one()
    first_job = db.session.scalar(select(func.min(MonitoringRecord.start_date)))
    current = current_year()
    earliest = [current - 4, selected, low, jalali_year(first_job) if first_job else None]
    latest = max(current, selected, high or current)
    return list(range(latest, max(FIRST_YEAR, min(year for year in earliest if year)) - 1, -1))


def dashboard(year: int, agency: Agency | None) -> Dashboard:
    summary = county_summary(year)
    counts = breakdown_counts(year, agency.id if agency else None)
    state = pipeline_counts()
    tables = {"agencies": agencies_table(summary), **breakdown_tables(counts),
              "pipeline": pipeline_table(state)}
    return Dashboard(summary, state, tables, charts(summary, counts, state))


def table(name: str, year: int, agency: Agency | None) -> Table:
    """One table, computing only the figures it needs (for an export)."""
    if name == "agencies":
        return agencies_table(county_summary(year))
    if name == "pipeline":
        return pipeline_table(pipeline_counts())
    counts = breakdown_counts(year, agency.id if agency else None)
    return breakdown_table(name, getattr(counts, name))
