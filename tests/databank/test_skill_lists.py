"""A skill written in two scripts or spellings is one skill, on a graduate's profile and on a
vacancy alike: «اکسل، Excel» would otherwise be shown to employers as two skills and counted
twice by the office reading it."""

from __future__ import annotations

import pytest

from databank.people.schemas import ProfileSchema
from databank.vacancies.schemas import VacancySchema


@pytest.mark.parametrize("schema", [ProfileSchema, VacancySchema], ids=["profile", "vacancy"])
def test_one_skill_in_two_spellings_is_kept_once_as_first_typed(schema: type) -> None:
    loaded = schema().load({"skills": "اکسل، Excel، EXCEL، اتوکد، AutoCAD، پایتون"},
                           partial=True)
    assert loaded["skills"] == ["اکسل", "اتوکد", "پایتون"]


def test_skills_that_only_look_alike_are_both_kept() -> None:
    loaded = ProfileSchema().load({"skills": "جوشکاری، جوشکاری CO2، زبان انگلیسی"},
                                  partial=True)
    assert loaded["skills"] == ["جوشکاری", "جوشکاری CO2", "زبان انگلیسی"]


def test_a_skill_the_lexicon_does_not_know_is_kept_as_typed() -> None:
    loaded = VacancySchema().load({"skills": "نرم‌افزار حسابداری هلو، هلو، تعمیر لیفتراک"},
                                  partial=True)
    assert loaded["skills"][0] == "نرم‌افزار حسابداری هلو"
    assert "تعمیر لیفتراک" in loaded["skills"]


def test_a_vacancys_fields_written_as_alternatives_are_each_a_field() -> None:
    """«مکانیک یا برق» and «برق (قدرت، کنترل)», as employers write them, are fields each
    matched on its own, not one text the lexicon half-recognises."""
    loaded = VacancySchema().load({"fields": "مهندسی مکانیک یا مهندسی برق (قدرت، کنترل)"},
                                  partial=True)
    assert loaded["fields"] == ["مهندسی مکانیک", "مهندسی برق قدرت", "مهندسی برق کنترل"]
