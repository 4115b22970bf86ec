"""A vacancy made ready to score: its texts keyed and mapped once, its relations to every field and
occupation of the lexicon laid out as small arrays."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from matching.lexicon import Lexicon
from matching.lexicon.groups import ANY, RELATED
from matching.normalize import compact, key, tidy
from matching.scoring import (
    FIELD_LEVELS,
    INFERRED_FIELD_WEIGHTS,
    MAX_REQUIRED_SKILLS,
    OCCUPATION_LEVELS,
    WEIGHTS,
    FieldFit,
    job_compact,
)
from matching.stored import key_of, keys_of
from matching.tables import UNKNOWN, gender_code, lexicon_arrays
from matching.types import VacancyIn


@dataclass(frozen=True)
class RequiredSkill:
    label: str  # what the reasons show: the vacancy's own words, which its employer knows
    skill: int  # lexicon index, or UNKNOWN
    compact: str


@dataclass(frozen=True)
class VacancyPlan:
    vacancy: VacancyIn
    accepted: tuple[int, ...]  # field indices
    named: tuple[int, ...]  # those the vacancy names one by one, not through a group
    groups: tuple[str, ...]  # the groups of fields it names («فنی و مهندسی»), lexicon ids
    field_texts: tuple[str, ...]  # the fields it names one by one, as written
    fields_from_job: bool  # accepted fields are the occupation's usual ones, none were stated
    names_fields: bool  # the vacancy states its accepted fields: MISFIT_RULE applies
    field_queries: tuple[str, ...]  # compact keys compared with unmapped profile fields
    unmapped_fields: tuple[str, ...]  # compact keys of stated fields the lexicon lacks
    stream_queries: tuple[str, ...]  # compact subjects of the school streams it names itself
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


def plan_vacancies(vacancies: Sequence[VacancyIn], lexicon: Lexicon) -> list[VacancyPlan]:
    """Plans of a batch of vacancies. Their titles, fields and skills are first mapped to the
    lexicon in one bulk call per vocabulary (one fuzzy pass over the batch's new spellings, not
    three small ones per vacancy); each plan then finds its mappings remembered."""
    lexicon.occupation_vocabulary.map_keys([key_of(v.title, v.title_key) for v in vacancies])
    lexicon.field_vocabulary.map_keys([k for v in vacancies for k in _field_keys(v) if k])
    lexicon.skill_vocabulary.map_keys([k for v in vacancies for k in _skill_keys(v) if k])
    return [plan_vacancy(v, lexicon) for v in vacancies]


def plan_vacancy(vacancy: VacancyIn, lexicon: Lexicon) -> VacancyPlan:
    """The plan of one vacancy. What vacancies share (the relations of a set of accepted fields,
    of an occupation, the weights of a set of stated features) is computed once per lexicon and
    shared, read-only: planning is then a few lookups, not a dozen array passes."""
    arrays = lexicon_arrays(lexicon)
    gender = gender_code(vacancy.gender)
    if not gender and (vacancy.gender or "").strip():
        raise ValueError(f"gender preference must be 'female', 'male' or None: {vacancy.gender!r}")
    title_key = key_of(vacancy.title, vacancy.title_key)
    job = lexicon.occupation_vocabulary.map_keys([title_key])[0]
    occupation = arrays.occupation_index[job.code] if job else UNKNOWN
    named_texts, groups, any_field, group_keys = _stated_fields(vacancy, lexicon)
    stated = list(named_texts)
    stated_maps = lexicon.field_vocabulary.map_keys(stated)
    named = [arrays.field_index[m.code] for m in stated_maps if m]
    accepted = named + [arrays.field_index[f] for g in groups for f in lexicon.group_fields[g]]
    from_job = not stated and not groups and not any_field and occupation != UNKNOWN
    if from_job:
        accepted = list(arrays.occupation_fields[occupation])
    fields = field_relations(lexicon, tuple(dict.fromkeys(accepted)))
    # a school stream the vacancy names («دیپلم فنی») is compared by its subject, as the
    # profiles' streams are (matching.tables), and fits a stream of that subject fully
    streams = tuple(dict.fromkeys(compact(s) for k, m in zip(stated, stated_maps, strict=True)
                                  if m is None and (s := lexicon.field_vocabulary.stream(k))))
    skills = _required_skills(vacancy.skills, _skill_keys(vacancy), lexicon)
    min_degree = None if vacancy.min_degree is None else int(vacancy.min_degree)
    city = key_of(vacancy.city, vacancy.city_key)
    return VacancyPlan(
        vacancy=vacancy,
        accepted=fields.accepted,
        named=tuple(dict.fromkeys(named)),
        groups=groups,
        field_texts=tuple(named_texts.values()),
        fields_from_job=from_job,
        names_fields=bool(stated or groups),
        field_queries=tuple(dict.fromkeys([*map(compact, stated), *fields.names,
                                           *map(compact, group_keys), *streams])),
        unmapped_fields=tuple(compact(k) for k, m in zip(stated, stated_maps, strict=True)
                              if m is None),
        stream_queries=streams,
        field_level=fields.level,
        field_fit=fields.fit,
        skills=skills,
        title_compact=job_compact(title_key),
        occupation=occupation,
        occupation_level=occupation_relations(lexicon, occupation),
        min_degree=min_degree,
        gender=gender,
        city=city,
        weights=feature_weights((bool(fields.accepted or stated), bool(skills), bool(title_key),
                                 min_degree is not None, bool(city)), from_job),
    )


@dataclass(frozen=True)
class FieldRelations:
    accepted: tuple[int, ...]
    names: tuple[str, ...]  # compact keys of the accepted fields' names
    level: np.ndarray  # field index (+1 slot for UNKNOWN) -> level 0..1
    fit: np.ndarray  # field index (+1 slot) -> FieldFit


@lru_cache(maxsize=1 << 12)
def field_relations(lexicon: Lexicon, accepted: tuple[int, ...]) -> FieldRelations:
    """Level and kind of fit of every lexicon field against the best accepted one: a few
    gathers over the families (a field's fit is its family's), the accepted fields last."""
    arrays = lexicon_arrays(lexicon)
    family = np.append(arrays.field_family, UNKNOWN)  # field index (+1 slot) -> family
    by_family = np.zeros(len(arrays.family_ids) + 1, dtype=np.int8)  # the last: UNKNOWN
    if accepted:
        own = family[list(accepted)]
        own = own[own != UNKNOWN]
        by_family[:-1][arrays.family_close[own].any(axis=0)] = FieldFit.CLOSE
        by_family[own] = FieldFit.FAMILY
    by_family[-1] = FieldFit.NONE
    fit = by_family[family]
    fit[list(accepted)] = FieldFit.SAME
    wanted = {arrays.field_ids[a] for a in accepted}
    children = [arrays.field_index[child] for child, parent in lexicon.parents.items()
                if parent in wanted]
    fit[children] = FieldFit.SAME  # a specialisation of an accepted field is that field
    fit[-1] = FieldFit.NONE
    names = tuple(compact(key(lexicon.fields[arrays.field_ids[a]].name)) for a in accepted)
    return FieldRelations(accepted, names, _frozen(_LEVELS[fit]), _frozen(fit))


_LEVELS = np.array([FIELD_LEVELS[fit] for fit in FieldFit])  # level by FieldFit


@lru_cache(maxsize=1 << 10)
def occupation_relations(lexicon: Lexicon, occupation: int) -> np.ndarray:
    """How close every occupation is to the vacancy's: same, same ISCO unit group, same minor
    group, or related or near in the lexicon (across ISCO groups: technician and engineer of a
    trade are related, a quality control expert and a quality inspector near)."""
    arrays = lexicon_arrays(lexicon)
    isco = arrays.occupation_isco
    level = np.zeros(len(isco) + 1)
    if occupation == UNKNOWN:
        return _frozen(level)
    own = isco[occupation]
    if own:
        for digits, value in ((10, OCCUPATION_LEVELS["minor group"]),
                              (1, OCCUPATION_LEVELS["unit group"])):
            level[:-1] = np.where((isco // digits == own // digits) & (isco > 0),
                                  np.maximum(level[:-1], value), level[:-1])
    own_entry = lexicon.occupations[arrays.occupation_ids[occupation]]
    for others, value in ((own_entry.related, OCCUPATION_LEVELS["related"]),
                          (own_entry.near, OCCUPATION_LEVELS["near"])):
        found = [arrays.occupation_index[o] for o in others]
        level[found] = np.maximum(level[found], value)
    level[occupation] = OCCUPATION_LEVELS["same"]
    return _frozen(level)


@cache  # at most 2 ** 6 keys
def feature_weights(present: tuple[bool, ...], inferred: bool = False) -> np.ndarray:
    """The weights of the features the vacancy states, scaled back to sum to 100; `inferred`:
    the accepted fields are the job's usual ones (INFERRED_FIELD_WEIGHTS)."""
    chosen = INFERRED_FIELD_WEIGHTS if inferred else WEIGHTS
    weights = np.array(list(chosen.values()), dtype=np.float64) * np.array(present)
    total = weights.sum()
    return _frozen(weights * (100.0 / total) if total else weights)


def _frozen(array: np.ndarray) -> np.ndarray:
    """Shared arrays are read-only, so that no vacancy can change another's."""
    array.flags.writeable = False
    return array


def _stated_fields(vacancy: VacancyIn, lexicon: Lexicon
                   ) -> tuple[dict[str, str], tuple[str, ...], bool, tuple[str, ...]]:
    """The fields a vacancy names one by one (key -> text), the groups it names, whether it
    says any field will do (matching.lexicon.groups), and the keys of the group names as
    written («برق»: a school stream «هنرستان برق» is compared with them by its letters).
    «رشته‌های مرتبط» names nothing: the job's usual fields are weighed, as when no field is
    written; «مکانیک و رشته‌های مرتبط» is «مکانیک»."""
    stated: dict[str, str] = {}  # key -> the text as written
    groups, any_field, group_keys = [], False, []
    for text, text_key in zip(vacancy.fields, _field_keys(vacancy), strict=True):
        core = lexicon.field_groups.core(text_key)
        read = lexicon.field_groups.read(core) if core else RELATED
        if read is None:
            stated.setdefault(core, text)
        elif read == ANY:
            any_field = True
        elif read != RELATED:
            groups.append(read)
            group_keys.append(core)
    return stated, tuple(dict.fromkeys(groups)), any_field, tuple(dict.fromkeys(group_keys))


def _field_keys(vacancy: VacancyIn) -> Sequence[str]:
    return keys_of(vacancy.fields, vacancy.field_keys, "fields")


def _skill_keys(vacancy: VacancyIn) -> Sequence[str]:
    return keys_of(vacancy.skills, vacancy.skill_keys, "skills")


def _required_skills(texts: tuple[str, ...], text_keys: Sequence[str],
                     lexicon: Lexicon) -> tuple[RequiredSkill, ...]:
    keys = [k for k in dict.fromkeys(text_keys) if k]
    arrays = lexicon_arrays(lexicon)
    seen: set[object] = set()
    out = []
    for text_key, found in zip(keys, lexicon.skill_vocabulary.map_keys(keys), strict=True):
        identity = found.code if found else text_key
        if identity in seen:
            continue
        seen.add(identity)
        label = _original(texts, text_keys, text_key)
        out.append(RequiredSkill(label, arrays.skill_index[found.code] if found else UNKNOWN,
                                 compact(text_key)))
    return tuple(out[:MAX_REQUIRED_SKILLS])


def _original(texts: tuple[str, ...], text_keys: Sequence[str], text_key: str) -> str:
    """The vacancy's own words for a skill, tidied: the reasons show the skill as the employer
    wrote it («PLC»), not the lexicon's name for it («پی‌ال‌سی»)."""
    return next((tidy(t) for t, k in zip(texts, text_keys, strict=True) if k == text_key),
                text_key)
