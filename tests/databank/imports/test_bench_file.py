"""The import benchmark measures what an office's real file costs only if its generated file
is one: every row valid and every column filled as an office would, consent included."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from databank.db import db
from databank.imports import services
from databank.imports.bench import write_file
from databank.people.models import GraduateProfile


def test_the_benchmarks_file_imports_whole_with_most_graduates_consenting(
        app, tmp_path: Path) -> None:
    path = tmp_path / "graduates.csv"
    write_file(path, 200)
    result = services.import_file("graduates", path)
    assert (result.created, result.refused) == (200, [])
    consenting = db.session.scalar(select(func.count(GraduateProfile.id))
                                   .where(GraduateProfile.consent.is_(True)))
    assert 150 <= consenting < 200
