"""Records may come with the keys stored beside their texts; the engine then keys nothing, and
ranks and explains exactly as when it keys the texts itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from matching import Engine, Lexicon, ProfileIn, VacancyIn, key
from matching.stored import keyed
from matching.synthetic import make_databank


def test_keyed_records_carry_the_key_of_each_text() -> None:
    profile = keyed(ProfileIn(1, "مهندسي كامپيوتر - نرم افزار", skills=("اتوکد", "Excel"),
                              desired_job="برنامه نويس", city="ساوه"))
    assert profile.field_key == key("مهندسی کامپیوتر گرایش نرم‌افزار")
    assert profile.skill_keys == (key("اتوکد"), key("excel"))
    assert profile.desired_job_key == key("برنامه‌نویس")
    vacancy = keyed(VacancyIn(1, "حسابدار", fields=("حسابداري",), city=None))
    assert vacancy.title_key == key("حسابدار")
    assert vacancy.field_keys == (key("حسابداری"),) and vacancy.city_key == ""


@pytest.mark.parametrize("seed", [4, 5])
def test_stored_keys_rank_and_explain_as_keys_the_engine_computes(lexicon: Lexicon,
                                                                  seed: int) -> None:
    bank = make_databank(lexicon, 3000, 80, seed=seed)
    own = Engine(bank.profiles, lexicon=lexicon).match_all(bank.vacancies, 15)
    stored = Engine([keyed(p) for p in bank.profiles], lexicon=lexicon).match_all(
        [keyed(v) for v in bank.vacancies], 15)
    assert stored == own
    assert sum(map(len, stored.values())) > 0


def test_the_engine_reads_the_stored_keys_not_the_texts(
        lexicon: Lexicon, make_profile: Callable[..., ProfileIn],
        make_vacancy: Callable[..., VacancyIn]) -> None:
    """A stored key is taken as given: what the system stored is what is matched."""
    accountant = make_profile("حسابداری", skills=("اکسل",))
    stored_as_welding = replace(keyed(accountant), skill_keys=(key("جوشکاری"),))
    vacancy = make_vacancy("حسابدار", fields=("حسابداری",), skills=("جوشکاری",))
    [own] = Engine([accountant], lexicon=lexicon).top_candidates(vacancy, 5)
    [stored] = Engine([stored_as_welding], lexicon=lexicon).top_candidates(vacancy, 5)
    assert own.missing_skills == ("جوشکاری",)
    assert stored.matched_skills == ("جوشکاری",) and stored.score > own.score


def test_a_list_of_keys_that_does_not_line_up_with_its_texts_is_refused(
        lexicon: Lexicon, make_profile: Callable[..., ProfileIn],
        make_vacancy: Callable[..., VacancyIn]) -> None:
    profile = replace(make_profile(skills=("اکسل", "ورد")), skill_keys=(key("اکسل"),))
    with pytest.raises(ValueError, match="skills: 1 stored keys for 2 texts"):
        Engine([profile], lexicon=lexicon)
    vacancy = replace(make_vacancy(fields=("حسابداری",)), field_keys=())
    with pytest.raises(ValueError, match="fields"):
        Engine([make_profile()], lexicon=lexicon).top_candidates(vacancy, 5)
