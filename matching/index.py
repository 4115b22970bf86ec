"""Finding a vacancy's best candidates without scoring everyone, and without losing any.

Inverted lists say which profiles have a given field spelling, and which profiles of a given
family of fields list a given skill spelling. The search first gathers the profiles of the very
field and those of related families (the same, a close one, or a similar unknown field) that cover
a required skill, with the exact field and skill part of their score. Their scores without the
title are lower bounds, so their k-th best is a score the final k-th surely reaches. Then it
scores every profile whose upper bound still reaches that:
- the gathered profiles within the title's weight of it;
- every profile of a field spelling whose fit alone, with a perfect title, degree and city, is
  enough;
- profiles of other fields only when covering c of the r required skills could be enough, found
  in the r - c + 1 shortest skill lists (whoever has c of the skills is in one of those);
and only widens to profiles wanting a similar job, then to everyone eligible, when a profile with
no field or skill evidence could still reach the k-th score. The result is the exhaustive top k
of the same scorer (tests compare the two), for about a thousand scored pairs per vacancy.
"""

from __future__ import annotations

import numpy as np

from matching.columns import Postings
from matching.scoring import Context, combine, popcount, tenths
from matching.tables import UNKNOWN, ProfileTable

SEED_FIELD = 0.9  # field fit from which a profile is a candidate even without the skills
_MARGIN = 1e-9  # bounds are compared with this much slack against floating-point rounding


class ProfileIndex:
    """Inverted lists over one profile table, and the search that uses them."""

    def __init__(self, table: ProfileTable) -> None:
        self.table = table
        rows = np.arange(table.n, dtype=np.int32)
        self.key_family = np.where(table.key_field == UNKNOWN, UNKNOWN,
                                   np.append(table.arrays.field_family, UNKNOWN)[table.key_field])
        self.by_field = Postings(table.field_key, rows, len(table.fields))
        self.by_skill = table.skill_owners()
        self.by_job = Postings(table.desired_key, rows, len(table.desired))
        owners = table.skill_owner_rows()
        families = len(table.arrays.family_ids) + 1
        self.spellings = len(table.skills)
        self.by_family_skill = Postings(
            (self.key_family[table.field_key[owners]] + 1) * self.spellings + table.skill_items,
            owners, families * self.spellings)
        self._by_bucket = np.argsort(self.key_family, kind="stable")  # field keys by family
        buckets = self.key_family[self._by_bucket] + 1
        self._bucket_starts = np.flatnonzero(np.diff(buckets, prepend=-1))
        self._bucket_ids = buckets[self._bucket_starts]
        self._slot = np.zeros(table.n, dtype=np.int32)
        self._count = np.zeros(table.n, dtype=np.uint8)
        self._stamp = np.zeros(table.n, dtype=np.int64)
        self._round = 0
        self.scored = 0  # pairs scored so far, for the benchmark
        self.widened = {"title": 0, "everyone": 0}  # searches that had to look further

    def distinct(self, *parts: np.ndarray) -> np.ndarray:
        """The union of row arrays, without sorting."""
        rows = np.concatenate(parts)
        position = np.arange(len(rows), dtype=np.int32)
        self._slot[rows] = position
        return rows[self._slot[rows] == position]

    def best(self, context: Context, k: int, floor: int) -> tuple[np.ndarray, np.ndarray]:
        """The exact top k rows (and their scores in tenths) at or above `floor` tenths."""
        self._round += 1
        pool = Pool(self.table, k, floor)
        weights = context.plan.weights
        rows, partial = self._related(context, k)
        keep = context.eligible(rows)
        rows = rows[keep]
        # Each score without its title: at most the score, and short of it by the title at most.
        untitled = (partial[keep] + weights[3] * context.degree_level(rows)
                    + weights[4] * context.same_city(rows))
        threshold = _kth(tenths(untitled), k, floor)
        self._score(context, pool, self._needed(context, rows, untitled, threshold))
        if tenths(combine(weights, 0.0, 0.0, 1.0, 1.0, 1.0)) >= pool.threshold():
            self.widened["title"] += 1
            self._score(context, pool,
                        self.by_job.rows(np.flatnonzero(context.title_score > 0)))
        if tenths(combine(weights, 0.0, 0.0, 0.0, 1.0, 1.0)) >= pool.threshold():
            self.widened["everyone"] += 1
            self._score(context, pool, np.arange(self.table.n))
        return pool.top()

    def _related(self, context: Context, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Profiles of the very field, and those of a related family that cover a required
        skill (else, with no related family, those covering the most), with the field and skill
        part of their score."""
        same = self.by_field.rows(np.flatnonzero(context.field_score >= SEED_FIELD))
        families = self._families(context)
        if not len(families):
            rows = self.distinct(same, self._most_skilled(context, k))
            return rows, self._partial(context, rows, popcount(context.covered(rows)))
        parts = self.by_family_skill.parts([(families[:, None] * self.spellings + keys).ravel()
                                            for keys in context.slot_keys])
        for part in parts:
            self._count[part] += 1  # a row twice in one part still counts once: one skill
        rows = self.distinct(same, *parts)
        covered = self._count[rows]
        self._count[rows] = 0
        return rows, self._partial(context, rows, covered)

    def _families(self, context: Context) -> np.ndarray:
        """The buckets of by_family_skill (family + 1) holding a field spelling that fits at
        all: each family's best field score in one reduction over the spellings, grouped by
        family when the index was built."""
        best = np.maximum.reduceat(context.field_score[self._by_bucket], self._bucket_starts)
        return self._bucket_ids[best > 0]

    def _partial(self, context: Context, rows: np.ndarray, covered: np.ndarray) -> np.ndarray:
        """The field and skill part of the score (as the scorer computes it); the rest is at
        most the title, degree and city weights."""
        field = context.field_score[self.table.field_key[rows]]
        skills = covered / context.n_skills if context.n_skills else 0.0
        return combine(context.plan.weights, field, skills, 0.0, 0.0, 0.0)

    def _most_skilled(self, context: Context, k: int) -> np.ndarray:
        """At least k eligible profiles (when there are) covering as many required skills as
        possible."""
        rows = np.zeros(0, dtype=np.int64)
        for least in range(context.n_skills, 0, -1):
            rows = self._skilled(context, least)
            if context.eligible(rows).sum() >= k:
                break
        return rows

    def _skilled(self, context: Context, least: int) -> np.ndarray:
        """Every profile covering at least `least` required skills: each is in one of the
        r - least + 1 shortest skill lists."""
        lengths = [int(self.by_skill.indptr[keys + 1].sum() - self.by_skill.indptr[keys].sum())
                   for keys in context.slot_keys]
        shortest = np.argsort(lengths, kind="stable")[:context.n_skills - least + 1]
        rows = self.distinct(*[self.by_skill.rows(context.slot_keys[s]) for s in shortest])
        return rows[popcount(context.covered(rows)) >= least]

    def _needed(self, context: Context, rows: np.ndarray, untitled: np.ndarray,
                threshold: int) -> np.ndarray:
        """Every profile that could still reach `threshold` tenths: the related rows whose score
        without the title is within the title's weight of it; elsewhere, those whose field and
        skill part alone, with a perfect title, degree and city, could."""
        weights, skills = context.plan.weights, context.n_skills
        reach = (threshold - 0.5) / 10 - _MARGIN  # the least score rounding to `threshold`
        limit = reach - weights[2:].sum()
        enough = np.flatnonzero(weights[0] * context.field_score >= limit)
        parts = [rows[untitled + weights[2] >= reach], self.by_field.rows(enough)]
        if skills:
            least = max(1, int(np.ceil(limit * skills / weights[1] - _MARGIN)))
            if least <= skills:
                parts.append(self._skilled(context, least))
        return self.distinct(*parts)

    def _score(self, context: Context, pool: Pool, rows: np.ndarray) -> None:
        rows = rows[self._stamp[rows] != self._round]
        rows = rows[context.eligible(rows)]
        if len(rows):
            self.scored += len(rows)
            self._stamp[rows] = self._round
            pool.add(rows, tenths(context.score(rows)))


def _kth(scores: np.ndarray, k: int, floor: int) -> int:
    """The k-th best of these scores, or `floor` if there are fewer or it is lower."""
    if len(scores) < k:
        return floor
    return max(floor, int(np.partition(scores, len(scores) - k)[len(scores) - k]))


class Pool:
    """Scored rows of one vacancy and the score a newcomer must reach to enter the top k."""

    def __init__(self, table: ProfileTable, k: int, floor: int) -> None:
        self.table, self.k, self.floor = table, k, floor
        self.rows: list[np.ndarray] = []
        self.scores: list[np.ndarray] = []
        self._threshold: int | None = floor

    def add(self, rows: np.ndarray, scores: np.ndarray) -> None:
        keep = scores >= self.floor
        self.rows.append(rows[keep])
        self.scores.append(scores[keep])
        self._threshold = None

    def threshold(self) -> int:
        if self._threshold is None:
            self._threshold = _kth(np.concatenate(self.scores), self.k, self.floor)
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
