"""Finding a vacancy's best candidates without scoring everyone, and without losing any.

Inverted lists say which profiles have a given field spelling, skill spelling or desired job.
A profile that shares nothing with the vacancy can score at most the title, degree and city
weights; one that shares a field or skills can score at most its known field and skill values plus
a perfect title. So the search scores the profiles with field or skill evidence in the order of
that upper bound, stops when no remaining bound reaches the k-th best score, and only widens to
title evidence, then to everyone eligible, when those could still reach it. The result is the
exhaustive top k of the same scorer (tests compare the two), at the cost of a few thousand pairs.
"""

from __future__ import annotations

import numpy as np

from matching.scoring import Context, combine, tenths
from matching.tables import Postings, ProfileTable

SEED = 1024  # rows scored first, by upper bound, to learn the k-th best score


class ProfileIndex:
    """Inverted lists over one profile table."""

    def __init__(self, table: ProfileTable) -> None:
        self.table = table
        rows = np.arange(table.n, dtype=np.int32)
        self.by_field = Postings(table.field_key, rows, len(table.fields))
        self.by_skill = table.skill_owners()
        self.by_job = Postings(table.desired_key, rows, len(table.desired))
        self._slot = np.zeros(table.n, dtype=np.int64)
        self._stamp = np.zeros(table.n, dtype=np.int64)
        self._round = 0
        self.scored = 0  # pairs scored so far, for the benchmark
        self.widened = {"title": 0, "everyone": 0}  # searches that had to look further

    def distinct(self, *parts: np.ndarray) -> np.ndarray:
        """The union of row arrays, without sorting."""
        rows = np.concatenate(parts)
        position = np.arange(len(rows))
        self._slot[rows] = position
        return rows[self._slot[rows] == position]

    def evidence(self, context: Context) -> np.ndarray:
        """Profiles whose field fits or that cover at least one required skill."""
        fields = self.by_field.rows(np.flatnonzero(context.field_score > 0))
        skills = self.by_skill.rows(np.flatnonzero(context.skill_bits))
        return self.distinct(fields, skills)

    def title_evidence(self, context: Context) -> np.ndarray:
        context.fill_titles()
        return self.by_job.rows(np.flatnonzero(context.title_score > 0))

    def best(self, context: Context, k: int, floor: int) -> tuple[np.ndarray, np.ndarray]:
        """The exact top k rows (and their scores in tenths) at or above `floor` tenths."""
        self._round += 1
        pool = Pool(self.table, k, floor)
        weights = context.plan.weights
        rows = self.evidence(context)
        rows = rows[context.eligible(rows)]
        bound = self._bound(context, rows)
        if len(rows) > SEED:
            first = np.argpartition(-bound, SEED)[:SEED]
            self._score(context, pool, rows[first])
            bound[first] = -1
        self._score(context, pool, rows[bound >= pool.threshold()])
        if tenths(combine(weights, 0.0, 0.0, 1.0, 1.0, 1.0)) >= pool.threshold():
            self.widened["title"] += 1
            titled = self.title_evidence(context)
            titled = titled[self._stamp[titled] != self._round]
            self._score(context, pool, titled[context.eligible(titled)])
        if tenths(combine(weights, 0.0, 0.0, 0.0, 1.0, 1.0)) >= pool.threshold():
            self.widened["everyone"] += 1
            everyone = np.flatnonzero(self._stamp != self._round)
            self._score(context, pool, everyone[context.eligible(everyone)])
        return pool.top()

    def _bound(self, context: Context, rows: np.ndarray) -> np.ndarray:
        """Each row's score with a perfect title: never below its real score."""
        table = self.table
        return tenths(combine(context.plan.weights, context.field_score[table.field_key[rows]],
                              context.skill_share(context.covered(rows)), 1.0,
                              context.degree_level(rows), context.same_city(rows)))

    def _score(self, context: Context, pool: Pool, rows: np.ndarray) -> None:
        if len(rows):
            self.scored += len(rows)
            self._stamp[rows] = self._round
            pool.add(rows, tenths(context.score(rows)))


class Pool:
    """Scored rows of one vacancy and the score a newcomer must reach to enter the top k."""

    def __init__(self, table: ProfileTable, k: int, floor: int) -> None:
        self.table, self.k, self.floor = table, k, floor
        self.rows: list[np.ndarray] = []
        self.scores: list[np.ndarray] = []
        self._threshold = floor

    def add(self, rows: np.ndarray, scores: np.ndarray) -> None:
        keep = scores >= self.floor
        self.rows.append(rows[keep])
        self.scores.append(scores[keep])
        self._threshold = None

    def threshold(self) -> int:
        if self._threshold is None:
            scores = np.concatenate(self.scores)
            kth = np.partition(scores, len(scores) - self.k)[len(scores) - self.k] \
                if len(scores) >= self.k else self.floor
            self._threshold = max(int(kth), self.floor)
        return self._threshold

    def top(self) -> tuple[np.ndarray, np.ndarray]:
        rows = np.concatenate(self.rows) if self.rows else np.zeros(0, dtype=np.int64)
        scores = np.concatenate(self.scores) if self.scores else np.zeros(0, dtype=np.int64)
        return top_k(self.table, rows, scores, self.k)


def top_k(table: ProfileTable, rows: np.ndarray, scores: np.ndarray,
          k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best rows, best first; equal scores in id order."""
    order_key = (1001 - scores) * (table.n + 1) + table.id_order[rows]
    if len(rows) > k:
        chosen = np.argpartition(order_key, k - 1)[:k]
        rows, scores, order_key = rows[chosen], scores[chosen], order_key[chosen]
    order = np.argsort(order_key, kind="stable")
    return rows[order], scores[order]


def best_exhaustive(context: Context, k: int, floor: int) -> tuple[np.ndarray, np.ndarray]:
    """The baseline: every eligible profile scored by the same scorer."""
    table = context.table
    rows = np.arange(table.n)
    rows = rows[context.eligible(rows)]
    scores = tenths(context.score(rows))
    keep = scores >= floor
    return top_k(table, rows[keep], scores[keep], k)
