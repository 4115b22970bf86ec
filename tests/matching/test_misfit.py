"""The misfit rule: where a vacancy names the fields it accepts, a graduate whose field fits none
of them keeps her score only in the measure of her evidence of fitting the job (the required
skills she covers, or her desired job), so that degree, city and one generic skill never lift an
unrelated graduate over the proposal minimum, while a misfit who has most of the skills still
rises."""

from __future__ import annotations

import pytest

from matching import Engine, Lexicon, ProfileIn, VacancyIn
from matching.scoring import MIN_SCORE
from matching.synthetic import make_databank

CITY = "اراک"
ACCOUNTANT = VacancyIn("accountant", "حسابدار", fields=("حسابداری",), skills=("سپیدار", "اکسل"),
                       min_degree=2, city=CITY)
STOREKEEPER = VacancyIn("storekeeper", "انباردار", fields=("دیپلم فنی", "حسابداری"),
                        skills=("انبارداری", "اکسل"), min_degree=1, gender="male", city=CITY)
SALES = VacancyIn("sales", "کارشناس فروش", fields=("مدیریت بازرگانی",), min_degree=3, city=CITY)
TRADE = VacancyIn("trade", "کارشناس بازرگانی خارجی", fields=("زبان انگلیسی", "مدیریت بازرگانی"),
                  min_degree=3, city=CITY)
MISFIT_REASON = "چون رشته جور نیست"


def _scores(profiles: list[ProfileIn], vacancy: VacancyIn) -> dict[int | str, float]:
    """Every eligible pair's score, not only those over the minimum."""
    found = Engine(profiles, min_score=0).top_candidates(vacancy, len(profiles))
    return {p.profile_id: p.score for p in found}


@pytest.mark.parametrize("vacancy", [ACCOUNTANT, STOREKEEPER], ids=["accountant", "storekeeper"])
def test_a_mechanic_with_excel_and_word_is_not_proposed_an_office_job(vacancy: VacancyIn) -> None:
    """The QA report: 25 and 28 for a car mechanic on «اکسل، Word», degree and city alone."""
    mechanic = ProfileIn(1, "مکانیک خودرو", degree=2, skills=("اکسل", "Word"), gender="male",
                         desired_job="تعمیرکار خودرو", city=CITY)
    assert _scores([mechanic], vacancy)[1] < MIN_SCORE
    assert Engine([mechanic]).top_candidates(vacancy, 5) == []


@pytest.mark.parametrize("field", ["مهندسی کامپیوتر - نرم‌افزار", "مهندسی فناوری اطلاعات",
                                   "علوم کامپیوتر"])
@pytest.mark.parametrize("vacancy", [SALES, TRADE], ids=["sales", "trade"])
def test_software_graduates_are_not_proposed_sales_or_trade(field: str,
                                                            vacancy: VacancyIn) -> None:
    graduate = ProfileIn(1, field, degree=3, skills=("پایتون", "SQL", "اکسل"),
                         desired_job="برنامه‌نویس", city=CITY)
    assert _scores([graduate], vacancy)[1] < MIN_SCORE


def test_management_is_not_a_close_family_of_computing(lexicon: Lexicon) -> None:
    assert lexicon.relation("computer-software-engineering", "business-administration") is None
    assert lexicon.relation("information-technology", "international-trade") is None
    # the close families the issue names stay close
    assert lexicon.relation("computer-software-engineering", "information-technology") == "family"
    assert lexicon.relation("computer-science", "computer-software-engineering") == "family"
    assert lexicon.relation("electrical-power-engineering", "control-engineering") == "family"
    assert lexicon.relation("industrial-engineering", "industrial-management") == "close"
    assert lexicon.relation("chemical-engineering", "polymer-engineering") == "close"
    assert lexicon.relation("chemical-engineering", "food-science") == "close"
    # information systems management (ISCED 0688, an ICT programme) is computing's own
    assert lexicon.relation("it-management", "information-technology") == "family"


def test_a_misfit_covering_most_required_skills_is_still_proposed() -> None:
    vacancy = VacancyIn("acc", "حسابدار", fields=("حسابداری",),
                        skills=("سپیدار", "اکسل", "حقوق و دستمزد", "مالیات"), min_degree=2,
                        city=CITY)
    mechanic = ProfileIn(1, "مکانیک خودرو", degree=2, city=CITY,
                         skills=("سپیدار", "اکسل", "حقوق و دستمزد"))
    [proposal] = Engine([mechanic]).top_candidates(vacancy, 5)
    # 3 of 4 skills (22.5) + degree at the minimum (5) + city (5), times 3/4
    assert proposal.score == pytest.approx(24.4, abs=0.05)
    assert proposal.field_fit == "none"
    assert any(MISFIT_REASON in reason for reason in proposal.reasons)
    assert "مهارت‌های دارا: سپیدار، اکسل، حقوق و دستمزد (۳ از ۴)." in proposal.reasons


def test_a_misfit_covering_every_skill_keeps_its_score() -> None:
    mechanic = ProfileIn(1, "مکانیک خودرو", degree=2, skills=("سپیدار", "اکسل"), city=CITY)
    [proposal] = Engine([mechanic]).top_candidates(ACCOUNTANT, 5)
    assert proposal.score == 40.0  # skills 30 + degree 5 + city 5: nothing taken off


def test_a_misfit_who_wants_this_very_job_keeps_its_score() -> None:
    mechanic = ProfileIn(1, "مکانیک خودرو", degree=2, skills=("اکسل",), desired_job="حسابدار",
                         city=CITY)
    [proposal] = Engine([mechanic]).top_candidates(ACCOUNTANT, 5)
    assert proposal.score == 40.0  # skills 15 + title 15 + degree 5 + city 5


def test_a_fitting_field_is_not_touched_by_the_rule() -> None:
    accountant = ProfileIn(1, "حسابداری (علمی کاربردی)", degree=2, skills=("اکسل",), city=CITY)
    [proposal] = Engine([accountant]).top_candidates(ACCOUNTANT, 5)
    assert proposal.score == 65.0  # field 40 + skills 15 + degree 5 + city 5
    assert proposal.field_fit == "same"
    assert not any(MISFIT_REASON in reason for reason in proposal.reasons)


def test_the_rule_needs_fields_the_vacancy_names() -> None:
    """Fields read from the job title are a guess, not the vacancy's word: no rule."""
    vacancy = VacancyIn("acc", "حسابدار", skills=("سپیدار", "اکسل"), min_degree=2, city=CITY)
    mechanic = ProfileIn(1, "مکانیک خودرو", degree=2, skills=("اکسل",), city=CITY)
    [proposal] = Engine([mechanic]).top_candidates(vacancy, 5)
    # INFERRED_FIELD_WEIGHTS: half the skills (40 / 2), the minimum degree (10 / 2), the city (5)
    assert proposal.score == 30.0
    assert not any(MISFIT_REASON in reason for reason in proposal.reasons)


@pytest.mark.parametrize("seed", [21, 22])
def test_the_index_still_finds_what_scoring_everyone_finds(lexicon: Lexicon, seed: int) -> None:
    bank = make_databank(lexicon, 4000, 60, seed=seed)
    engine = Engine(bank.profiles, lexicon=lexicon)
    indexed = engine.match_all(bank.vacancies, 25)
    assert indexed == engine.match_all(bank.vacancies, 25, exhaustive=True)
    reasons = [r for found in indexed.values() for p in found for r in p.reasons]
    assert any(MISFIT_REASON in r for r in reasons)  # misfits were scored, and some proposed


def test_a_desired_job_of_the_same_occupation_group_only_is_said_partly_near() -> None:
    """A metallurgist against a quality-control post shares an ISCO minor group (0.5): the
    reason says «تا اندازه‌ای», never plainly near, and the same job is said to be the same."""
    vacancy = VacancyIn("qc", "کارشناس کنترل کیفیت", fields=("مهندسی مواد",), min_degree=3,
                        city=CITY)

    def said(desired: str) -> list[str]:
        profile = ProfileIn(1, "مهندسی مواد", degree=3, desired_job=desired, city=CITY)
        (found,) = Engine([profile], min_score=0).top_candidates(vacancy, 1)
        return [reason for reason in found.reasons if reason.startswith("شغل دلخواه")]

    assert said("مهندس متالورژی") == [
        "شغل دلخواه «مهندس متالورژی» تا اندازه‌ای به «کارشناس کنترل کیفیت» نزدیک است."]
    assert said("کارشناس کنترل کیفیت") == [
        "شغل دلخواه «کارشناس کنترل کیفیت» همان «کارشناس کنترل کیفیت» است."]
