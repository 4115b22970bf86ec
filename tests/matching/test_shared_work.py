"""Work shared between vacancies (bulk gathers, batched text similarity, cached plan tables,
sentences written once) gives exactly what doing it once per vacancy gives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from matching import Engine, Lexicon, ProfileIn, VacancyIn
from matching.columns import Postings
from matching.pairs import VacancyBatch
from matching.plans import VacancyPlan, plan_vacancies, plan_vacancy
from matching.scoring import Context
from matching.similarity import DenseSimilarity
from matching.synthetic import make_databank

Make = Callable[..., ProfileIn]
MakeVacancy = Callable[..., VacancyIn]


def _same_plan(first: VacancyPlan, second: VacancyPlan) -> bool:
    return all(np.array_equal(getattr(first, f.name), getattr(second, f.name))
               if isinstance(getattr(first, f.name), np.ndarray)
               else getattr(first, f.name) == getattr(second, f.name) for f in fields(first))


def test_reading_many_lists_at_once_keeps_each_value_beside_its_owner() -> None:
    postings = Postings(np.array([0, 2, 2, 3, 0, 3]), np.arange(6), 5)
    owners, values = postings.pairs(np.array([7, 8, 9, 7]), np.array([2, 4, 0, 3]))
    assert list(zip(owners.tolist(), values.tolist(), strict=True)) == [
        (7, 1), (7, 2), (9, 0), (9, 4), (7, 3), (7, 5)]
    empty = postings.pairs(np.array([], dtype=np.int64), np.array([], dtype=np.int64))
    assert [len(part) for part in empty] == [0, 0]


def test_a_batch_of_titles_is_compared_as_each_title_alone() -> None:
    choices = ["برنامهنویس", "حسابدار", "", "طراحوب"]
    batched = DenseSimilarity(choices)
    batched.prime(["برنامهنویسارشد", "حسابدار", "برنامهنویسارشد"])
    assert set(batched.cache) == {"برنامهنویسارشد", "حسابدار"}
    for query in ("برنامهنویسارشد", "حسابدار", ""):
        alone = process.cdist([query], choices, scorer=fuzz.ratio, processor=None,
                              dtype=np.uint8)[0]
        assert batched(query).tolist() == alone.tolist()


def test_a_batch_is_planned_as_each_vacancy_alone(lexicon: Lexicon) -> None:
    vacancies = make_databank(lexicon, 10, 60, seed=9).vacancies
    batch = plan_vacancies(vacancies, lexicon)
    assert all(_same_plan(together, plan_vacancy(vacancy, lexicon))
               for together, vacancy in zip(batch, vacancies, strict=True))


def test_vacancies_with_the_same_fields_share_read_only_tables(
        tiny: Lexicon, make_vacancy: MakeVacancy) -> None:
    first = plan_vacancy(make_vacancy(fields=("نرم‌افزار",), skills=("SQL",)), tiny)
    second = plan_vacancy(make_vacancy("حسابدار", fields=("مهندسی نرم افزار",)), tiny)
    assert first.field_level is second.field_level
    with pytest.raises(ValueError, match="read-only"):
        first.field_level[0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        first.weights[0] = 0.0


def test_candidates_sharing_a_field_and_skills_get_the_same_sentences(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profiles = [make_profile("علوم کامپیوتر", skills=("SQL",), city=city, degree=degree)
                for city, degree in (("اراک", 3), ("ساوه", 4), ("اراک", 3))]
    vacancy = make_vacancy(fields=("نرم‌افزار",), skills=("SQL", "گیت"), min_degree=3,
                           city="اراک")
    found = Engine(profiles, lexicon=tiny).top_candidates(vacancy, 3)
    assert [p.profile_id for p in found] == [profiles[0].id, profiles[2].id, profiles[1].id]
    assert found[0].reasons == found[1].reasons
    assert found[2].reasons[:3] == found[0].reasons[:3]
    assert "یک مقطع بالاتر" in found[2].reasons[3] and len(found[2].reasons) == 4


@pytest.mark.parametrize("asking", [0, 12, 20])
def test_scoring_pairs_of_a_batch_gives_what_the_baseline_gives(lexicon: Lexicon,
                                                              asking: int) -> None:
    """The index scores (vacancy, profile) pairs of a whole batch from stacked tables, the
    baseline spreads one vacancy's tables over every distinct spelling: the same numbers, to
    the last bit, for every pair; also in a batch where one vacancy asks for many skills."""
    bank = make_databank(lexicon, 3000, 40, seed=15)  # one with a field alike in text
    vacancies = list(bank.vacancies)
    if asking:
        vacancies.append(VacancyIn("many", "تکنسین", skills=tuple(lexicon.skill_names()[:asking])))
    engine = Engine(bank.profiles, lexicon=lexicon)
    plans = plan_vacancies(vacancies, lexicon)
    engine.similarities.prime(plans)
    batch = VacancyBatch(plans, engine.table, engine.similarities)
    table = engine.table
    rows = np.arange(table.n)
    for v, plan in enumerate(plans):
        baseline = Context(plan, table, engine.similarities)
        pairs = np.full(table.n, v)
        assert np.array_equal(batch.score(pairs, rows), baseline.score(rows))
        assert np.array_equal(batch.eligible(pairs, rows), baseline.eligible(rows))
        assert np.array_equal(batch.covered(pairs, rows), baseline.covered(rows))
        assert np.array_equal(batch.titles(pairs, rows), baseline.title[table.desired_key])
    assert batch.any_similar  # some vacancy's fields were also compared by text
    assert len(set(batch.min_degree.tolist())) > 1 and len(set(batch.gender.tolist())) > 1
    assert int(batch.n_skills.max()) == max(asking, int(batch.n_skills[:40].max()))
    last = batch.covered(np.full(table.n, len(plans) - 1), rows)
    assert last.any() and (not asking or (last >> 8).any())  # past the first eight bits too


def test_vacancies_split_into_batches_rank_as_one_batch(
        lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch) -> None:
    """A province's vacancies are searched and explained in batches; where a batch ends
    changes nothing, and progress still counts every vacancy."""
    bank = make_databank(lexicon, 2000, 45, seed=13)
    engine = Engine(bank.profiles, lexicon=lexicon)
    together = engine.match_all(bank.vacancies, 12)
    monkeypatch.setattr("matching.engine._BATCH", 7)
    calls: list[tuple[int, int]] = []
    apart = engine.match_all(bank.vacancies, 12, progress=lambda *a: calls.append(a))
    assert apart == together and list(apart) == [v.id for v in bank.vacancies]
    assert calls == [(n, 45) for n in range(1, 46)]
    assert sum(len(found) for found in together.values()) > 400
