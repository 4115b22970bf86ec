"""What each audit entry was about, by the name a person knows it by: «سابقهٔ اشتغال ۴۱۲» says
nothing to the admin, «زهرا کریمی — کمیته امداد» does. Looked up for one page of the log at a
time, one query per kind of record on it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from sqlalchemy import select

from databank.accounts.models import User
from databank.audit.models import AuditEntry
from databank.db import db
from databank.jalali import persian_digits
from databank.matches.models import Proposal
from databank.monitoring.models import Commitment, MonitoringRecord
from databank.organisations.models import (
    Agency,
    IndustrialEstate,
    IndustrialUnit,
    PlacementOffice,
    University,
)
from databank.people.models import GraduateProfile, Person
from databank.vacancies.models import Vacancy

Names = dict[int, str]


def _users(ids: set[int]) -> Names:
    rows = db.session.execute(select(User.id, User.display_name, User.username)
                              .where(User.id.in_(ids)))
    return {uid: f"{name} ({username})" for uid, name, username in rows}


def _persons(ids: set[int]) -> Names:
    return dict(db.session.execute(select(Person.id, Person.full_name)
                                   .where(Person.id.in_(ids))).tuples().all())


def _records(ids: set[int]) -> Names:
    rows = db.session.execute(select(MonitoringRecord.id, Person.full_name, Agency.name)
                              .join(Person, Person.id == MonitoringRecord.person_id)
                              .join(Agency, Agency.id == MonitoringRecord.agency_id)
                              .where(MonitoringRecord.id.in_(ids)))
    return {rid: f"{person} — {agency}" for rid, person, agency in rows}


def _proposals(ids: set[int]) -> Names:
    rows = db.session.execute(select(Proposal.id, Person.full_name, Vacancy.title)
                              .join(GraduateProfile, GraduateProfile.id == Proposal.profile_id)
                              .join(Person, Person.id == GraduateProfile.person_id)
                              .join(Vacancy, Vacancy.id == Proposal.vacancy_id)
                              .where(Proposal.id.in_(ids)))
    return {pid: f"{person} ← {title}" for pid, person, title in rows}


def _vacancies(ids: set[int]) -> Names:
    rows = db.session.execute(select(Vacancy.id, Vacancy.title, IndustrialUnit.name)
                              .join(IndustrialUnit, IndustrialUnit.id == Vacancy.unit_id)
                              .where(Vacancy.id.in_(ids)))
    return {vid: f"{title} ({unit})" for vid, title, unit in rows}


def _commitments(ids: set[int]) -> Names:
    rows = db.session.execute(select(Commitment.id, Agency.name, Commitment.year)
                              .join(Agency, Agency.id == Commitment.agency_id)
                              .where(Commitment.id.in_(ids)))
    return {cid: f"{agency}، سال {persian_digits(year)}" for cid, agency, year in rows}


def _named(model: type) -> Callable[[set[int]], Names]:
    def names(ids: set[int]) -> Names:
        return dict(db.session.execute(select(model.id, model.name)
                                       .where(model.id.in_(ids))).tuples().all())
    return names


RESOLVERS: dict[str, Callable[[set[int]], Names]] = {
    "user": _users, "person": _persons, "monitoring_record": _records,
    "proposal": _proposals, "vacancy": _vacancies, "commitment": _commitments,
    "unit": _named(IndustrialUnit), "agency": _named(Agency),
    "placement_office": _named(PlacementOffice), "industrial_estate": _named(IndustrialEstate),
    "university": _named(University),
}


def subject_names(entries: Iterable[AuditEntry]) -> dict[tuple[str, int], str]:
    """(entity, id) → its name now, for the entries given; a record deleted since has none."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        if entry.entity_id is not None and entry.entity in RESOLVERS:
            wanted[entry.entity].add(entry.entity_id)
    return {(entity, ident): name for entity, ids in wanted.items()
            for ident, name in RESOLVERS[entity](ids).items()}
