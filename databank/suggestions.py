"""Suggestions the forms offer as people type (HTML datalists): the matcher's lexicon names."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def lexicon_suggestions() -> dict[str, Any]:
    """`skills` as (name, its other spellings in one string): «exc» finds «اکسل», whose name is
    what the box takes, so that one skill is never stored twice in two scripts."""
    import matching

    return {"fields": matching.field_names(),
            "skills": [(name, "|".join(spellings))
                       for name, spellings in matching.skill_spellings().items()],
            "jobs": matching.occupation_titles()}
