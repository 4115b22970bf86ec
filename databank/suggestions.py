"""Suggestions the forms offer as people type (HTML datalists): the matcher's lexicon names."""

from __future__ import annotations

from functools import cache
from typing import Any

ANY_FIELD = "همهٔ رشته‌ها"  # read by the matcher as any field (matching.lexicon.groups)


@cache
def lexicon_suggestions() -> dict[str, Any]:
    """`skills` as (name, its other spellings in one string): «exc» finds «اکسل», whose name is
    what the box takes, so that one skill is never stored twice in two scripts."""
    import matching

    return {"fields": matching.field_names(),
            "skills": [(name, "|".join(spellings))
                       for name, spellings in matching.skill_spellings().items()],
            "jobs": matching.occupation_titles()}


@cache
def vacancy_suggestions() -> dict[str, Any]:
    """lexicon_suggestions, with the broad names a vacancy may accept («رشته‌های فنی و
    مهندسی», «همهٔ رشته‌ها») before the fields: a graduate studied one field, a vacancy may
    take a group of them."""
    import matching

    return {**lexicon_suggestions(),
            "fields": [*matching.field_group_names(), ANY_FIELD, *matching.field_names()]}
