"""The county's jobs against its agencies' commitments for one Solar Hijri year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select

from databank.collation import persian_order
from databank.db import db
from databank.jalali import year_bounds
from databank.monitoring.models import Commitment, MonitoringRecord, RecordStatus
from databank.organisations.models import Agency


def percent(part: int, whole: int | None) -> float | None:
    """One decimal; None (a dash on the page) when there is nothing to measure against."""
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class AgencyFigures:
    agency_id: int
    name: str
    target: int | None
    registered: int
    verified: int

    @property
    def registered_percent(self) -> float | None:
        return percent(self.registered, self.target)

    @property
    def verified_percent(self) -> float | None:
        return percent(self.verified, self.target)


@dataclass(frozen=True)
class Summary:
    year: int
    target: int | None  # None: no agency has a commitment this year (not a commitment of 0)
    registered: int
    verified: int
    agencies: list[AgencyFigures]

    @property
    def registered_percent(self) -> float | None:
        return percent(self.registered, self.target)

    @property
    def verified_percent(self) -> float | None:
        return percent(self.verified, self.target)

    @property
    def uncommitted(self) -> int:
        """Jobs (not rejected) of agencies with no commitment this year: the county's
        percentage counts them above its line with nothing below it for them, which the
        dashboard says beside the figure rather than deciding for the working group."""
        return sum(row.registered for row in self.agencies if row.target is None)

    @property
    def beyond_zero(self) -> int:
        """Jobs of agencies whose commitment this year was set to 0: as uncounted below the
        line as the uncommitted ones, but a commitment the working group set, said apart
        (saying such an agency has none would be untrue)."""
        return sum(row.registered for row in self.agencies if row.target == 0)


def in_year(year: int) -> list[ColumnElement[bool]]:
    """Records that count as jobs created in `year`: started in it, not rejected (an ended job
    still counts in the year it was created)."""
    first, last = year_bounds(year)
    return [MonitoringRecord.status != RecordStatus.REJECTED,
            MonitoringRecord.start_date.between(first, last)]


def county_summary(year: int) -> Summary:
    """Every agency that has a commitment or a job in `year`, and the county's totals."""
    targets = dict(db.session.execute(
        select(Commitment.agency_id, Commitment.target).where(Commitment.year == year)).all())
    registered: Counter[int] = Counter()
    verified: Counter[int] = Counter()
    for agency_id, status, count in db.session.execute(
            select(MonitoringRecord.agency_id, MonitoringRecord.status, func.count())
            .where(*in_year(year))
            .group_by(MonitoringRecord.agency_id, MonitoringRecord.status)):
        registered[agency_id] += count
        if status is RecordStatus.VERIFIED:
            verified[agency_id] += count
    ids = set(targets) | set(registered)
    names = dict(db.session.execute(select(Agency.id, Agency.name).where(Agency.id.in_(ids))).all())
    rows = [AgencyFigures(agency_id, names[agency_id], targets.get(agency_id),
                          registered[agency_id], verified[agency_id]) for agency_id in ids]
    rows.sort(key=lambda row: (persian_order(row.name), row.agency_id))
    return Summary(year, sum(targets.values()) if targets else None, sum(registered.values()),
                   sum(verified.values()), rows)
