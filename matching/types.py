"""What goes into the engine and what comes out: plain frozen records, no database rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

GENDERS = ("female", "male")


@dataclass(frozen=True)
class VacancyIn:
    """A vacancy as the engine sees it. `fields` are the accepted fields of study (free text or
    lexicon names), `min_degree` a level 0..5 (see degrees.json) or None for any, `gender`
    'female', 'male' or None for any. The `*_key(s)` are key() of the texts as stored when the
    record was written (see `keyed`); left None, the engine keys the texts itself."""

    id: int | str
    title: str
    fields: tuple[str, ...] = ()
    min_degree: int | None = None
    skills: tuple[str, ...] = ()
    gender: str | None = None
    city: str | None = None
    title_key: str | None = None
    field_keys: tuple[str, ...] | None = None  # one per field, in order
    skill_keys: tuple[str, ...] | None = None  # one per skill, in order
    city_key: str | None = None


@dataclass(frozen=True)
class ProfileIn:
    """A graduate as the engine sees it. `degree` is a level 0..5 or None when unknown. The
    `*_key(s)` are key() of the texts as stored when the record was written (see `keyed`): a
    province's profiles are then not keyed again at every match run. Left None, the engine keys
    the texts itself."""

    id: int | str
    field: str
    degree: int | None = None
    skills: tuple[str, ...] = ()
    desired_job: str = ""
    gender: str | None = None
    city: str | None = None
    field_key: str | None = None
    skill_keys: tuple[str, ...] | None = None  # one per skill, in order
    desired_job_key: str | None = None
    city_key: str | None = None


@dataclass(frozen=True)
class Mapping:
    """Free text mapped to a lexicon entry; confidence 1.0 for an exact spelling variant, lower
    for a fuzzy match."""

    code: str
    name: str
    confidence: float


class Proposal(NamedTuple):
    """One candidate-job pair. `rank` is 1 for the best within its vacancy (top_candidates,
    match_all) or within its profile (top_vacancies). `reasons` are Persian sentences for the
    placement officer; `field_fit` is 'same', 'family', 'close', 'similar' or 'none'. A named
    tuple, immutable like the other records: a province's run makes a hundred thousand of
    them, and a tuple is made several times faster than a frozen dataclass."""

    vacancy_id: int | str
    profile_id: int | str
    score: float
    rank: int
    reasons: tuple[str, ...]
    matched_skills: tuple[str, ...] = ()
    missing_skills: tuple[str, ...] = ()
    field_fit: str = "none"
