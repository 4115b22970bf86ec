"""Scoring, hard filters, reasons, ranking and the index against scoring every pair."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import (
    Engine,
    Lexicon,
    ProfileIn,
    Proposal,
    VacancyIn,
    match_all,
    top_candidates,
    top_vacancies,
)
from matching.scoring import INFERRED_FIELD_WEIGHTS, WEIGHTS
from matching.synthetic import make_databank

Make = Callable[..., ProfileIn]
MakeVacancy = Callable[..., VacancyIn]
PERSIAN = set("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی")


def _ranked(proposals: list[Proposal]) -> list[tuple[object, float]]:
    return [(p.profile_id, p.score) for p in proposals]


def test_the_weights_are_documented_in_one_place_and_sum_to_100() -> None:
    assert sum(WEIGHTS.values()) == 100


def test_field_fit_orders_same_family_close_and_unrelated(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profiles = [make_profile("علوم کامپیوتر", id="family"), make_profile("ریاضی", id="close"),
                make_profile("مهندسی نرم افزار", id="same"), make_profile("حسابداری", id="none")]
    vacancy = make_vacancy("", fields=("نرم‌افزار",))
    found = Engine(profiles, lexicon=tiny, min_score=0).top_candidates(vacancy, 10)
    assert [p.profile_id for p in found] == ["same", "family", "close", "none"]
    assert [p.field_fit for p in found] == ["same", "family", "close", "none"]
    assert [p.score for p in found] == [100.0, 70.0, 40.0, 0.0]


def test_an_unknown_field_is_compared_by_its_text(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profiles = [make_profile("مهندسی فناوری اطلاعات و ارتباطات"), make_profile("باستان شناسی")]
    vacancy = make_vacancy("", fields=("فناوری اطلاعات و ارتباطات",))
    found = Engine(profiles, lexicon=tiny, min_score=0).top_candidates(vacancy, 10)
    assert found[0].profile_id == profiles[0].id and found[0].field_fit == "similar"
    assert 0 < found[0].score < 100
    assert found[1].score == 0


def test_a_field_compared_by_its_text_names_only_the_wanted_fields_it_resembles(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    same = make_profile("ديپلم فني", id="same")  # typed on an Arabic keyboard
    close = make_profile("فناوری اطلاعات و ارتباط", id="close")
    vacancy = make_vacancy("", fields=("دیپلم فنی", "فناوری اطلاعات و ارتباطات", "باستان شناسی"))
    found = {p.profile_id: p for p in Engine([same, close], lexicon=tiny,
                                             min_score=0).top_candidates(vacancy, 10)}
    assert found["same"].field_fit == found["close"].field_fit == "similar"
    assert found["same"].reasons[0] == ("رشتهٔ «دیپلم فنی» همان رشتهٔ خواسته‌شده است "
                                        "(به همین نوشتار).")
    assert found["close"].reasons[0] == ("رشتهٔ «فناوری اطلاعات و ارتباط» از نظر نوشتار به "
                                         "«فناوری اطلاعات و ارتباطات» نزدیک است.")


def test_skills_are_found_through_aliases_and_reported(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profile = make_profile("حسابداری", skills=("MS Excel", "پيتون", "روابط عمومی"))
    vacancy = make_vacancy("", skills=("اکسل", "Python", "SQL", "حسابرسی مالیاتی"))
    [found] = Engine([profile], lexicon=tiny, min_score=0).top_candidates(vacancy, 5)
    # as the employer wrote them, not the lexicon's names («پایتون», «اس‌کیو‌ال»)
    assert found.matched_skills == ("اکسل", "Python")
    assert found.missing_skills == ("SQL", "حسابرسی مالیاتی")
    assert found.score == 50.0
    assert any("۲ از ۴" in reason for reason in found.reasons)


def test_a_skill_missing_from_the_lexicon_matches_by_text(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profile = make_profile("حسابداری", skills=("حسابرسی مالیاتی",))
    vacancy = make_vacancy("", skills=("حسابرسي ماليات",))
    [found] = Engine([profile], lexicon=tiny, min_score=0).top_candidates(vacancy, 5)
    assert found.matched_skills == ("حسابرسی مالیات",)  # as typed, letters tidied


def test_degree_above_the_minimum_and_the_same_city_add_to_the_score(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profiles = [make_profile("حسابداری", id=1, degree=3, city="اراک"),
                make_profile("حسابداری", id=2, degree=5, city="ساوه"),
                make_profile("حسابداری", id=3, degree=3, city="  اراك ")]
    vacancy = make_vacancy("", fields=("حسابداری",), min_degree=3, city="اراک")
    found = Engine(profiles, lexicon=tiny).top_candidates(vacancy, 5)
    scores = {p.profile_id: p.score for p in found}
    weights = WEIGHTS["field"] + WEIGHTS["degree"] + WEIGHTS["city"]
    assert scores[1] == scores[3] == round(100 * (40 + 5 + 5) / weights, 1)
    assert scores[2] == round(100 * (40 + 10) / weights, 1)


def test_features_the_vacancy_does_not_state_are_left_out(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profile = make_profile("حسابداری", skills=("سپیدار",))
    [only_field] = Engine([profile], lexicon=tiny).top_candidates(
        make_vacancy("", fields=("حسابداری",)), 1)
    assert only_field.score == 100.0


def test_the_job_title_and_the_desired_job_are_compared(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profiles = [make_profile("حسابداری", id="same", desired_job="برنامه نویس"),
                make_profile("حسابداری", id="related", desired_job="طراح وب"),
                make_profile("حسابداری", id="other", desired_job="حسابدار")]
    found = Engine(profiles, lexicon=tiny, min_score=0).top_candidates(
        make_vacancy("برنامه‌نویس"), 5)
    # no field named: the job's usual fields are inferred, and weigh as INFERRED_FIELD_WEIGHTS
    weights = INFERRED_FIELD_WEIGHTS
    title_share = 100 * weights["title"] / (weights["title"] + weights["field"])
    assert _ranked(found) == [("same", round(title_share, 1)),
                              ("related", round(0.5 * title_share, 1)), ("other", 0.0)]


def test_fields_default_to_the_usual_fields_of_the_job(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profiles = [make_profile("علوم کامپیوتر", id="fits"), make_profile("شیمی", id="not")]
    found = Engine(profiles, lexicon=tiny, min_score=0).top_candidates(
        make_vacancy("برنامه‌نویس ارشد"), 5)
    assert found[0].profile_id == "fits" and found[0].field_fit == "same"
    assert "رشته‌های معمول این شغل" in found[1].reasons[0]


@pytest.mark.parametrize("gender", ["female", "male"])
def test_a_gender_preference_is_a_hard_filter(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, gender: str) -> None:
    profiles = [make_profile(id=1, gender="female"), make_profile(id=2, gender="male"),
                make_profile(id=3, gender=None)]
    found = Engine(profiles, lexicon=tiny).top_candidates(
        make_vacancy(fields=("نرم‌افزار",), gender=gender), 5)
    assert [p.profile_id for p in found] == [1 if gender == "female" else 2]


def test_the_minimum_degree_is_a_hard_filter(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profiles = [make_profile(id=1, degree=2), make_profile(id=2, degree=4),
                make_profile(id=3, degree=None)]
    found = Engine(profiles, lexicon=tiny).top_candidates(
        make_vacancy(fields=("نرم‌افزار",), min_degree=3), 5)
    assert [p.profile_id for p in found] == [2]


def test_a_pair_without_evidence_is_not_proposed(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    found = Engine([make_profile("حسابداری")], lexicon=tiny).top_candidates(
        make_vacancy(fields=("نرم‌افزار",), skills=("گیت",)), 5)
    assert found == []


def test_every_proposal_explains_itself_in_persian(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profile = make_profile("علوم کامپیوتر", skills=("SQL",), desired_job="برنامه نویس",
                           degree=4, city="اراک")
    vacancy = make_vacancy(fields=("نرم‌افزار",), skills=("SQL", "گیت"), min_degree=3,
                           city="اراک")
    [found] = Engine([profile], lexicon=tiny).top_candidates(vacancy, 1)
    assert len(found.reasons) == 6
    field, matched, missing, title, degree, city = found.reasons
    assert "«علوم کامپیوتر»" in field and "هم‌خانوادهٔ" in field
    assert "SQL" in matched and "گیت" in missing
    assert "برنامه نویس" in title
    assert "کارشناسی ارشد" in degree and "یک مقطع بالاتر" in degree
    assert "اراک" in city
    assert all(PERSIAN & set(reason) for reason in found.reasons)
    assert not any(c.isascii() and c.isdigit() for reason in found.reasons for c in reason)


@pytest.mark.parametrize(("desired", "title", "said"), [
    ("برنامه‌نویس", "برنامه نويس", "همان «برنامه نویس» است"),  # another spelling: the same
    ("برنامه نویس", "برنامه‌نویس ارشد پایتون", "با عنوان «برنامه‌نویس ارشد پایتون» هم‌خوان است"),
])
def test_a_title_reason_says_the_same_only_of_the_same_job(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, desired: str, title: str,
        said: str) -> None:
    profile = make_profile("علوم کامپیوتر", desired_job=desired)
    [found] = Engine([profile], lexicon=tiny).top_candidates(
        make_vacancy(title, fields=("نرم‌افزار",)), 1)
    [reason] = [reason for reason in found.reasons if "شغل دلخواه" in reason]
    assert said in reason


def test_equal_scores_are_ranked_by_id(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profiles = [make_profile(id=id_) for id_ in ("b", 10, "a", 2)]
    found = Engine(profiles, lexicon=tiny).top_candidates(make_vacancy(fields=("نرم‌افزار",)), 4)
    assert [p.profile_id for p in found] == [2, 10, "a", "b"]
    assert [p.rank for p in found] == [1, 2, 3, 4]


def test_the_ranking_does_not_depend_on_the_order_of_the_input(lexicon: Lexicon) -> None:
    bank = make_databank(lexicon, 1500, 40, seed=7)
    shuffled = bank.profiles[:]
    random.Random(3).shuffle(shuffled)
    first = Engine(bank.profiles, lexicon=lexicon).match_all(bank.vacancies, 15)
    second = Engine(shuffled, lexicon=lexicon).match_all(bank.vacancies, 15)
    assert first == second


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_index_finds_exactly_what_scoring_every_pair_finds(lexicon: Lexicon,
                                                              seed: int) -> None:
    bank = make_databank(lexicon, 4000, 120, seed=seed)
    engine = Engine(bank.profiles, lexicon=lexicon)
    indexed = engine.match_all(bank.vacancies, 20)
    exhaustive = engine.match_all(bank.vacancies, 20, exhaustive=True)
    assert indexed == exhaustive
    assert engine.index.scored < 0.5 * len(bank.profiles) * len(bank.vacancies)


def test_the_index_also_agrees_where_it_must_look_further(
        lexicon: Lexicon, make_vacancy: MakeVacancy) -> None:
    """Vacancies with little to go on: no fields, no skills, a rare title, strict filters."""
    bank = make_databank(lexicon, 3000, 5, seed=11)
    odd = [make_vacancy("حسابدار"), make_vacancy("کارگر ساده", min_degree=5, gender="female"),
           make_vacancy("", skills=("اکسل",), city="اراک"), make_vacancy("خلبان"),
           make_vacancy("", fields=("ستاره‌شناسی",), min_degree=0),
           make_vacancy("برنامه نویس", fields=("مهندسی کامپیوتر",), min_degree=5,
                        gender="male", skills=("پایتون", "گیت", "داکر", "لینوکس"))]
    engine = Engine(bank.profiles, lexicon=lexicon)
    for k in (1, 20, 100):
        assert engine.match_all(odd, k) == engine.match_all(odd, k, exhaustive=True)
    assert engine.index.widened["title"] and engine.index.widened["everyone"]


@settings(max_examples=20, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), k=st.integers(1, 40),
       min_score=st.sampled_from([0.0, 20.0, 55.0, 85.0]))
def test_the_index_agrees_with_scoring_every_pair_whatever_the_bank_k_and_floor(
        lexicon: Lexicon, seed: int, k: int, min_score: float) -> None:
    """The rounds of the search (bars, the floor, vacancies done early or late) never change
    the answer."""
    bank = make_databank(lexicon, 500, 14, seed=seed)
    engine = Engine(bank.profiles, lexicon=lexicon, min_score=min_score)
    assert engine.match_all(bank.vacancies, k) == engine.match_all(bank.vacancies, k,
                                                                   exhaustive=True)


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), k=st.integers(1, 30))
def test_hard_filters_are_never_violated(lexicon: Lexicon, seed: int, k: int) -> None:
    bank = make_databank(lexicon, 400, 12, seed=seed)
    profiles = {p.id: p for p in bank.profiles}
    for vacancy_id, proposals in match_all(bank.vacancies, bank.profiles, k).items():
        vacancy = bank.vacancies[vacancy_id - 1]
        assert len(proposals) <= k
        for proposal in proposals:
            profile = profiles[proposal.profile_id]
            if vacancy.gender:
                assert profile.gender == vacancy.gender
            if vacancy.min_degree:
                assert profile.degree is not None and profile.degree >= vacancy.min_degree
            assert proposal.reasons


def test_match_all_gives_each_vacancy_its_ranked_list(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profiles = [make_profile(id=i, degree=2 + i % 3) for i in range(1, 6)]
    vacancies = [make_vacancy(id="v1", fields=("نرم‌افزار",)),
                 make_vacancy(id="v2", fields=("حسابداری",))]
    calls: list[tuple[int, int]] = []
    found = Engine(profiles, lexicon=tiny).match_all(vacancies, 3,
                                                     progress=lambda *a: calls.append(a))
    assert list(found) == ["v1", "v2"]
    assert [p.rank for p in found["v1"]] == [1, 2, 3] and found["v2"] == []
    assert calls == [(1, 2), (2, 2)]


def test_top_vacancies_ranks_vacancies_for_one_profile_with_the_same_scores(
        tiny: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profile = make_profile("علوم کامپیوتر", skills=("پایتون",), gender="female")
    vacancies = [make_vacancy(id=1, fields=("حسابداری",)),
                 make_vacancy(id=2, fields=("ریاضی",), skills=("پایتون", "گیت")),
                 make_vacancy(id=3, fields=("نرم‌افزار",)),
                 make_vacancy(id=4, fields=("نرم‌افزار",), gender="male")]
    engine = Engine([profile], vacancies, lexicon=tiny)
    found = engine.top_vacancies(profile, 10)
    assert [(p.vacancy_id, p.rank) for p in found] == [(3, 1), (2, 2)]
    for proposal in found:
        vacancy = vacancies[proposal.vacancy_id - 1]
        [same] = Engine([profile], lexicon=tiny).top_candidates(vacancy, 1)
        assert same.score == proposal.score and same.reasons == proposal.reasons


def test_convenience_functions_match_the_engine(lexicon: Lexicon) -> None:
    bank = make_databank(lexicon, 300, 30, seed=5)
    engine = Engine(bank.profiles, bank.vacancies, lexicon=lexicon)
    vacancy, profile = bank.vacancies[0], bank.profiles[0]
    assert top_candidates(vacancy, bank.profiles, 7) == engine.top_candidates(vacancy, 7)
    assert match_all(bank.vacancies, bank.profiles, 7) == engine.match_all(k=7)
    assert top_vacancies(profile, bank.vacancies, 5) == engine.top_vacancies(profile, 5)


def test_nothing_to_rank_gives_nothing(tiny: Lexicon, make_profile: Make,
                                       make_vacancy: MakeVacancy) -> None:
    assert Engine([], lexicon=tiny).top_candidates(make_vacancy(), 5) == []
    assert Engine([make_profile()], lexicon=tiny).top_candidates(make_vacancy(), 0) == []
    assert Engine([make_profile()], lexicon=tiny).match_all([], 5) == {}


def test_invalid_values_are_refused(tiny: Lexicon, make_profile: Make,
                                    make_vacancy: MakeVacancy) -> None:
    engine = Engine([make_profile()], lexicon=tiny)
    with pytest.raises(ValueError, match="gender"):
        engine.top_candidates(make_vacancy(gender="any"), 5)
    with pytest.raises(ValueError, match="degree"):
        Engine([replace(make_profile(), degree=9)], lexicon=tiny)
