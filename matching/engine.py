"""The engine: profiles indexed once, vacancies ranked against them, proposals explained."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from matching.index import ProfileIndex, best_exhaustive, nothing_found, tie_keys
from matching.lexicon import Lexicon, load_lexicon
from matching.pairs import VacancyBatch
from matching.plans import plan_vacancies
from matching.reasons import explain, explain_pairs
from matching.scoring import MIN_SCORE, Context, popcount, tenths
from matching.similarity import Similarities
from matching.tables import ProfileTable, id_sort_key
from matching.types import ProfileIn, Proposal, VacancyIn

Progress = Callable[[int, int], None]
_BATCH = 512  # vacancies planned, compared by text, searched and explained together
_SKILL_CELLS = 1 << 25  # at most this many cells in a batch's skill table (up to 4 bytes each)


class Engine:
    """Ranks `profiles` for any vacancy (and `vacancies` for any profile).

    Building it keys and maps every profile once and builds the inverted lists; keep one engine
    per batch of matching rather than one per vacancy. Vacancies are planned, searched and
    explained in batches (see matching.pairs and matching.index). Results are deterministic:
    equal scores are ordered by id (numbers before text). An engine keeps memos and counters
    between runs: use one per thread or worker.
    """

    def __init__(self, profiles: Sequence[ProfileIn], vacancies: Sequence[VacancyIn] = (),
                 lexicon: Lexicon | None = None, min_score: float = MIN_SCORE) -> None:
        began = time.perf_counter()
        self.lexicon = lexicon or load_lexicon()
        self.table = ProfileTable(profiles, self.lexicon)
        self.similarities = Similarities(self.table)
        mapped = time.perf_counter()
        self.index = ProfileIndex(self.table)
        # Seconds the build took: mapping the profiles and laying them out (what scoring
        # needs, the baseline's too), then the inverted lists (only the index's search).
        self.build_timings = {"map": mapped - began, "index": time.perf_counter() - mapped}
        self.vacancies = tuple(vacancies)
        self.floor = int(tenths(np.array(min_score)))
        # Seconds spent by match_all so far: planning the vacancies and comparing their texts,
        # finding the best candidates, writing the reasons (the benchmark reports them).
        self.timings = {"prepare": 0.0, "search": 0.0, "explain": 0.0}

    def top_candidates(self, vacancy: VacancyIn, k: int = 20,
                       exhaustive: bool = False) -> list[Proposal]:
        """The k best profiles for a vacancy, rank 1 first. `exhaustive` scores every profile
        (the baseline the index is measured against) and gives the same answer."""
        return self.match_all([vacancy], k, exhaustive=exhaustive)[vacancy.id]

    def match_all(self, vacancies: Iterable[VacancyIn] | None = None, k: int = 20,
                  progress: Progress | None = None,
                  exhaustive: bool = False) -> dict[int | str, list[Proposal]]:
        """Vacancy id -> its k best proposals, rank 1 first, in the order the vacancies came.
        `progress(done, total)` is called after each vacancy (they are made in batches)."""
        chosen = list(self.vacancies if vacancies is None else vacancies)
        out: dict[int | str, list[Proposal]] = {}
        with _collector_paused():
            size = self._batch_size()
            for start in range(0, len(chosen), size):
                began = time.perf_counter()
                batch = self._batch(chosen[start:start + size])
                prepared = time.perf_counter()
                ranked = (self._exhaustive(batch, k) if exhaustive
                          else self.index.best(batch, k, self.floor))
                searched = time.perf_counter()
                explained = explain(batch, ranked)
                self.timings["prepare"] += prepared - began
                self.timings["search"] += searched - prepared
                self.timings["explain"] += time.perf_counter() - searched
                for done, (plan, proposals) in enumerate(zip(batch.plans, explained,
                                                             strict=True), start + 1):
                    out[plan.vacancy.id] = proposals
                    if progress is not None:
                        progress(done, len(chosen))
        return out

    def top_vacancies(self, profile: ProfileIn, k: int = 20,
                      vacancies: Iterable[VacancyIn] | None = None) -> list[Proposal]:
        """The k best vacancies for one profile (rank 1 = best for this profile), scored by the
        same scorer as top_candidates, after the same hard filters."""
        chosen = list(self.vacancies if vacancies is None else vacancies)
        single = Engine([profile], lexicon=self.lexicon, min_score=self.floor / 10)
        return single._rank_vacancies(chosen, k)

    def _batch_size(self) -> int:
        """Vacancies per batch: _BATCH, fewer where the profiles type so many skill spellings
        that a batch's skill table (a row of every spelling per vacancy) would pass 128 MB."""
        return max(1, min(_BATCH, _SKILL_CELLS // (len(self.table.skills) + 1)))

    def _batch(self, vacancies: Sequence[VacancyIn]) -> VacancyBatch:
        plans = plan_vacancies(vacancies, self.lexicon)
        self.similarities.prime(plans)
        return VacancyBatch(plans, self.table, self.similarities)

    def _exhaustive(self, batch: VacancyBatch, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """The baseline: every profile scored for every vacancy, one vacancy at a time."""
        if k <= 0 or not self.table.n:
            return nothing_found(batch.size)
        return [best_exhaustive(Context(plan, self.table, self.similarities,
                                        parts=(batch.similar[v], batch.slots[v])),
                                k, self.floor)
                for v, plan in enumerate(batch.plans)]

    def _rank_vacancies(self, vacancies: list[VacancyIn], k: int) -> list[Proposal]:
        """In an engine of one profile: every vacancy scored at once, the k best explained."""
        if k <= 0 or not vacancies:
            return []
        batch = self._batch(vacancies)
        v = np.arange(batch.size)
        rows = np.zeros(batch.size, dtype=np.int64)
        scores = tenths(batch.score(v, rows))
        kept = np.flatnonzero(batch.eligible(v, rows) & (scores >= self.floor))
        ties = tie_keys(popcount(batch.covered(v, rows)), batch.titles(v, rows),
                        batch.same_city(v, rows)).tolist()
        best = sorted(kept.tolist(),
                      key=lambda i: (-scores[i], ties[i], id_sort_key(vacancies[i].id), i))
        chosen = np.array(best[:k], dtype=np.int64)
        return explain_pairs(batch, chosen, rows[chosen], scores[chosen],
                             np.arange(1, len(chosen) + 1))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Proposals are many small objects without cycles: while they are made, the cyclic
    garbage collector would only walk the profiles again and again (a third of the time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
