"""The package stands alone: no databank, Flask, SQLAlchemy or database, and a light import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import matching

ROOT = Path(__file__).parents[2]


def _modules_after(code: str) -> set[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_matching_imports_nothing_of_the_application() -> None:
    loaded = _modules_after(
        "import matching, matching.bench\n"
        "from matching import Engine, ProfileIn, VacancyIn\n"
        "Engine([ProfileIn(1, 'حسابداری', 3)]).top_candidates(VacancyIn(1, 'حسابدار'), 5)")
    forbidden = {"databank", "flask", "sqlalchemy", "flask_sqlalchemy", "psycopg"}
    assert {name.split(".")[0] for name in loaded} & forbidden == set()


def test_importing_matching_does_not_import_hazm() -> None:
    """hazm takes seconds to import; only normalize() needs it, on first use."""
    assert "hazm" not in _modules_after("import matching")


def test_the_public_api() -> None:
    for name in ("normalize", "key", "VacancyIn", "ProfileIn", "Proposal", "Mapping", "Lexicon",
                 "load_lexicon", "Engine", "top_candidates", "top_vacancies", "match_all",
                 "map_field", "map_skill", "map_occupation", "degree_level", "field_names",
                 "skill_names", "occupation_titles", "split_list"):
        assert name in matching.__all__ and hasattr(matching, name)
    assert matching.__doc__ and "match_all" in matching.__doc__
