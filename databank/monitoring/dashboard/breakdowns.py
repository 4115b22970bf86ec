"""The year's jobs broken down by sector, gender, women heads of household, university, field
of study and Solar Hijri month, for the county or one agency.

One query brings the few columns each job needs; the counting is done here in Python, so the
Solar Hijri months and the lexicon's field names need nothing from the database's dialect."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields

from sqlalchemy import select

from databank.collation import persian_order
from databank.db import db
from databank.jalali import MONTHS, to_jalali
from databank.monitoring.dashboard.summary import in_year
from databank.monitoring.models import MonitoringRecord, RecordStatus
from databank.organisations.models import University
from databank.people.models import GraduateProfile, Person
from databank.vocabulary import Gender, Sector

UNKNOWN = "نامشخص"
WOMEN_HEADS = "زنان سرپرست خانوار"


@dataclass(frozen=True)
class Count:
    label: str
    registered: int
    verified: int


@dataclass(frozen=True)
class Breakdowns:
    sectors: list[Count]
    genders: list[Count]
    heads: list[Count]
    universities: list[Count]
    fields: list[Count]
    months: list[Count]


class _Tally:
    """Registered (not rejected) and verified jobs per label."""

    def __init__(self) -> None:
        self.registered: Counter[str] = Counter()
        self.verified: Counter[str] = Counter()

    def add(self, label: str, verified: bool) -> None:
        self.registered[label] += 1
        self.verified[label] += verified

    def counts(self, labels: Iterable[str]) -> list[Count]:
        return [Count(label, self.registered[label], self.verified[label]) for label in labels]

    def by_size(self) -> list[Count]:
        """Largest first, then by name; the unknown last."""
        def order(label: str) -> tuple[bool, int, tuple[int, ...]]:
            return label == UNKNOWN, -self.registered[label], persian_order(label)
        return self.counts(sorted(self.registered, key=order))


def breakdown_counts(year: int, agency_id: int | None = None) -> Breakdowns:
    query = (select(MonitoringRecord.status, MonitoringRecord.sector, MonitoringRecord.start_date,
                    Person.gender, GraduateProfile.head_of_household, GraduateProfile.field_code,
                    GraduateProfile.field_of_study, University.name.label("university"))
             .join(Person, MonitoringRecord.person_id == Person.id)
             .outerjoin(GraduateProfile, GraduateProfile.person_id == Person.id)
             .outerjoin(University, GraduateProfile.university_id == University.id)
             .where(*in_year(year)))
    if agency_id is not None:
        query = query.where(MonitoringRecord.agency_id == agency_id)
    tallies = {field.name: _Tally() for field in fields(Breakdowns)}
    field_name = _field_namer()
    for job in db.session.execute(query):
        verified = job.status is RecordStatus.VERIFIED
        tallies["sectors"].add(job.sector.label, verified)
        tallies["genders"].add(job.gender.label if job.gender else UNKNOWN, verified)
        if job.head_of_household and job.gender is Gender.FEMALE:
            tallies["heads"].add(WOMEN_HEADS, verified)
        tallies["universities"].add(job.university or UNKNOWN, verified)
        tallies["fields"].add(field_name(job.field_code, job.field_of_study), verified)
        tallies["months"].add(MONTHS[to_jalali(job.start_date).month - 1], verified)
    genders = [gender.label for gender in Gender]
    if tallies["genders"].registered[UNKNOWN]:
        genders.append(UNKNOWN)
    return Breakdowns(
        sectors=tallies["sectors"].counts(sector.label for sector in Sector),
        genders=tallies["genders"].counts(genders),
        heads=tallies["heads"].counts([WOMEN_HEADS]),
        universities=tallies["universities"].by_size(),
        fields=tallies["fields"].by_size(),
        months=tallies["months"].counts(MONTHS),
    )


def _field_namer() -> Callable[[str | None, str | None], str]:
    """The lexicon's name for a mapped field (so spellings of one field count together), else
    the field as typed; the lexicon is loaded only when a job has a mapped field."""
    names: dict[str, str] = {}

    def name(code: str | None, typed: str | None) -> str:
        if code and not names:
            names.update(_lexicon_names())
        return names.get(code or "") or (typed or "").strip() or UNKNOWN

    return name


def _lexicon_names() -> dict[str, str]:
    from matching import load_lexicon

    return {code: field.name for code, field in load_lexicon().fields.items()}
