"""Text similarity between a vacancy's words and the profiles' distinct spellings, kept sparse.

Only what the lexicon cannot decide is compared by text: a vacancy's field against profile fields
the lexicon does not know (and the other way round), and the same for skills. Each distinct query
is compared once with every distinct spelling by rapidfuzz's cdist, in bulk for a whole batch of
vacancies, and only the pairs above the cutoff are kept. Job titles are the exception: every
title counts (there is no cutoff), so each distinct vacancy title gets a dense row against every
desired job, again for a whole batch at once: a few thousand bytes per title, and no vacancy pays
a cdist call of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from matching.scoring import FIELD_SIMILARITY_MIN, SKILL_SIMILARITY_MIN
from matching.tables import UNKNOWN, ProfileTable

if TYPE_CHECKING:
    from matching.plans import VacancyPlan

_CELLS = 1 << 24  # score-matrix cells per cdist call (16 MB of uint8)
_KEPT = 1 << 26  # dense cells remembered (64 MB of uint8); past this the memo starts again
Hits = tuple[np.ndarray, np.ndarray]


class SparseSimilarity:
    """Query -> (ids of the choices at or above the cutoff, their similarity 0..100)."""

    def __init__(self, choices: Sequence[str], ids: np.ndarray, cutoff: int) -> None:
        self.choices = list(choices)
        self.ids = ids.astype(np.int64)
        self.cutoff = cutoff
        self.cache: dict[str, Hits] = {}

    def __call__(self, query: str) -> Hits:
        if query not in self.cache:
            self.prime([query])
        return self.cache[query]

    def prime(self, queries: Iterable[str]) -> None:
        todo = [q for q in dict.fromkeys(queries) if q not in self.cache]
        if not todo:
            return
        empty = (self.ids[:0], np.zeros(0, dtype=np.uint8))
        if not self.choices:
            self.cache.update(dict.fromkeys(todo, empty))
            return
        rows = max(1, _CELLS // len(self.choices))
        for start in range(0, len(todo), rows):
            chunk = todo[start:start + rows]
            scores = process.cdist(chunk, self.choices, scorer=fuzz.ratio, processor=None,
                                   score_cutoff=self.cutoff, dtype=np.uint8, workers=-1)
            for query, row in zip(chunk, scores, strict=True):
                hits = np.flatnonzero(row)
                self.cache[query] = (self.ids[hits], row[hits]) if hits.size else empty


class DenseSimilarity:
    """Query -> its similarity (uint8, 0..100) to every choice, in the choices' order."""

    def __init__(self, choices: Sequence[str]) -> None:
        self.choices = list(choices)
        self.cache: dict[str, np.ndarray] = {}

    def __call__(self, query: str) -> np.ndarray:
        if query not in self.cache:
            self.prime([query])
        return self.cache[query]

    def prime(self, queries: Iterable[str]) -> None:
        todo = [q for q in dict.fromkeys(queries) if q not in self.cache]
        if not todo:
            return
        if (len(self.cache) + len(todo)) * len(self.choices) > _KEPT:
            self.cache.clear()
        rows = max(1, _CELLS // max(1, len(self.choices)))
        for start in range(0, len(todo), rows):
            chunk = todo[start:start + rows]
            scores = process.cdist(chunk, self.choices, scorer=fuzz.ratio, processor=None,
                                   dtype=np.uint8, workers=-1)
            self.cache.update(zip(chunk, scores, strict=True))


class Similarities:
    """The four sparse similarity tables of one profile table, and the dense one of titles."""

    def __init__(self, table: ProfileTable) -> None:
        named = ~table.key_field_vague  # a group's name is alike to no field (tables)
        unmapped_fields = np.flatnonzero((table.key_field == UNKNOWN) & named)
        unmapped_skills = np.flatnonzero(table.key_skill == UNKNOWN)
        self.unmapped_fields = SparseSimilarity(
            [table.field_compacts[i] for i in unmapped_fields], unmapped_fields,
            FIELD_SIMILARITY_MIN)
        any_field = np.flatnonzero(named)
        self.all_fields = SparseSimilarity(
            [table.field_compacts[i] for i in any_field], any_field, FIELD_SIMILARITY_MIN)
        self.unmapped_skills = SparseSimilarity(
            [table.skill_compacts[i] for i in unmapped_skills], unmapped_skills,
            SKILL_SIMILARITY_MIN)
        self.all_skills = SparseSimilarity(
            table.skill_compacts, np.arange(len(table.skill_compacts)), SKILL_SIMILARITY_MIN)
        self.titles = DenseSimilarity(table.desired_compacts)
        self.field_stream = table.key_field_stream

    def prime(self, plans: Iterable[VacancyPlan]) -> None:
        """Compare the texts of a whole batch of vacancies at once (cdist uses every core)."""
        plans = list(plans)
        self.unmapped_fields.prime(q for p in plans for q in p.field_queries)
        self.all_fields.prime(q for p in plans for q in p.unmapped_fields)
        self.unmapped_skills.prime(s.compact for p in plans for s in p.skills if s.skill >= 0)
        self.all_skills.prime(s.compact for p in plans for s in p.skills if s.skill < 0)
        self.titles.prime(p.title_compact for p in plans)
