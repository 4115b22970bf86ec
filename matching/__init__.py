"""The matching engine: plain records in, ranked and explained proposals out.

Framework-free (no Flask, SQLAlchemy or database), so that it can be tested, benchmarked and run
on worker machines on its own. The API:

- normalize(text): clean Persian text to store and show; key(text): the comparison form, equal
  for every spelling of the same words. Compute both once per stored record.
- VacancyIn, ProfileIn: what goes in, optionally with the keys stored beside their texts
  (keyed(record) adds them, as a system does when it writes a record); Proposal: what comes
  out (score 0-100, rank, Persian reasons, matched and missing skills); Mapping: free text
  mapped to a lexicon code.
- load_lexicon(): the curated fields, skills, degrees and occupations, loaded once;
  map_field, map_skill, map_occupation (-> Mapping | None), degree_level (-> 0..5 | None),
  field_names, skill_names, occupation_titles (canonical names in Persian order, for form
  suggestions), split_list (a typed list into items; with kind="skill" or "field", «اکسل و ورد»
  and «برق/الکترونیک» into the names they join).
- Engine(profiles): index the profiles once, then engine.top_candidates(vacancy, k),
  engine.match_all(vacancies, k, progress), engine.top_vacancies(profile, k, vacancies).
- top_candidates(vacancy, profiles, k), top_vacancies(profile, vacancies, k),
  match_all(vacancies, profiles, k, progress): the same through a one-off engine. match_all
  returns a dict vacancy id -> list of proposals, best first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from matching.engine import Engine
from matching.lexicon import Lexicon, load_lexicon
from matching.lists import split_list
from matching.normalize import key, normalize
from matching.stored import keyed
from matching.types import Mapping, ProfileIn, Proposal, VacancyIn

__all__ = [
    "Engine", "Lexicon", "Mapping", "ProfileIn", "Proposal", "VacancyIn", "degree_level",
    "field_group_names", "field_names", "key", "keyed", "load_lexicon", "map_field",
    "map_occupation", "map_skill", "match_all", "names_a_group", "normalize",
    "occupation_titles", "skill_names", "skill_spellings", "split_list", "top_candidates",
    "top_vacancies",
]

def top_candidates(vacancy: VacancyIn, profiles: Sequence[ProfileIn],
                   k: int = 20) -> list[Proposal]:
    return Engine(profiles).top_candidates(vacancy, k)


def top_vacancies(profile: ProfileIn, vacancies: Sequence[VacancyIn],
                  k: int = 20) -> list[Proposal]:
    return Engine([], vacancies).top_vacancies(profile, k)


def match_all(vacancies: Iterable[VacancyIn], profiles: Sequence[ProfileIn], k: int = 20,
              progress: Callable[[int, int], None] | None = None
              ) -> dict[int | str, list[Proposal]]:
    return Engine(profiles).match_all(vacancies, k, progress)


def map_field(text: str) -> Mapping | None:
    return load_lexicon().map_field(text)


def names_a_group(text: str) -> bool:
    """A field of study typed as a group's name («مهندسی», «فنی»), which names no field."""
    return load_lexicon().names_a_group(text)


def map_skill(text: str) -> Mapping | None:
    return load_lexicon().map_skill(text)


def map_occupation(text: str) -> Mapping | None:
    return load_lexicon().map_occupation(text)


def degree_level(text: str) -> int | None:
    return load_lexicon().degree_level(text)


def field_names() -> list[str]:
    return load_lexicon().field_names()


def field_group_names() -> list[str]:
    """The broad names a vacancy may accept instead of fields («رشته‌های فنی و مهندسی»)."""
    return load_lexicon().field_group_names()


def skill_names() -> list[str]:
    return load_lexicon().skill_names()


def skill_spellings() -> dict[str, tuple[str, ...]]:
    return load_lexicon().skill_spellings()


def occupation_titles() -> list[str]:
    return load_lexicon().occupation_titles()
