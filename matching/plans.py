"""A vacancy made ready to score: its texts keyed and mapped once, its relations to every field and
occupation of the lexicon laid out as small arrays."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.lexicon import Lexicon
from matching.normalize import compact, key, tidy
from matching.scoring import (
    FIELD_LEVELS,
    MAX_REQUIRED_SKILLS,
    OCCUPATION_LEVELS,
    WEIGHTS,
    FieldFit,
)
from matching.tables import UNKNOWN, LexiconArrays, gender_code, lexicon_arrays
from matching.types import VacancyIn


@dataclass(frozen=True)
class RequiredSkill:
    label: str  # what the reasons show: the lexicon's name, else the vacancy's own words
    skill: int  # lexicon index, or UNKNOWN
    compact: str


@dataclass(frozen=True)
class VacancyPlan:
    vacancy: VacancyIn
    accepted: tuple[int, ...]  # field indices
    fields_from_job: bool  # accepted fields are the occupation's usual ones, none were stated
    field_queries: tuple[str, ...]  # compact keys compared with unmapped profile fields
    unmapped_fields: tuple[str, ...]  # compact keys of stated fields the lexicon lacks
    field_level: np.ndarray  # field index (+1 slot for UNKNOWN) -> level 0..1
    field_fit: np.ndarray  # field index (+1 slot) -> FieldFit
    skills: tuple[RequiredSkill, ...]
    title_compact: str
    occupation: int
    occupation_level: np.ndarray  # occupation index (+1 slot) -> level 0..1
    min_degree: int | None
    gender: int
    city: str  # key, '' for none
    weights: np.ndarray  # field, skills, title, degree, city; scaled to sum to 100


def plan_vacancy(vacancy: VacancyIn, lexicon: Lexicon) -> VacancyPlan:
    arrays = lexicon_arrays(lexicon)
    gender = gender_code(vacancy.gender)
    if not gender and (vacancy.gender or "").strip():
        raise ValueError(f"gender preference must be 'female', 'male' or None: {vacancy.gender!r}")
    job = lexicon.occupation_vocabulary.map_keys([key(vacancy.title)])[0]
    occupation = arrays.occupation_index[job.code] if job else UNKNOWN
    stated = [k for k in dict.fromkeys(map(key, vacancy.fields)) if k]
    stated_maps = lexicon.field_vocabulary.map_keys(stated)
    accepted = [arrays.field_index[m.code] for m in stated_maps if m]
    from_job = not stated and occupation != UNKNOWN
    if from_job:
        accepted = list(arrays.occupation_fields[occupation])
    accepted = list(dict.fromkeys(accepted))
    names = [compact(key(lexicon.fields[arrays.field_ids[a]].name)) for a in accepted]
    level, fit = _field_relations(accepted, arrays)
    skills = _required_skills(vacancy.skills, lexicon)
    min_degree = None if vacancy.min_degree is None else int(vacancy.min_degree)
    city = key(vacancy.city)
    return VacancyPlan(
        vacancy=vacancy,
        accepted=tuple(accepted),
        fields_from_job=from_job,
        field_queries=tuple(dict.fromkeys([*map(compact, stated), *names])),
        unmapped_fields=tuple(compact(k) for k, m in zip(stated, stated_maps, strict=True)
                              if m is None),
        field_level=level,
        field_fit=fit,
        skills=skills,
        title_compact=compact(key(vacancy.title)),
        occupation=occupation,
        occupation_level=_occupation_relations(occupation, arrays.occupation_isco),
        min_degree=min_degree,
        gender=gender,
        city=city,
        weights=_weights([bool(accepted or stated), bool(skills), bool(key(vacancy.title)),
                          min_degree is not None, bool(city)]),
    )


def _weights(present: list[bool]) -> np.ndarray:
    """The weights of the features the vacancy states, scaled back to sum to 100."""
    weights = np.array(list(WEIGHTS.values()), dtype=np.float64) * np.array(present)
    total = weights.sum()
    return weights * (100.0 / total) if total else weights


def _field_relations(accepted: list[int],
                     arrays: LexiconArrays) -> tuple[np.ndarray, np.ndarray]:
    """Level and kind of fit of every lexicon field against the best accepted one."""
    family = np.append(arrays.field_family, UNKNOWN)
    fit = np.zeros(len(family), dtype=np.int8)
    for field in accepted:
        own = family[field]
        fit = np.maximum(fit, np.where(np.arange(len(family)) == field, FieldFit.SAME, 0))
        if own != UNKNOWN:
            fit = np.maximum(fit, np.where(family == own, FieldFit.FAMILY, 0))
            close = np.append(arrays.family_close[own], False)[family]
            fit = np.maximum(fit, np.where(close & (family != UNKNOWN), FieldFit.CLOSE, 0))
    fit[-1] = FieldFit.NONE
    level = np.array([FIELD_LEVELS[FieldFit(f)] for f in range(len(FieldFit))])[fit]
    return level, fit.astype(np.int8)


def _occupation_relations(occupation: int, isco: np.ndarray) -> np.ndarray:
    """How close every occupation is to the vacancy's: same, same ISCO unit group, same minor
    group."""
    level = np.zeros(len(isco) + 1)
    if occupation == UNKNOWN:
        return level
    own = isco[occupation]
    if own:
        for digits, value in ((10, OCCUPATION_LEVELS["minor group"]),
                              (1, OCCUPATION_LEVELS["unit group"])):
            level[:-1] = np.where((isco // digits == own // digits) & (isco > 0),
                                  np.maximum(level[:-1], value), level[:-1])
    level[occupation] = OCCUPATION_LEVELS["same"]
    return level


def _required_skills(texts: tuple[str, ...], lexicon: Lexicon) -> tuple[RequiredSkill, ...]:
    keys = [k for k in dict.fromkeys(map(key, texts)) if k]
    arrays = lexicon_arrays(lexicon)
    seen: set[object] = set()
    out = []
    for text_key, found in zip(keys, lexicon.skill_vocabulary.map_keys(keys), strict=True):
        identity = found.code if found else text_key
        if identity in seen:
            continue
        seen.add(identity)
        label = found.name if found else _original(texts, text_key)
        out.append(RequiredSkill(label, arrays.skill_index[found.code] if found else UNKNOWN,
                                 compact(text_key)))
    return tuple(out[:MAX_REQUIRED_SKILLS])


def _original(texts: tuple[str, ...], text_key: str) -> str:
    return next((tidy(t) for t in texts if key(t) == text_key), text_key)
