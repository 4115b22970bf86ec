"""A batch of vacancies scored pair by pair: their small tables stacked, so that (vacancy,
profile) pairs of any of them are scored in one pass of array reads.

The index finds a few hundred candidates per vacancy; scoring them vacancy by vacancy would
cost more in numpy calls than in arithmetic. Stacked, a whole batch's candidates are scored by
the same two dozen calls. The values and the order of operations are those of the baseline's
Context (a test compares them bit for bit), so that the index and the baseline rank alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from matching.scoring import (
    TITLE_LEVELS,
    FieldFit,
    city_id,
    combine,
    covered_bits,
    degree_levels,
    similar_fields,
    skill_share,
    slot_spellings,
)
from matching.tables import UNKNOWN, ProfileTable

if TYPE_CHECKING:
    from matching.plans import VacancyPlan
    from matching.similarity import Similarities


class VacancyBatch:
    """The plans of a batch of vacancies against one profile table. A pair is a vacancy's
    position in the batch (`v`) and a profile's row; every method takes arrays of both."""

    def __init__(self, plans: Sequence[VacancyPlan], table: ProfileTable,
                 similarities: Similarities) -> None:
        self.plans, self.table = list(plans), table
        self.size = len(self.plans)
        plans = self.plans
        self.groups = len(table.arrays.field_ids) + 1
        self.weights = _stack([p.weights for p in plans], (5,), np.float64)
        self.field_level = _stack([p.field_level for p in plans], (self.groups,), np.float64)
        self.field_fit = _stack([p.field_fit for p in plans], (self.groups,), np.int8)
        self.occupations = len(table.arrays.occupation_ids) + 1
        self.occupation_level = _stack([p.occupation_level for p in plans],
                                       (self.occupations,), np.float64)
        self.jobs = len(table.desired)
        self.title_similarity = _stack([similarities.titles(p.title_compact) for p in plans],
                                       (self.jobs,), np.uint8)
        self.n_skills = np.array([len(p.skills) for p in plans], dtype=np.int64)
        self.names_fields = np.array([p.names_fields for p in plans], dtype=bool)
        self.gender = np.array([p.gender for p in plans], dtype=np.int8)
        # 0 and None both mean any degree, an unknown one included (table.eligibility)
        self.min_degree = np.array([p.min_degree or UNKNOWN for p in plans], dtype=np.int16)
        self.degree_level = _stack([degree_levels(p.min_degree) for p in plans], (7,),
                                   np.float64)
        self.city = np.array([city_id(p, table) for p in plans], dtype=np.int64)
        self.similar = [similar_fields(p, similarities) for p in plans]
        self._similar_levels()
        self.slots = [slot_spellings(p, table, similarities) for p in plans]
        self._skill_bits()
        self._weights_by_feature = self.weights.T.copy()

    def _similar_levels(self) -> None:
        """Per vacancy alike in text to some field spellings, their levels over every field
        spelling (row 0, all zeros, stands for the others)."""
        which = [v for v, found in enumerate(self.similar) if found is not None]
        keys = len(self.table.fields)
        self.similar_row = np.zeros(self.size, dtype=np.int64)
        levels = np.zeros((len(which) + 1, keys))
        for row, v in enumerate(which, 1):
            np.maximum.at(levels[row], *self.similar[v])
            self.similar_row[v] = row
        self.any_similar = bool(which)
        self.similar_levels = levels.ravel()
        self.field_keys = keys

    def _skill_bits(self) -> None:
        """Per vacancy, the required-skill bits of every skill spelling, laid end to end."""
        width = len(self.table.skills) + 1  # + the padding of the skill grid
        self.skill_offset = np.arange(self.size, dtype=np.int64) * width
        # the narrowest bits that hold the batch's required skills: a smaller table to gather
        # from (most vacancies ask for eight skills or fewer)
        widest = int(self.n_skills.max(initial=0))
        bits = np.uint8 if widest <= 8 else np.uint16 if widest <= 16 else np.uint32
        self.skill_bits = np.zeros(self.size * width, dtype=bits)
        spellings = [keys for slots in self.slots for keys in slots]
        lengths = np.array([len(keys) for keys in spellings], dtype=np.int64)
        first_slot = np.cumsum(self.n_skills) - self.n_skills
        slot_owner = np.repeat(np.arange(self.size), self.n_skills)
        slot_position = np.arange(len(lengths)) - np.repeat(first_slot, self.n_skills)
        # every (vacancy, required skill, spelling) of the batch, flat
        self.slot_vacancy = np.repeat(slot_owner, lengths)
        self.slot_index = np.repeat(slot_position, lengths)
        self.slot_keys = (np.concatenate(spellings).astype(np.int64) if spellings
                          else np.zeros(0, dtype=np.int64))
        spots = self.slot_vacancy * width + self.slot_keys
        for slot in range(widest):
            here = spots[self.slot_index == slot]
            self.skill_bits[here] |= bits(1 << slot)

    def eligible(self, v: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The hard filters: the gender preference and the minimum degree."""
        table, gender = self.table, self.gender[v]
        return (((gender == 0) | (table.gender[rows] == gender))
                & (table.degree[rows] >= self.min_degree[v]))

    def field_scores(self, v: np.ndarray, rows: np.ndarray) -> np.ndarray:
        table = self.table
        score = (self.field_level.ravel()[v * self.groups + table.row_group[rows]]
                 * table.row_confidence[rows])
        if not self.any_similar:
            return score
        similar = self._similar_by_pair(v, rows)
        return np.where(similar > score, similar, score)

    def _similar_by_pair(self, v: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return self.similar_levels[self.similar_row[v] * self.field_keys
                                   + self.table.field_key[rows]]

    def field_fits(self, v: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """FieldFit per pair, for the reasons: the text similarity where it beats the lexicon."""
        table = self.table
        at = v * self.groups + table.row_group[rows]
        fit = self.field_fit.ravel()[at]
        if not self.any_similar:
            return fit
        lexicon = self.field_level.ravel()[at] * table.row_confidence[rows]
        wins = self._similar_by_pair(v, rows) > lexicon
        return np.where(wins, FieldFit.SIMILAR, fit).astype(np.int8)

    def covered(self, v: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Per pair, the bits of the vacancy's required skills the profile covers."""
        return covered_bits(self.table, self.skill_bits, rows, self.skill_offset[v])

    def titles(self, v: np.ndarray, rows: np.ndarray) -> np.ndarray:
        table = self.table
        occupation = self.occupation_level.ravel()[v * self.occupations
                                                   + table.row_occupation_slot[rows]]
        similarity = self.title_similarity.ravel()[v * self.jobs + table.desired_key[rows]]
        return np.maximum(occupation, TITLE_LEVELS[similarity])

    def jobs_alike(self, vs: np.ndarray, least: np.ndarray) -> tuple[np.ndarray, ...]:
        """(position in `vs`, desired job, its title level) for every desired job at least
        `least` alike to the title of vacancy vs[i]: those whose text is alike enough, and
        those of a related occupation; a job may come twice."""
        table = self.table
        similarity = np.searchsorted(TITLE_LEVELS, least)  # the least similarity that does
        at, jobs = np.nonzero(self.title_similarity[vs] >= similarity[:, None])
        related_at, occupations = np.nonzero(self.occupation_level[vs, :-1] >= least[:, None])
        more_at, more_jobs = table.jobs_of_occupation.pairs(related_at, occupations)
        at, jobs = np.concatenate([at, more_at]), np.concatenate([jobs, more_jobs])
        v = vs[at]
        occupation = self.occupation_level.ravel()[v * self.occupations
                                                   + table.key_occupation_slot[jobs]]
        similar = TITLE_LEVELS[self.title_similarity.ravel()[v * self.jobs + jobs]]
        return at, jobs, np.maximum(occupation, similar)

    def same_city(self, v: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return self.table.city[rows] == self.city[v]

    def score(self, v: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Scores of these pairs, 0..100 (floats; `tenths` rounds them)."""
        table = self.table
        degree = self.degree_level.ravel()[v * 7 + table.degree[rows] + 1]
        return combine(self._weights_by_feature[:, v], self.field_scores(v, rows),
                       skill_share(self.covered(v, rows), self.n_skills[v]),
                       self.titles(v, rows), degree, self.same_city(v, rows),
                       self.names_fields[v])


def _stack(arrays: list[np.ndarray], shape: tuple[int, ...], dtype: type) -> np.ndarray:
    return np.stack(arrays) if arrays else np.zeros((0, *shape), dtype=dtype)
