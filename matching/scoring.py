"""The score of a candidate for a vacancy, 0 to 100, and every constant that shapes it.

What a placement officer weighs, in order: does the field of study fit (40), does the graduate
have the skills asked for (30), is the job they want the job on offer (15), how far their degree
is above the minimum (10), do they live in the same city (5); when the vacancy names no field and
its fields are inferred from the title, field 15, skills 40, job 30 (INFERRED_FIELD_WEIGHTS).
A feature the vacancy does not state (no skills listed, no minimum degree, no city) is left out
and the others are scaled back to 100, so that scores stay comparable within a vacancy. The hard
filters (gender preference, minimum degree) are not weights: a candidate who fails one is never
proposed.

One rule is not a weight: a misfit's score counts only as far as it shows it can do the job
(MISFIT_RULE below). Where a vacancy names the fields it accepts and a graduate's field fits
none of them at all, degree and city say nothing about fitting the job, and one generic skill
(Excel of two skills asked) says little; added up they would lift an unrelated graduate over the
proposal minimum. Such a pair's score is multiplied by its evidence of fitting the job: the share
of the required skills it covers, or how near its desired job is to the title, the more of the
two. A misfit covering every required skill, or wanting this very job, keeps its score; one
covering a quarter keeps a quarter of it. And a pair with no evidence at all (no field fit, no
skill asked and held, no desired job near the title) scores 0: degree and city alone are not a
reason to propose anyone, however much of the weight they carry when a vacancy states little
(one open to any field and asking for no skill: city and degree would be half of it).

Scoring is array reads from a vacancy's small tables (each lexicon field's fit, the required
skills each skill spelling is, each desired job's similarity to the title): spread over every
distinct key when one vacancy meets every profile (Context, the baseline), or stacked for a batch
of vacancies and read per pair (matching.pairs, what the index scores). Both end in `combine`.
"""

from __future__ import annotations

from enum import IntEnum
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from matching.normalize import compact, key

if TYPE_CHECKING:
    from matching.plans import VacancyPlan
    from matching.similarity import Similarities
    from matching.tables import ProfileTable

WEIGHTS = {"field": 40.0, "skills": 30.0, "title": 15.0, "degree": 10.0, "city": 5.0}
# Where the vacancy names no field and the accepted ones are only the usual fields of its job
# title (the lexicon's occupation), the employer did not ask for a field: field fit weighs less,
# and what shows the candidate can do this job, the skills asked for and wanting this very job,
# more. A diploma holder with every skill asked who wants to be a storekeeper outranks graduates
# of the job's usual fields who have Excel only. Same keys, same order as WEIGHTS.
INFERRED_FIELD_WEIGHTS = {"field": 15.0, "skills": 40.0, "title": 30.0, "degree": 10.0,
                          "city": 5.0}


class FieldFit(IntEnum):
    NONE = 0
    SIMILAR = 1  # no lexicon relation, but the texts are alike
    CLOSE = 2  # a close family
    FAMILY = 3  # the same family
    SAME = 4


# Field fit levels; a lexicon relation is scaled by the confidence of the profile's mapping.
FIELD_LEVELS = {FieldFit.NONE: 0.0, FieldFit.SIMILAR: 0.0, FieldFit.CLOSE: 0.4,
                FieldFit.FAMILY: 0.7, FieldFit.SAME: 1.0}
# Text similarity of fields (rapidfuzz ratio, 0..100) is used only when one side is not in the
# lexicon: below FIELD_SIMILARITY_MIN it is no fit, at 100 it is worth FIELD_SIMILARITY_TOP.
FIELD_SIMILARITY_MIN, FIELD_SIMILARITY_TOP = 70, 0.8
# A school stream of the field asked («هنرستان برق» for «برق») is alike to it by its subject, and
# counts at most this: a diploma in the subject, below a university field of the same family.
STREAM_SIMILARITY_TOP = 0.5
# A required skill is found when a profile skill maps to the same lexicon skill, or, when one of
# them is not in the lexicon, when their texts are at least this similar.
SKILL_SIMILARITY_MIN = 88
MAX_REQUIRED_SKILLS = 32  # one bit each in a uint32
# Desired job against the vacancy title: the better of the occupations' relation and the text
# similarity, which counts from TITLE_SIMILARITY_MIN (0) to 100 (1).
OCCUPATION_LEVELS = {"same": 1.0, "unit group": 0.8, "minor group": 0.5, "related": 0.5,
                     "near": 0.8}
# The text similarity is taken without the words that say a rank, not a job (GENERIC_JOB_WORDS):
# «کارشناس فروش» and «کارشناس کیفیت» share «کارشناس» and nothing of the job, «مسئول HSE» is
# «کارشناس HSE». From 70: below it, letters shared by chance («انباردار», «حسابدار»: 67) would
# count as a job alike. A reason speaks of a desired job near the title only when it scores.
TITLE_SIMILARITY_MIN = 70
GENERIC_JOB_WORDS = frozenset(key(w) for w in (
    "کارشناس", "کارشناس ارشد", "مسئول", "مسوول", "کارمند", "سرپرست", "تکنسین", "کاردان",
    "اپراتور", "مهندس", "کارگر", "متصدی", "مدیر", "کارآموز"))
# Degree: at the minimum 0.5, each level above adds 0.25.
DEGREE_AT_MINIMUM, DEGREE_PER_LEVEL = 0.5, 0.25
# MISFIT_RULE: where the vacancy names its accepted fields, a pair whose field level is 0 (no
# lexicon relation, no text similarity) scores its weighted sum times max(skill share, title
# level). Scores only go down by it, so the index's bounds (matching.index) stay bounds.
MISFIT_RULE = True
# Pairs scoring below this are not proposals. A pair with no field, skill or job evidence scores
# 0 (combine), so this also spares the index from scanning everyone for such pairs.
MIN_SCORE = 20.0

_POPCOUNT16 = np.array([bin(i).count("1") for i in range(1 << 16)], dtype=np.uint8)


def popcount(bits: np.ndarray) -> np.ndarray:
    bits = bits.astype(np.uint32)
    return (_POPCOUNT16[bits & 0xFFFF] + _POPCOUNT16[bits >> 16]).astype(np.int64)


def field_similarity_level(similarity: np.ndarray) -> np.ndarray:
    scaled = (similarity.astype(np.float64) - FIELD_SIMILARITY_MIN) / (100 - FIELD_SIMILARITY_MIN)
    return np.where(similarity >= FIELD_SIMILARITY_MIN, FIELD_SIMILARITY_TOP * scaled, 0.0)


def job_compact(text_key: str) -> str:
    """A job title's key as text similarity compares it: spaceless, the rank words dropped
    (the whole when nothing else is left: «کارشناس» alone)."""
    words = [w for w in text_key.split() if w not in GENERIC_JOB_WORDS]
    return compact(" ".join(words) if words else text_key)


def title_similarity_level(similarity: np.ndarray) -> np.ndarray:
    scaled = (similarity.astype(np.float64) - TITLE_SIMILARITY_MIN) / (100 - TITLE_SIMILARITY_MIN)
    return np.clip(scaled, 0.0, 1.0)


# title_similarity_level of every possible similarity: one gather instead of four passes
TITLE_LEVELS = title_similarity_level(np.arange(101, dtype=np.uint8))


Feature = np.ndarray | float


def combine(weights: np.ndarray, field: Feature, skills: Feature, title: Feature,
            degree: Feature, city: Feature, names_fields: np.ndarray | bool = False
            ) -> np.ndarray:
    """The weighted sum, 0..100, with the misfit rule where `names_fields` (per pair, or for
    all). The baseline and the index's scorer both end here, in the same order of operations,
    so that they give the same numbers bit for bit."""
    total = (weights[0] * field + weights[1] * skills + weights[2] * title
             + weights[3] * degree + weights[4] * city)
    evidence = (np.asarray(field) > 0.0) | (np.asarray(skills) > 0.0) | (np.asarray(title) > 0.0)
    return np.where(evidence, misfit_scaled(total, field, skills, title, names_fields), 0.0)


def misfit_scaled(total: np.ndarray, field: Feature, skills: Feature, title: Feature,
                  names_fields: np.ndarray | bool) -> np.ndarray:
    """MISFIT_RULE: a pair whose field fits none of the fields its vacancy names keeps its
    score only in the measure of its evidence of fitting the job (the share of required skills
    covered, or its desired job's level against the title, the more of the two)."""
    if not MISFIT_RULE or names_fields is False:
        return total
    misfit = np.logical_and(names_fields, np.asarray(field) <= 0.0)
    if not misfit.any():
        return total
    evidence = np.maximum(skills, title)
    return np.where(misfit, total * evidence, total)


def tenths(score: np.ndarray) -> np.ndarray:
    """Scores in tenths of a point: what proposals show and what ranks them."""
    return np.rint(score * 10.0).astype(np.int64)


Similar = tuple[np.ndarray, np.ndarray] | None  # field key ids and their levels, or none


def similar_fields(plan: VacancyPlan, similarities: Similarities) -> Similar:
    """Field spellings alike in text to the vacancy's fields, where the lexicon cannot say:
    (field key ids, level), or None."""
    own = set(plan.stream_queries)
    hits = [(*similarities.unmapped_fields(q), q in own) for q in plan.field_queries]
    hits += [(*similarities.all_fields(q), False) for q in plan.unmapped_fields]
    hits = [(ids, sims, uncapped) for ids, sims, uncapped in hits if len(ids)]
    if not hits:
        return None
    ids = np.concatenate([ids for ids, _, _ in hits])
    levels = field_similarity_level(np.concatenate([sims for _, sims, _ in hits]))
    capped = similarities.field_stream[ids] & ~np.concatenate(
        [np.full(len(found), uncapped) for found, _, uncapped in hits])
    levels = np.where(capped, np.minimum(levels, STREAM_SIMILARITY_TOP), levels)
    keep = levels > 0
    return (ids[keep], levels[keep]) if keep.any() else None


def slot_spellings(plan: VacancyPlan, table: ProfileTable,
                   similarities: Similarities) -> list[np.ndarray]:
    """Per required skill, the profile skill spellings that are it: the lexicon's (its own and
    those of its narrower skills: PLC زیمنس is a PLC), and those alike in text where the
    lexicon cannot say."""
    slots = []
    for required in plan.skills:
        if required.skill >= 0:  # the skill, or a kind of it, in any spelling
            kinds = table.arrays.skill_kinds[required.skill]
            slots.append(np.concatenate([*(table.skill_spellings.row(k) for k in kinds),
                                         similarities.unmapped_skills(required.compact)[0]]))
        else:
            slots.append(similarities.all_skills(required.compact)[0])
    return slots


def city_id(plan: VacancyPlan, table: ProfileTable) -> int:
    """The vacancy's city among the profiles' (-2: none stated or no profile lives there)."""
    return table.cities.ids.get(plan.city, -2) if plan.city else -2


class Context:
    """One vacancy against a whole profile table: the brute-force baseline's scorer. Its
    values are spread over every distinct key first (the fit of each field spelling, the
    required-skill bits of each skill spelling, the title level of each desired job), then
    gathered per row: the fastest way to score all 100,000 profiles of a province. The index
    scores pairs with matching.pairs, and a test checks both give the same numbers, bit for
    bit."""

    def __init__(self, plan: VacancyPlan, table: ProfileTable, similarities: Similarities, *,
                 parts: tuple[Similar, list[np.ndarray]] | None = None) -> None:
        """`parts`: the vacancy's similar_fields and slot_spellings, when already found (a
        batch finds them for its vacancies)."""
        self.plan, self.table = plan, table
        similar, slots = parts or (similar_fields(plan, similarities),
                                   slot_spellings(plan, table, similarities))
        self.n_skills = len(plan.skills)
        self.skill_bits = np.zeros(len(table.skills) + 1, dtype=np.uint32)  # + the padding
        for slot, keys in enumerate(slots):
            self.skill_bits[keys] |= np.uint32(1 << slot)
        self.field = plan.field_level[table.key_field] * table.key_field_confidence
        if similar is not None:
            by_key = np.zeros(len(table.fields))
            np.maximum.at(by_key, *similar)
            self.field = np.where(by_key > self.field, by_key, self.field)
        self.title = np.maximum(plan.occupation_level[table.key_occupation],
                                TITLE_LEVELS[similarities.titles(plan.title_compact)])
        self._eligible = table.eligibility(plan.gender, plan.min_degree)
        self._degree = degree_levels(plan.min_degree)
        self._city = city_id(plan, table)

    def eligible(self, rows: np.ndarray) -> np.ndarray:
        """The hard filters: the gender preference and the minimum degree."""
        if self._eligible is None:
            return np.ones(len(rows), dtype=bool)
        return self._eligible[rows]

    def covered(self, rows: np.ndarray) -> np.ndarray:
        """Per row, the bits of the required skills its skills cover."""
        return covered_bits(self.table, self.skill_bits, rows)

    def same_city(self, rows: np.ndarray) -> np.ndarray:
        return self.table.city[rows] == self._city

    def score(self, rows: np.ndarray) -> np.ndarray:
        """Scores of these rows, 0..100 (floats; `tenths` rounds them)."""
        table = self.table
        return combine(self.plan.weights, self.field[table.field_key[rows]],
                       skill_share(self.covered(rows), self.n_skills),
                       self.title[table.desired_key[rows]],
                       self._degree[table.degree[rows] + 1], self.same_city(rows),
                       self.plan.names_fields)


def covered_bits(table: ProfileTable, skill_bits: np.ndarray, rows: np.ndarray,
                 offsets: np.ndarray | int = 0) -> np.ndarray:
    """Per row, the OR of `skill_bits` over its skill spellings (`offsets` added to each
    spelling id: where a batch stacks its vacancies' tables)."""
    grid = table.skill_grid[rows]  # int32, as the offsets: half the memory traffic of int64
    if not isinstance(offsets, int):
        grid += offsets.astype(np.int32)[:, None]
    elif offsets:
        grid += np.int32(offsets)
    bits = skill_bits[grid]
    out = bits[:, 0].copy()
    for column in range(1, bits.shape[1]):  # faster than a reduce along the short axis
        out |= bits[:, column]
    if table.any_overflow:
        for position in np.flatnonzero(table.skill_overflow[rows]):
            row = rows[position]
            items = table.skill_items[table.skill_indptr[row]:table.skill_indptr[row + 1]]
            shift = offsets if isinstance(offsets, int) else int(offsets[position])
            out[position] = np.bitwise_or.reduce(skill_bits[items + shift])
    return out


def skill_share(bits: np.ndarray, n_skills: np.ndarray | int) -> np.ndarray:
    """The share of the required skills covered (0 when none are required)."""
    if isinstance(n_skills, int):
        return popcount(bits) / n_skills if n_skills else np.zeros(len(bits))
    return np.divide(popcount(bits), n_skills, out=np.zeros(len(bits)), where=n_skills > 0)


@cache
def degree_levels(minimum: int | None) -> np.ndarray:
    """Degree level by degree + 1 (index 0 is an unknown degree); one table per minimum, shared
    by every vacancy that states it (read-only)."""
    degree = np.arange(-1, 6, dtype=np.float64)
    level = DEGREE_AT_MINIMUM + DEGREE_PER_LEVEL * (degree - (minimum or 0))
    out = np.where(degree >= 0, np.clip(level, 0.0, 1.0), 0.0)
    out.flags.writeable = False
    return out
