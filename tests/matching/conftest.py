"""Fixtures of the matching tests: no application, no database, only the engine and two
lexicons: the real one, and a tiny one whose relations the tests can reason about exactly."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

import pytest

from matching import Lexicon, ProfileIn, VacancyIn, load_lexicon

TINY = Path(__file__).parent / "fixtures" / "lexicon"


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def tiny() -> Lexicon:
    return Lexicon.from_directory(TINY)


@pytest.fixture
def make_profile() -> Callable[..., ProfileIn]:
    """ProfileIn with sensible defaults; ids count up unless given."""
    ids = count(1)

    def make(field: str = "مهندسی نرم‌افزار", **values: Any) -> ProfileIn:
        values.setdefault("id", next(ids))
        values.setdefault("degree", 3)
        return ProfileIn(field=field, **values)

    return make


@pytest.fixture
def make_vacancy() -> Callable[..., VacancyIn]:
    ids = count(1001)

    def make(title: str = "برنامه‌نویس", **values: Any) -> VacancyIn:
        values.setdefault("id", next(ids))
        return VacancyIn(title=title, **values)

    return make
