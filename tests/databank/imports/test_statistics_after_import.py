"""After a file or a match run writes thousands of rows, PostgreSQL's planner is told what is
there now (ANALYZE), so that the next searches of the review queue and the records are not
planned for the empty tables of the day before (QA saw a LIKE over field keys take 15 s)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from databank.db import db
from databank.imports import services
from databank.matches.services import match_bank
from tests.databank.imports.conftest import GRADUATE_HEADERS, as_rows, graduate


def planner_rows(table: str) -> float:
    """The rows the planner believes the table holds (-1: never analysed)."""
    return db.session.scalar(text("SELECT reltuples FROM pg_class WHERE relname = :table"),
                             {"table": table})


def test_an_import_and_a_match_run_leave_the_planner_counting_their_rows(
        app, sheet, make_vacancy) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite plans without statistics: nothing is analysed")
    assert planner_rows("graduate_profiles") <= 0
    rows = [graduate(number, consent="بله") for number in range(1, 31)]
    result = services.import_file("graduates", sheet(GRADUATE_HEADERS, as_rows(
        GRADUATE_HEADERS, rows)))
    assert result.created == 30
    assert planner_rows("graduate_profiles") == 30
    assert planner_rows("persons") == 30
    make_vacancy(fields=["مهندسی کامپیوتر"], skills=["پایتون"], min_degree=2)
    stored = match_bank()
    assert stored > 0
    assert planner_rows("match_proposals") == stored
