"""Suggestions the forms offer as people type (HTML datalists): the matcher's lexicon names."""

from __future__ import annotations

from functools import cache


@cache
def lexicon_suggestions() -> dict[str, list[str]]:
    import matching

    return {"fields": matching.field_names(), "skills": matching.skill_names(),
            "jobs": matching.occupation_titles() if hasattr(matching, "occupation_titles")
            else []}
