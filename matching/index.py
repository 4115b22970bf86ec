"""Finding a vacancy's best candidates without scoring everyone, and without losing any.

Profiles are grouped by the lexicon field they studied (one more group for fields the lexicon
lacks), and inverted lists say which profiles of a group list a given skill spelling. A score is
at most what the group's field fit, the skills covered and a perfect title, degree and city give,
so the search works in two steps:
- seed: the profiles of the very fields the vacancy asks for (else anyone) that cover the most
  required skills are scored; the k-th best of them is a score the final k-th surely reaches;
- complete: in each group, only the profiles that cover enough required skills to reach that
  score could still enter the top k. Whoever covers c of the r required skills is in one of the
  r - c + 1 shortest of the group's skill lists, so those lists are all that is read: every
  profile of a group whose fit alone is enough, a few of a related one, none of the others.
Only when a profile with no field or skill evidence could still reach the k-th score does it
widen to the profiles wanting a similar job, then to everyone eligible. The result is the
exhaustive top k of the same scorer (tests compare the two), for under a thousand scored pairs
per vacancy out of 100,000; every step works on those rows and the vacancy's small tables.
"""

from __future__ import annotations

import numpy as np

from matching.columns import Postings
from matching.scoring import Context, tenths
from matching.tables import ProfileTable

SEED_FIELD = 0.9  # field fit of the groups whose profiles seed the search
SEED_ROWS = 64  # at least this many seeds (and at least 2k), the ones covering the most skills
_MARGIN = 1e-9  # bounds are compared with this much slack against floating-point rounding


class ProfileIndex:
    """Inverted lists over one profile table, and the search that uses them."""

    def __init__(self, table: ProfileTable) -> None:
        self.table = table
        fields = len(table.arrays.field_ids)
        self.groups = fields + 1  # the lexicon's fields, then the fields it lacks
        row_group = np.where(table.row_field < 0, fields, table.row_field)
        self.key_group = np.where(table.key_field < 0, fields, table.key_field)
        rows = np.arange(table.n, dtype=np.int32)
        self.by_group = Postings(row_group, rows, self.groups)
        self.by_skill = table.skill_owners()
        self.by_job = Postings(table.desired_key, rows, len(table.desired))
        self.jobs = len(table.desired)
        self.by_group_job = Postings(row_group * self.jobs + table.desired_key, rows,
                                     self.groups * self.jobs)
        owners = table.skill_owner_rows()
        self.spellings = len(table.skills)
        self.by_group_skill = Postings(row_group[owners] * self.spellings + table.skill_items,
                                       owners, self.groups * self.spellings)
        # The best mapping confidence in each group: no profile's field fit exceeds it.
        self.confidence = np.zeros(self.groups)
        np.maximum.at(self.confidence, row_group, table.row_confidence)
        self._slot = np.zeros(table.n, dtype=np.int32)
        self._count = np.zeros(table.n, dtype=np.uint8)
        self._stamp = np.zeros(table.n, dtype=np.int64)
        self._round = 0
        self.scored = 0  # pairs scored so far, for the benchmark
        self.widened = {"title": 0, "everyone": 0}  # searches that had to look further

    def distinct(self, *parts: np.ndarray) -> np.ndarray:
        """The union of row arrays, without sorting."""
        rows = np.concatenate(parts) if len(parts) != 1 else parts[0]
        position = np.arange(len(rows), dtype=np.int32)
        self._slot[rows] = position
        return rows[self._slot[rows] == position]

    def best(self, context: Context, k: int, floor: int) -> tuple[np.ndarray, np.ndarray]:
        """The exact top k rows (and their scores in tenths) at or above `floor` tenths."""
        self._round += 1
        pool = Pool(self.table, k, floor)
        bounds = self._field_bounds(context)
        self._score(context, pool, self._seeds(context, bounds, k))
        self._score(context, pool, self._needed(context, bounds, pool.threshold()))
        # Those the fitting profiles raised the bar for: the profiles without field evidence.
        short = _reach(pool.threshold()) - context.plan.weights[3] - context.plan.weights[4]
        self._score(context, pool, self._without_evidence(context, short))
        return pool.top()

    def _field_bounds(self, context: Context) -> np.ndarray:
        """Per group, the highest field fit any of its profiles can have for this vacancy."""
        bounds = context.plan.field_level * self.confidence
        if context.similar is not None:
            ids, levels = context.similar
            np.maximum.at(bounds, self.key_group[ids], levels)
        return bounds

    def _seeds(self, context: Context, bounds: np.ndarray, k: int) -> np.ndarray:
        """Eligible profiles likely to be among the best: of the very fields asked for (else of
        any field), those covering the most required skills."""
        groups = np.flatnonzero(bounds >= SEED_FIELD)
        if not context.n_skills:
            return self.by_group.rows(groups)[:max(SEED_ROWS, 2 * k)]
        if len(groups):
            lists = self.by_group_skill.parts([(groups[:, None] * self.spellings + keys).ravel()
                                               for keys in context.slot_keys])
        else:
            lists = self.by_skill.parts(context.slot_keys)
        for part in lists:
            self._count[part] += 1  # a row twice in one list still counts once: one skill
        rows = self.distinct(*lists)
        covered = self._count[rows]
        self._count[rows] = 0
        keep = context.eligible(rows)
        rows, covered = rows[keep], covered[keep]
        wanted = max(SEED_ROWS, 2 * k)
        if len(rows) > wanted:
            rows = rows[np.argpartition(-covered.astype(np.int16), wanted - 1)[:wanted]]
        return rows

    def _needed(self, context: Context, bounds: np.ndarray, threshold: int) -> np.ndarray:
        """Every profile that could still reach `threshold` tenths. Per group of fields, with
        its best field fit and the best degree and city: the skills a profile must cover without
        any title, and, for profiles covering fewer, the title similarity that could make up
        for them (few profiles want a job like the vacancy's, so that list is short)."""
        weights = context.plan.weights
        others = weights[3] + weights[4]
        reach = _reach(threshold)
        groups = np.flatnonzero(bounds > 0)
        short = reach - others - weights[0] * bounds[groups]  # left for skills and title
        least = self._least_skills(context, short)
        parts = []
        whole = least <= 0
        if whole.any():
            parts.append(self.by_group.rows(groups[whole]))
        skilled = ~whole & (least <= context.n_skills)
        for count in np.unique(least[skilled]):
            parts.append(self._skilled(context, int(count), groups[skilled & (least == count)]))
        titles = self._title_needed(context, short, least)
        for title in np.unique(titles[~whole & (titles <= 1.0)]):
            parts.append(self._titled(context, title, groups[~whole & (titles == title)]))
        return self.distinct(*parts) if parts else np.zeros(0, dtype=np.int32)

    def _without_evidence(self, context: Context, short: float) -> np.ndarray:
        """Profiles of any field (those of a field that does not fit at all among them) that
        could still make up `short` points with skills and title alone; when not even that is
        needed, everyone."""
        least = int(self._least_skills(context, np.array([short]))[0])
        if least <= 0:
            self.widened["everyone"] += 1
            return np.arange(self.table.n, dtype=np.int32)
        parts = [self._skilled(context, least)] if least <= context.n_skills else []
        title = float(self._title_needed(context, np.array([short]), np.array([least]))[0])
        if title <= 1.0:
            self.widened["title"] += 1
            parts.append(self._titled(context, title))
        return self.distinct(*parts) if parts else np.zeros(0, dtype=np.int32)

    @staticmethod
    def _least_skills(context: Context, short: np.ndarray) -> np.ndarray:
        """The fewest required skills that make up `short` points without a title (more than
        the vacancy asks for: none can); 0 when nothing is short."""
        skills = context.n_skills
        if not skills:
            return np.where(short <= 0, 0, 1).astype(np.int64)
        least = np.ceil(short * skills / context.plan.weights[1] - _MARGIN)
        return np.clip(least, 0, skills + 1).astype(np.int64)

    @staticmethod
    def _title_needed(context: Context, short: np.ndarray, least: np.ndarray) -> np.ndarray:
        """The title level (0..1) a profile covering fewer than `least` skills needs to make up
        `short` points; above 1 where none can."""
        weights, skills = context.plan.weights, context.n_skills
        if not weights[2]:
            return np.full(len(short), np.inf)
        most = np.minimum(least - 1, skills)
        skill_points = weights[1] * most / skills if skills else np.zeros(len(short))
        return np.maximum((short - skill_points) / weights[2] - _MARGIN, 0.0)

    def _titled(self, context: Context, title: float,
                groups: np.ndarray | None = None) -> np.ndarray:
        """Profiles (of these groups, else of any) whose desired job is at least `title` like
        the vacancy's."""
        jobs = np.flatnonzero(context.title_table() >= title)
        if groups is None:
            return self.by_job.rows(jobs)
        return self.by_group_job.rows((groups[:, None] * self.jobs + jobs).ravel())

    def _skilled(self, context: Context, least: int,
                 groups: np.ndarray | None = None) -> np.ndarray:
        """Profiles (of these groups, else of any) covering at least `least` required skills, and
        some others: each such profile is in one of the r - least + 1 shortest skill lists."""
        spellings, slots = context.spellings, context.spelling_slots
        if groups is None:
            postings = self.by_skill
        else:
            postings = self.by_group_skill
            spellings = (groups[:, None] * self.spellings + spellings).ravel()
            slots = np.tile(slots, len(groups))
        lengths = postings.indptr[spellings + 1] - postings.indptr[spellings]
        per_slot = np.bincount(slots, weights=lengths, minlength=context.n_skills)
        shortest = np.argsort(per_slot, kind="stable")[:context.n_skills - least + 1]
        chosen = np.zeros(context.n_skills, dtype=bool)
        chosen[shortest] = True
        return postings.rows(spellings[chosen[slots]])

    def _score(self, context: Context, pool: Pool, rows: np.ndarray) -> None:
        rows = rows[self._stamp[rows] != self._round]
        rows = rows[context.eligible(rows)]
        if len(rows):
            self.scored += len(rows)
            self._stamp[rows] = self._round
            pool.add(rows, tenths(context.score(rows)))


def _reach(threshold: int) -> float:
    """The least score that rounds to `threshold` tenths, less the rounding slack."""
    return (threshold - 0.5) / 10 - _MARGIN


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
