"""Possible duplicates: persons with the same normalised name and birth year under different
national IDs. Two files may spell one person's ID differently, or two people may share a name;
only a placement officer can tell, so they are listed for review and never merged. An office
sees the national ID and mobile of a graduate who consented to be introduced (as in its
export); the admin and the command line see everyone's."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from math import ceil

from sqlalchemy import Select, func, select, tuple_
from sqlalchemy.orm import selectinload

from databank.db import db
from databank.people.models import GraduateProfile, Person

Key = tuple[str, int | None]


@dataclass(frozen=True)
class Candidate:
    national_id: str | None
    full_name: str
    birth_year: int | None
    mobile: str | None
    city: str | None
    university: str | None
    field_of_study: str | None

    @property
    def contacts_hidden(self) -> bool:
        return self.national_id is None


@dataclass(frozen=True)
class DuplicateGroup:
    full_name: str
    birth_year: int | None
    persons: tuple[Candidate, ...]


@dataclass(frozen=True)
class DuplicatePage:
    """One page of groups, with what the pager macro asks of a page."""

    items: list[DuplicateGroup]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def _keys() -> Select[tuple[str, int | None]]:
    return (select(Person.name_key, Person.birth_year)
            .where(Person.birth_year.is_not(None))
            .group_by(Person.name_key, Person.birth_year)
            .having(func.count(Person.id) > 1))


def count_groups() -> int:
    return db.session.scalar(select(func.count()).select_from(_keys().subquery())) or 0


def groups_among(keys: Iterable[Key]) -> int:
    """How many groups contain one of these (name_key, birth_year): what an import reports."""
    wanted = set(keys)
    return sum(1 for row in db.session.execute(_keys()) if tuple(row) in wanted)


def possible_duplicates(page: int = 1, per_page: int = 20, *,
                        consented_contacts_only: bool = False) -> DuplicatePage:
    """One page of groups; with `consented_contacts_only` (an office), the national ID and
    mobile of a person who did not consent to be introduced are left out."""
    page = max(1, page)
    keys = [tuple(row) for row in db.session.execute(
        _keys().order_by(Person.name_key, Person.birth_year)
        .limit(per_page).offset((page - 1) * per_page))]
    return DuplicatePage(list(_groups(keys, consented_contacts_only)), page, per_page,
                         count_groups())


def all_possible_duplicates() -> Iterator[DuplicateGroup]:
    keys = [tuple(row) for row in db.session.execute(
        _keys().order_by(Person.name_key, Person.birth_year))]
    for start in range(0, len(keys), 200):
        yield from _groups(keys[start:start + 200])


def _groups(keys: list[tuple[str, int | None]],
            consented_contacts_only: bool = False) -> Iterator[DuplicateGroup]:
    if not keys:
        return
    persons = db.session.scalars(
        select(Person).where(tuple_(Person.name_key, Person.birth_year).in_(keys))
        .options(selectinload(Person.profile).selectinload(GraduateProfile.university))
        .order_by(Person.national_id))
    grouped: dict[tuple[str, int | None], list[Person]] = {key: [] for key in keys}
    for person in persons:
        grouped[(person.name_key, person.birth_year)].append(person)
    for members in grouped.values():
        if len(members) > 1:
            first = members[0]
            yield DuplicateGroup(first.full_name, first.birth_year,
                                 tuple(_candidate(person, consented_contacts_only)
                                       for person in members))


def _candidate(person: Person, consented_contacts_only: bool) -> Candidate:
    profile = person.profile
    shown = not consented_contacts_only or bool(profile and profile.consent)
    return Candidate(
        national_id=person.national_id if shown else None, full_name=person.full_name,
        birth_year=person.birth_year, mobile=person.mobile if shown else None,
        city=person.city,
        university=profile.university.name if profile and profile.university else None,
        field_of_study=profile.field_of_study if profile else None,
    )
