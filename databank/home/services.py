"""What each role sees first after login: a few figures about its own part of the databank."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.db import db
from databank.jalali import current_year, year_bounds
from databank.matches.models import Proposal
from databank.monitoring.models import (
    Commitment,
    MonitoringRecord,
    RecordStatus,
    withdrawn_condition,
)
from databank.people.models import GraduateProfile
from databank.vacancies.figures import open_figures


def _count(statement: Any) -> int:
    return db.session.scalar(statement) or 0


def summary_for(user: User) -> dict[str, Any]:
    """Plain figures for the home page of `user`'s role."""
    builders = {
        Role.GRADUATE: _graduate, Role.EMPLOYER: _employer,
        Role.PLACEMENT_OFFICER: _county, Role.ADMIN: _county,
        Role.AGENCY_OFFICER: _agency, Role.INSPECTOR: _inspector,
    }
    return builders[user.role](user)


def _graduate(user: User) -> dict[str, Any]:
    profile = db.session.scalar(
        select(GraduateProfile).where(GraduateProfile.person_id == user.person_id)
    ) if user.person_id else None
    proposals = _count(select(func.count(Proposal.id)).where(
        Proposal.profile_id == profile.id)) if profile else 0
    summary: dict[str, Any] = {"has_profile": profile is not None, "proposals": proposals,
                               "field": profile.field_of_study if profile else None}
    if profile is not None:  # without consent nothing is proposed: the page says why
        summary["consent"] = profile.consent
    return summary


def _employer(user: User) -> dict[str, Any]:
    if user.unit_id is None:
        return {"has_unit": False, "open_vacancies": 0, "unit_name": None}
    return {
        "has_unit": True,
        "unit_name": user.unit.name if user.unit else None,
        "open_vacancies": open_figures(user.unit_id).vacancies,
    }


def _county(_user: User) -> dict[str, Any]:
    """Open figures as the dashboard and the matcher count them: still recruiting, and
    positions less the hires already made."""
    recruiting = open_figures()
    return {
        "graduates": _count(select(func.count(GraduateProfile.id))),
        "open_vacancies": recruiting.vacancies,
        "open_positions": recruiting.positions,
        "proposals": _count(select(func.count(Proposal.id))),
        "records": _count(select(func.count(MonitoringRecord.id))),
    }


def _agency(user: User) -> dict[str, Any]:
    """Her agency's jobs started this Solar Hijri year by where their check stands (one
    grouped query), each linking to the records list so filtered; `records` is what the
    dashboard counts as registered: every job not rejected."""
    year = current_year()
    target = db.session.scalar(select(Commitment.target).where(
        Commitment.agency_id == user.agency_id, Commitment.year == year))
    first, last = year_bounds(year)
    counts = {status: 0 for status in RecordStatus}
    counts.update(db.session.execute(
        select(MonitoringRecord.status, func.count(MonitoringRecord.id))
        .where(MonitoringRecord.agency_id == user.agency_id,
               MonitoringRecord.start_date.between(first, last))
        .group_by(MonitoringRecord.status)).tuples().all())
    # withdrawn by the agency itself (monitoring.withdrawal): not an inspector's rejection
    withdrawn = _count(select(func.count(MonitoringRecord.id)).where(
        MonitoringRecord.agency_id == user.agency_id,
        MonitoringRecord.start_date.between(first, last),
        withdrawn_condition()))
    counts[RecordStatus.REJECTED] -= withdrawn
    return {"agency_name": user.agency.name if user.agency else "", "year": year,
            "withdrawn": withdrawn,
            "target": target, "records": counts[RecordStatus.REGISTERED]
            + counts[RecordStatus.VERIFIED],
            "statuses": [(status.value, status.label, counts[status])
                         for status in (RecordStatus.VERIFIED, RecordStatus.REGISTERED,
                                        RecordStatus.REJECTED)]}


def _inspector(_user: User) -> dict[str, Any]:
    return {"awaiting": _count(select(func.count(MonitoringRecord.id)).where(
        MonitoringRecord.status == RecordStatus.REGISTERED))}
