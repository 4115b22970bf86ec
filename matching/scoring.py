"""The score of a candidate for a vacancy, 0 to 100, and every constant that shapes it.

What a placement officer weighs, in order: does the field of study fit (40), does the graduate
have the skills asked for (30), is the job they want the job on offer (15), how far their degree
is above the minimum (10), do they live in the same city (5). A feature the vacancy does not
state (no skills listed, no minimum degree, no city) is left out and the others are scaled back to
100, so that scores stay comparable within a vacancy. The hard filters (gender preference,
minimum degree) are not weights: a candidate who fails one is never proposed.

All candidates of a vacancy are scored at once from its tables (each lexicon field's fit, the
required skills each skill spelling is, each desired job's similarity to the title), read per
candidate row, or spread over every distinct key first when the whole table is scored; either
way the cost of a pair is a few array reads.
"""

from __future__ import annotations

from enum import IntEnum
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from matching.plans import VacancyPlan
    from matching.similarity import Similarities
    from matching.tables import ProfileTable

WEIGHTS = {"field": 40.0, "skills": 30.0, "title": 15.0, "degree": 10.0, "city": 5.0}


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
# A required skill is found when a profile skill maps to the same lexicon skill, or, when one of
# them is not in the lexicon, when their texts are at least this similar.
SKILL_SIMILARITY_MIN = 88
MAX_REQUIRED_SKILLS = 32  # one bit each in a uint32
# Desired job against the vacancy title: the better of the occupations' relation and the text
# similarity, which counts from TITLE_SIMILARITY_MIN (0) to 100 (1).
OCCUPATION_LEVELS = {"same": 1.0, "unit group": 0.8, "minor group": 0.5}
TITLE_SIMILARITY_MIN = 50
# Degree: at the minimum 0.5, each level above adds 0.25.
DEGREE_AT_MINIMUM, DEGREE_PER_LEVEL = 0.5, 0.25
# Pairs scoring below this are not proposals: with no field, skill or job evidence a pair scores
# at most 15 (degree and city, when the vacancy states every feature), so this also spares the
# index from scanning everyone for such pairs.
MIN_SCORE = 20.0
# Rows from which a context spreads its values over every distinct key before gathering them
# (a few thousand keys cost about what gathering per row costs for as many rows).
DENSE_ROWS = 4096

_POPCOUNT16 = np.array([bin(i).count("1") for i in range(1 << 16)], dtype=np.uint8)


def popcount(bits: np.ndarray) -> np.ndarray:
    bits = bits.astype(np.uint32)
    return (_POPCOUNT16[bits & 0xFFFF] + _POPCOUNT16[bits >> 16]).astype(np.int64)


def field_similarity_level(similarity: np.ndarray) -> np.ndarray:
    scaled = (similarity.astype(np.float64) - FIELD_SIMILARITY_MIN) / (100 - FIELD_SIMILARITY_MIN)
    return np.where(similarity >= FIELD_SIMILARITY_MIN, FIELD_SIMILARITY_TOP * scaled, 0.0)


def title_similarity_level(similarity: np.ndarray) -> np.ndarray:
    scaled = (similarity.astype(np.float64) - TITLE_SIMILARITY_MIN) / (100 - TITLE_SIMILARITY_MIN)
    return np.clip(scaled, 0.0, 1.0)


# title_similarity_level of every possible similarity: one gather instead of four passes
_TITLE_LEVELS = title_similarity_level(np.arange(101, dtype=np.uint8))


Feature = np.ndarray | float


def combine(weights: np.ndarray, field: Feature, skills: Feature, title: Feature,
            degree: Feature, city: Feature) -> np.ndarray:
    """The weighted sum, 0..100. The index computes its bounds through this same function, in
    the same order of operations, so that rounding never puts a bound on the wrong side."""
    return (weights[0] * field + weights[1] * skills + weights[2] * title + weights[3] * degree
            + weights[4] * city)


def tenths(score: np.ndarray) -> np.ndarray:
    """Scores in tenths of a point: what proposals show and what ranks them."""
    return np.rint(score * 10.0).astype(np.int64)


class Context:
    """One vacancy against one profile table. Its small tables (the level of each lexicon field,
    the required-skill bits of each skill spelling, the title's similarity to each desired job,
    computed for the whole batch by Similarities.prime) are read per row. Scoring a few hundred
    candidates gathers their values directly; scoring the whole table first spreads the values
    over every distinct key (`dense`), which is faster for many rows. Both give the same
    numbers, operation for operation."""

    def __init__(self, plan: VacancyPlan, table: ProfileTable, similarities: Similarities) -> None:
        self.plan, self.table = plan, table
        self.similar = self._similar_fields(similarities)
        self.skill_bits, self.slot_keys = self._skills(similarities)
        self.n_skills = len(plan.skills)
        # every spelling of a required skill, and which required skill it is
        self.spellings = (np.concatenate(self.slot_keys) if self.slot_keys
                          else np.zeros(0, dtype=np.int64))
        self.spelling_slots = np.repeat(np.arange(self.n_skills),
                                        [len(keys) for keys in self.slot_keys])
        self.title_similarity = similarities.titles(plan.title_compact)
        self._eligible = table.eligibility(plan.gender, plan.min_degree)
        self._degree = _degree_levels(plan.min_degree)
        self._city = table.cities.ids.get(plan.city, -2) if plan.city else -2
        self._dense: tuple[np.ndarray, np.ndarray] | None = None
        self._similar_dense: np.ndarray | None = None
        self._titles: np.ndarray | None = None

    def _similar_fields(self, similarities: Similarities) -> tuple[np.ndarray, np.ndarray] | None:
        """Field spellings alike in text to the vacancy's fields, where the lexicon cannot say:
        (field key ids, level), or None."""
        plan = self.plan
        hits = [similarities.unmapped_fields(q) for q in plan.field_queries]
        hits += [similarities.all_fields(q) for q in plan.unmapped_fields]
        hits = [(ids, sims) for ids, sims in hits if len(ids)]
        if not hits:
            return None
        ids = np.concatenate([ids for ids, _ in hits])
        levels = field_similarity_level(np.concatenate([sims for _, sims in hits]))
        keep = levels > 0
        return (ids[keep], levels[keep]) if keep.any() else None

    def _skills(self, similarities: Similarities) -> tuple[np.ndarray, list[np.ndarray]]:
        """Per skill spelling, the bits of the required skills it is; per required skill, its
        spellings."""
        bits = np.zeros(len(self.table.skills.keys) + 1, dtype=np.uint32)  # + the padding
        slots = []
        for slot, required in enumerate(self.plan.skills):
            if required.skill >= 0:
                keys = np.concatenate([self.table.skill_spellings.row(required.skill),
                                       similarities.unmapped_skills(required.compact)[0]])
            else:
                keys = similarities.all_skills(required.compact)[0]
            bits[keys] |= np.uint32(1 << slot)
            slots.append(keys)
        return bits, slots

    def dense(self) -> tuple[np.ndarray, np.ndarray]:
        """The field score and the title score of every distinct field spelling and desired job,
        computed once."""
        if self._dense is None:
            table = self.table
            field = self._field_values(table.key_field, table.key_field_confidence,
                                       np.arange(len(table.fields)))
            self._dense = field, self.title_table()
        return self._dense

    def title_table(self) -> np.ndarray:
        """The title level of every distinct desired job, computed once."""
        if self._titles is None:
            self._titles = np.maximum(self.plan.occupation_level[self.table.key_occupation],
                                      _TITLE_LEVELS[self.title_similarity])
        return self._titles

    def _field_values(self, fields: np.ndarray, confidence: np.ndarray,
                      keys: np.ndarray) -> np.ndarray:
        """The field score of lexicon fields `fields` mapped with `confidence` from spellings
        `keys`: the lexicon's relation, or the text similarity where that is higher."""
        score = self.plan.field_level[fields] * confidence
        if self.similar is None:
            return score
        similar = self._similar_by_key()[keys]
        return np.where(similar > score, similar, score)

    def _similar_by_key(self) -> np.ndarray:
        if self._similar_dense is None:
            ids, levels = self.similar
            self._similar_dense = np.zeros(len(self.table.fields))
            np.maximum.at(self._similar_dense, ids, levels)
        return self._similar_dense

    def field_scores(self, rows: np.ndarray) -> np.ndarray:
        table = self.table
        if self._dense is not None or len(rows) > DENSE_ROWS:
            return self.dense()[0][table.field_key[rows]]
        return self._field_values(table.row_field[rows], table.row_confidence[rows],
                                  table.field_key[rows])

    def field_fits(self, rows: np.ndarray) -> np.ndarray:
        """FieldFit per row, for the reasons."""
        table = self.table
        fit = self.plan.field_fit[table.row_field[rows]]
        if self.similar is None:
            return fit
        lexicon = self.plan.field_level[table.row_field[rows]] * table.row_confidence[rows]
        wins = self._similar_by_key()[table.field_key[rows]] > lexicon
        return np.where(wins, FieldFit.SIMILAR, fit).astype(np.int8)

    def eligible(self, rows: np.ndarray) -> np.ndarray:
        """The hard filters: the gender preference and the minimum degree."""
        if self._eligible is None:
            return np.ones(len(rows), dtype=bool)
        return self._eligible[rows]

    def covered(self, rows: np.ndarray) -> np.ndarray:
        """Per row, the bits of the required skills its skills cover."""
        table = self.table
        if not self.n_skills:
            return np.zeros(len(rows), dtype=np.uint32)
        bits = self.skill_bits[table.skill_grid[rows]]
        out = bits[:, 0].copy()
        for column in range(1, bits.shape[1]):  # faster than a reduce along the short axis
            out |= bits[:, column]
        if table.any_overflow:
            for position in np.flatnonzero(table.skill_overflow[rows]):
                row = rows[position]
                items = table.skill_items[table.skill_indptr[row]:table.skill_indptr[row + 1]]
                out[position] = np.bitwise_or.reduce(self.skill_bits[items])
        return out

    def titles(self, rows: np.ndarray) -> np.ndarray:
        table = self.table
        if self._titles is not None or len(rows) > DENSE_ROWS:
            return self.title_table()[table.desired_key[rows]]
        return np.maximum(self.plan.occupation_level[table.row_occupation[rows]],
                          _TITLE_LEVELS[self.title_similarity[table.desired_key[rows]]])

    def degree_level(self, rows: np.ndarray) -> np.ndarray:
        return self._degree[self.table.degree[rows] + 1]

    def same_city(self, rows: np.ndarray) -> np.ndarray:
        return self.table.city[rows] == self._city

    def skill_share(self, bits: np.ndarray) -> np.ndarray:
        return popcount(bits) / self.n_skills if self.n_skills else np.zeros(len(bits))

    def score(self, rows: np.ndarray) -> np.ndarray:
        """Scores of these rows, 0..100 (floats; `tenths` rounds them)."""
        return combine(self.plan.weights, self.field_scores(rows),
                       self.skill_share(self.covered(rows)), self.titles(rows),
                       self.degree_level(rows), self.same_city(rows))


@cache
def _degree_levels(minimum: int | None) -> np.ndarray:
    """Degree level by degree + 1 (index 0 is an unknown degree); one table per minimum, shared
    by every vacancy that states it (read-only)."""
    degree = np.arange(-1, 6, dtype=np.float64)
    level = DEGREE_AT_MINIMUM + DEGREE_PER_LEVEL * (degree - (minimum or 0))
    out = np.where(degree >= 0, np.clip(level, 0.0, 1.0), 0.0)
    out.flags.writeable = False
    return out
