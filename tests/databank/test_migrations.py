"""The one migration creates exactly what the models declare, and goes down cleanly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from databank.db import db
from tests.conftest import empty_database


def test_upgrade_to_head_matches_the_models_and_downgrade_to_base_empties(app) -> None:
    empty_database()
    upgrade()
    tables = set(inspect(db.engine).get_table_names())
    assert {"users", "persons", "graduate_profiles", "vacancies", "match_proposals",
            "monitoring_records", "commitments", "audit_log"} <= tables
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []
    indexes = {ix["name"]: ix for ix in inspect(db.engine).get_indexes("monitoring_records")}
    assert indexes["uq_monitoring_records_active_person"]["unique"]
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert "users" in inspect(db.engine).get_table_names()
