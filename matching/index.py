"""Finding each vacancy's best candidates without scoring everyone, and without losing any.

Profiles are grouped by the lexicon field they studied (one more group for fields the lexicon
lacks), and inverted lists say which profiles of a group list a skill (a lexicon skill in any
spelling, or a spelling the lexicon lacks) or want a job. A pair scores at most what its
group's field fit, the skills covered and a perfect title, degree and city give. So, for a bar
of T points, the profiles that could reach it are found by lists:
- a group whose field fit alone (with the best degree and city) reaches T: all of it;
- else, whoever covers c of the r required skills is in one of any r - c + 1 of the skill lists,
  so the lists of the rarest r - c + 1 skills hold everyone covering enough; and those covering
  fewer are read from the lists of the jobs whose title level could make up for the rest;
- profiles of a field that does not fit are read the same way from the lists of all groups.
The search runs in rounds over a whole batch of vacancies at once (matching.pairs scores their
pairs in one pass): a high bar first; a vacancy with k profiles at or above its bar is done, the
others take the k-th score found (or the next lower bar) and go again. Every profile that
could beat the k-th was read, so the result is the exhaustive top k of the same scorer (tests
compare the two), for about a thousand scored pairs per vacancy out of 100,000.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from matching.columns import Postings, spans
from matching.pairs import VacancyBatch
from matching.scoring import MAX_REQUIRED_SKILLS, Context, popcount, tenths
from matching.tables import ProfileTable

BARS = (800, 650, 500, 350)  # the bars of the rounds, in tenths of a point; then the floor
TITLE_LISTED = 0.6  # profiles short of skills are looked up by jobs this alike to the title
_MARGIN = 1e-9  # bounds are compared with this much slack against floating-point rounding
Ranked = tuple[np.ndarray, np.ndarray]  # rows best first, and their scores in tenths


class ProfileIndex:
    """Inverted lists over one profile table, and the search that uses them."""

    def __init__(self, table: ProfileTable) -> None:
        self.table = table
        self.groups = len(table.arrays.field_ids) + 1  # the lexicon's fields, then the rest
        rows = np.arange(table.n, dtype=np.int32)
        self.by_group = Postings(table.row_group, rows, self.groups)
        self.jobs = len(table.desired)
        self.by_group_job = Postings(table.row_group * self.jobs + table.desired_key, rows,
                                     self.groups * self.jobs)
        wanted = np.unique(table.desired_key.astype(np.int64) * self.groups + table.row_group)
        self.groups_of_job = Postings(wanted // self.groups, wanted % self.groups, self.jobs)
        self._skill_terms()
        # The best mapping confidence in each group: no profile's field fit exceeds it.
        self.confidence = np.zeros(self.groups)
        np.maximum.at(self.confidence, table.row_group, table.row_confidence)
        self.scored = 0  # pairs scored so far, for the benchmark
        self.widened = {"title": 0, "everyone": 0}  # searches that read beyond fitting fields

    def _skill_terms(self) -> None:
        """Skill lists by term: a lexicon skill (all its spellings in one list), or a spelling
        the lexicon lacks. A required skill is then one list or a few, not one per spelling."""
        table = self.table
        skills = len(table.arrays.skill_ids)
        self.terms = skills + len(table.skills)
        self.term_of = np.where(table.key_skill >= 0, table.key_skill,
                                skills + np.arange(len(table.skills)))
        pairs = np.unique(table.skill_owner_rows().astype(np.int64) * self.terms
                          + self.term_of[table.skill_items])
        owners, terms = pairs // self.terms, pairs % self.terms
        self.by_term = Postings(terms, owners, self.terms)
        self.term_lengths = np.diff(self.by_term.indptr)
        self.by_group_term = Postings(table.row_group[owners] * self.terms + terms, owners,
                                      self.groups * self.terms)

    def best(self, batch: VacancyBatch, k: int, floor: int) -> list[Ranked]:
        """Per vacancy of the batch, the exact top k rows at or above `floor` tenths."""
        out = nothing_found(batch.size)
        if k <= 0 or not batch.size or not self.table.n:
            return out
        search = _Search(self, batch, k, floor)
        for v, rows, scores in search.run():
            out[v] = (rows, scores)
        return out


class _Search:
    """The rounds of one batch. Per vacancy: `bar`, the score (in tenths) whoever could reach
    is read; `lower`, the least score kept; and, per group (the last column: any group), what
    was read already: the whole group, its lists of the n rarest skills, the lists of the jobs
    at least so alike to the title. A round reads only what the earlier ones did not."""

    def __init__(self, index: ProfileIndex, batch: VacancyBatch, k: int, floor: int) -> None:
        self.index, self.batch, self.k, self.floor = index, batch, k, floor
        self.table = index.table
        self.bounds = self._field_bounds()
        self.slots = _SlotOrder(batch, index.term_of, index.term_lengths)
        shape = (batch.size, index.groups + 1)
        self.read_whole = np.zeros(shape, dtype=bool)
        self.read_lists = np.zeros(shape, dtype=np.int64)
        self.read_title = np.full(shape, np.inf)

    def _field_bounds(self) -> np.ndarray:
        """Per vacancy and group, the highest field fit any profile of the group can have."""
        batch, index = self.batch, self.index
        bounds = batch.field_level * index.confidence
        for v, found in enumerate(batch.similar):
            if found is not None:
                ids, levels = found
                np.maximum.at(bounds[v], index.table.key_group[ids], levels)
        return bounds

    def run(self) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        """(vacancy, its top rows, their scores) as each vacancy is done."""
        batch, k, floor = self.batch, self.k, self.floor
        active = np.arange(batch.size)
        bar = np.full(batch.size, _next_bar(None, floor))
        lower = np.array([_next_bar(b, floor) for b in bar])
        pool = _Pool(batch)
        while len(active):
            pool.add(*self._round(active, bar, lower))
            v, rows, scores = pool.ranked()
            position = np.searchsorted(active, v)
            reached = np.bincount(position[scores >= bar[v]], minlength=len(active))
            done = (reached >= k) | (bar[active] <= floor)
            kept = np.bincount(position, minlength=len(active))
            starts = np.concatenate(([0], np.cumsum(kept)[:-1]))
            for i in np.flatnonzero(done):
                chosen = slice(starts[i], starts[i] + min(kept[i], k))
                yield int(active[i]), rows[chosen], scores[chosen]
            rest = np.flatnonzero(~done)
            enough = kept[rest] >= k
            # k kept: the k-th is the bar, and the next round is the last
            found = active[rest[enough]]
            bar[found] = lower[found] = scores[starts[rest[enough]] + k - 1]
            # fewer: the next bar down, read from the start (what scored below `lower` is gone)
            short = active[rest[~enough]]
            bar[short] = lower[short]
            lower[short] = [_next_bar(b, floor) for b in lower[short]]
            self.read_whole[short], self.read_lists[short], self.read_title[short] = (
                False, 0, np.inf)
            active = active[rest]
            pool.keep(np.isin(v, found))

    def _round(self, active: np.ndarray, bar: np.ndarray,
               lower: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Whoever could reach their vacancy's bar and was not read yet, scored; the pairs at
        or above `lower` kept."""
        batch = self.batch
        v, rows = self._candidates(active, bar[active])
        ok = batch.eligible(v, rows)
        v, rows = v[ok], rows[ok]
        self.index.scored += len(rows)
        scores = tenths(batch.score(v, rows))
        keep = scores >= lower[v]
        return v[keep], rows[keep], scores[keep]

    def _candidates(self, active: np.ndarray, bar: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(vacancy, row) pairs holding every profile that could reach the vacancies' bars and
        was not read yet, with some others and some twice."""
        batch = self.batch
        weights = batch.weights[active]
        reach = (bar - 0.5) / 10 - _MARGIN - weights[:, 3] - weights[:, 4]
        # requests: (vacancy, group or -1 for any, points still short from skills and title)
        at, groups = np.nonzero(self.bounds[active] > 0)
        short = reach[at] - weights[at, 0] * self.bounds[active[at], groups]
        at = np.concatenate([at, np.arange(len(active))])
        groups = np.concatenate([groups, np.full(len(active), -1)])
        short = np.concatenate([short, reach])
        v = active[at]
        column = np.where(groups >= 0, groups, self.index.groups)
        skills = batch.n_skills[v]
        least = _least_skills(short, skills, batch.weights[v, 1])
        split = _split(short, least, skills, batch.weights[v])
        title = _title_needed(short, split, skills, batch.weights[v])
        done = self.read_whole[v, column]
        whole = (least <= 0) & ~done
        self.read_whole[v[whole], column[whole]] = True
        parts = [self._whole(v[whole], groups[whole])]
        rest = ~whole & ~done
        lists = np.where(rest & (split <= skills), skills - split + 1, 0)
        read = self.read_lists[v, column]
        more = lists > read
        parts.append(self._skilled(v[more], groups[more], read[more], lists[more]))
        self.read_lists[v[more], column[more]] = lists[more]
        upper = self.read_title[v, column]
        titled = rest & (title <= 1.0) & (title < upper)
        parts.append(self._titled(v[titled], column[titled], title[titled], upper[titled]))
        self.read_title[v[titled], column[titled]] = title[titled]
        return (np.concatenate([p[0] for p in parts]).astype(np.int64),
                np.concatenate([p[1] for p in parts]).astype(np.int64))

    def _whole(self, v: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        index = self.index
        some = groups >= 0
        parts = [index.by_group.pairs(v[some], groups[some])]
        for vacancy in v[~some]:  # not even a fitting field is needed: everyone
            index.widened["everyone"] += 1
            parts.append((np.full(self.table.n, vacancy), np.arange(self.table.n)))
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def _skilled(self, v: np.ndarray, groups: np.ndarray, first: np.ndarray,
                 lists: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The profiles (of these groups, or any for -1) in the skill lists of the rarest
        required skills of each vacancy, from the `first` rarest (excluded) to the `lists`
        rarest."""
        index = self.index
        before = self.slots.cumulative[v, first]
        count = self.slots.cumulative[v, lists] - before
        terms = self.slots.terms[spans(self.slots.starts[v] + before, count)]
        owner = np.repeat(v, count)
        group = np.repeat(groups, count)
        some = group >= 0
        grouped = index.by_group_term.pairs(owner[some], group[some] * index.terms + terms[some])
        anyone = index.by_term.pairs(owner[~some], terms[~some])
        return np.concatenate([grouped[0], anyone[0]]), np.concatenate([grouped[1], anyone[1]])

    def _titled(self, v: np.ndarray, column: np.ndarray, title: np.ndarray,
                upper: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The profiles (of these group columns; the last is any group) wanting a job whose
        title level for the vacancy is at least `title` and below `upper` (those above were
        read before). The jobs alike enough for any of a vacancy's requests are found once;
        each is read only in the groups where someone wants it and a request (its group's, or
        the one for any group) wants that level."""
        index = self.index
        if not len(v):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        index.widened["title"] += int((column == index.groups).sum())
        columns = index.groups + 1
        low = np.full(self.batch.size * columns, np.inf)
        high = np.full(self.batch.size * columns, -np.inf)
        low[v * columns + column], high[v * columns + column] = title, upper
        vacancies, which = np.unique(v, return_inverse=True)
        lowest = np.full(len(vacancies), np.inf)
        np.minimum.at(lowest, which, title)
        at, jobs, levels = self.batch.jobs_alike(vacancies, lowest)
        entry, group = index.groups_of_job.pairs(np.arange(len(jobs)), jobs)
        vacancy, level = vacancies[at[entry]], levels[entry]
        own, anyone = vacancy * columns + group, vacancy * columns + index.groups
        keep = (((level >= low[own]) & (level < high[own]))
                | ((level >= low[anyone]) & (level < high[anyone])))
        return index.by_group_job.pairs(vacancy[keep],
                                        group[keep] * index.jobs + jobs[entry[keep]])


class _SlotOrder:
    """Per vacancy, the skill terms of its required skills, rarest skill first, end to end:
    the first `cumulative[v, m]` terms from `starts[v]` are those of its m rarest."""

    def __init__(self, batch: VacancyBatch, term_of: np.ndarray, lengths: np.ndarray) -> None:
        terms, width = len(lengths), MAX_REQUIRED_SKILLS
        code = np.unique((batch.slot_vacancy * width + batch.slot_index) * terms
                         + term_of[batch.slot_keys])
        slot, term = code // terms, code % terms
        rarity = np.bincount(slot, weights=lengths[term], minlength=batch.size * width)
        rarity = rarity.astype(np.float64).reshape(batch.size, width)
        rarity[np.arange(width) >= batch.n_skills[:, None]] = np.inf
        rank = np.empty((batch.size, width), dtype=np.int64)
        np.put_along_axis(rank, np.argsort(rarity, axis=1, kind="stable"),
                          np.broadcast_to(np.arange(width), rank.shape), axis=1)
        ranked = slot // width * width + rank.ravel()[slot]
        self.terms = term[np.argsort(ranked, kind="stable")]
        counts = np.bincount(ranked, minlength=batch.size * width).reshape(batch.size, width)
        self.cumulative = np.concatenate([np.zeros((batch.size, 1), dtype=np.int64),
                                          np.cumsum(counts, axis=1)], axis=1)
        totals = self.cumulative[:, -1]
        self.starts = np.concatenate(([0], np.cumsum(totals)[:-1])).astype(np.int64)


class _Pool:
    """The pairs kept so far of the vacancies still searched, once each."""

    def __init__(self, batch: VacancyBatch) -> None:
        self.batch, self.table = batch, batch.table
        self.v = self.rows = self.scores = np.zeros(0, dtype=np.int64)

    def add(self, v: np.ndarray, rows: np.ndarray, scores: np.ndarray) -> None:
        self.v = np.concatenate([self.v, v])
        self.rows = np.concatenate([self.rows, rows])
        self.scores = np.concatenate([self.scores, scores])

    def ranked(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The pairs by vacancy, best first (equal scores as `rank_keys` says), each once."""
        batch, v = self.batch, self.v
        ties = tie_keys(popcount(batch.covered(v, self.rows)), batch.titles(v, self.rows),
                        batch.same_city(v, self.rows))
        order = np.argsort(rank_keys(self.table, self.rows, self.scores, ties, v), kind="stable")
        v, rows, scores = self.v[order], self.rows[order], self.scores[order]
        once = np.ones(len(v), dtype=bool)
        once[1:] = (v[1:] != v[:-1]) | (rows[1:] != rows[:-1])
        self.v, self.rows, self.scores = v[once], rows[once], scores[once]
        return self.v, self.rows, self.scores

    def keep(self, which: np.ndarray) -> None:
        self.v, self.rows, self.scores = self.v[which], self.rows[which], self.scores[which]


def _next_bar(bar: int | None, floor: int) -> int:
    """The first bar below `bar` (the first of all for None), never below the floor."""
    for candidate in BARS:
        if bar is None or candidate < bar:
            return max(candidate, floor)
    return floor


def _least_skills(short: np.ndarray, skills: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """The fewest required skills that make up `short` points without a title (more than the
    vacancy asks for: none can); 0 when nothing is short."""
    with np.errstate(divide="ignore", invalid="ignore"):
        least = np.ceil(short * skills / weight - _MARGIN)
    least = np.where(skills > 0, np.clip(np.nan_to_num(least, nan=0.0), 0, skills + 1),
                     np.where(short <= 0, 0, 1))
    return least.astype(np.int64)


def _split(short: np.ndarray, least: np.ndarray, skills: np.ndarray,
           weights: np.ndarray) -> np.ndarray:
    """Where the skill lists hand over to the title lists: profiles covering at least this
    many required skills are read from the skill lists, those covering fewer from the lists of
    the jobs alike enough to the title to make up for the rest. Any split from 1 to `least`
    finds everyone; this one keeps the title level needed at TITLE_LISTED or above, where few
    jobs qualify, rather than read thousands of lists of barely alike jobs."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ideal = np.floor((short - weights[:, 2] * TITLE_LISTED) * skills / weights[:, 1]) + 1
    ideal = np.nan_to_num(ideal, nan=1.0, posinf=1.0, neginf=1.0)
    return np.where(skills > 0, np.clip(ideal, 1, np.maximum(least, 1)), least).astype(np.int64)


def _title_needed(short: np.ndarray, split: np.ndarray, skills: np.ndarray,
                  weights: np.ndarray) -> np.ndarray:
    """The title level (0..1) a profile covering fewer than `split` skills needs to make up
    `short` points; above 1 where none can."""
    most = np.minimum(split - 1, skills)
    with np.errstate(divide="ignore", invalid="ignore"):
        skill_points = np.where(skills > 0, weights[:, 1] * most / np.maximum(skills, 1), 0.0)
        needed = np.maximum((short - skill_points) / weights[:, 2] - _MARGIN, 0.0)
    return np.where(weights[:, 2] > 0, needed, np.inf)


# Equal scores are told apart by what shows the candidate can do the job, then by where they live:
# more required skills covered, then a desired job nearer the title (in hundredths), then living
# in the vacancy's city; the profile id last. TIES is the number of distinct tie keys.
_TITLE_STEPS = 101
TIES = (MAX_REQUIRED_SKILLS + 1) * _TITLE_STEPS * 2


def tie_keys(skills: np.ndarray, title: np.ndarray, same_city: np.ndarray) -> np.ndarray:
    """Per pair, 0..TIES-1, lower first: skills covered (a count), title level (0..1), city."""
    title_steps = np.rint(np.asarray(title, dtype=np.float64) * 100).astype(np.int64)
    return (((MAX_REQUIRED_SKILLS - np.asarray(skills, dtype=np.int64)) * _TITLE_STEPS
             + (_TITLE_STEPS - 1 - title_steps)) * 2 + (~np.asarray(same_city, dtype=bool)))


def rank_keys(table: ProfileTable, rows: np.ndarray, scores: np.ndarray, ties: np.ndarray,
              vacancies: np.ndarray | int = 0) -> np.ndarray:
    """One integer per scored pair that sorts by vacancy, then best score first, then the tie
    key (tie_keys), then profile id (numbers before text): the ranking everywhere. The index
    reads every pair scoring at least the k-th score, so ties at the k-th are all in its pool
    and it ranks them as the exhaustive baseline does."""
    return (((vacancies * 1002 + 1001 - scores) * TIES + ties) * (table.n + 1)
            + table.id_order[rows])


def nothing_found(size: int) -> list[Ranked]:
    """The ranking of `size` vacancies without a candidate."""
    return [(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))] * size


def top_k(table: ProfileTable, rows: np.ndarray, scores: np.ndarray, ties: np.ndarray,
          k: int) -> Ranked:
    """The k best rows, best first; equal scores as `rank_keys` says."""
    order_key = rank_keys(table, rows, scores, ties)
    if len(rows) > k:
        chosen = np.argpartition(order_key, k - 1)[:k]
        rows, scores, order_key = rows[chosen], scores[chosen], order_key[chosen]
    order = np.argsort(order_key, kind="stable")
    return rows[order], scores[order]


def best_exhaustive(context: Context, k: int, floor: int) -> Ranked:
    """The baseline: every eligible profile scored by the same scorer."""
    table = context.table
    rows = np.arange(table.n)
    rows = rows[context.eligible(rows)]
    scores = tenths(context.score(rows))
    keep = scores >= floor
    rows, scores = rows[keep], scores[keep]
    ties = tie_keys(popcount(context.covered(rows)), context.title[table.desired_key[rows]],
                    context.same_city(rows))
    return top_k(table, rows, scores, ties, k)
