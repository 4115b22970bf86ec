"""The one migration creates exactly what the models declare, and goes down cleanly."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

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


def test_persons_who_registered_themselves_are_found_in_the_audit_log_on_upgrade(app) -> None:
    """Who may edit her identity moved from the audit log to a column: the upgrade keeps it."""
    empty_database()
    upgrade(revision="5d2e8a41c7b3")
    with db.engine.begin() as connection:
        for person_id, national_id in ((1, "0013542419"), (2, "0067749828"), (3, "0084575948")):
            connection.execute(text(
                "INSERT INTO persons (id, national_id, first_name, last_name, full_name, "
                "name_key, created_at, updated_at) VALUES (:id, :nid, 'زهرا', 'کریمی', "
                "'زهرا کریمی', 'زهرا کریمی', :now, :now)"),
                {"id": person_id, "nid": national_id, "now": datetime(2025, 1, 1)})
        for person_id, details in ((1, "{}"), (2, '{"claimed": true}'), (1, "{}")):
            connection.execute(text(
                "INSERT INTO audit_log (at, action, entity, entity_id, details) VALUES "
                "(:now, 'register_graduate', 'person', :id, :details)"),
                {"now": datetime(2025, 1, 1), "id": person_id, "details": details})
    upgrade()
    with db.engine.connect() as connection:
        flags = dict(connection.execute(text("SELECT id, self_registered FROM persons")).all())
    assert {person_id: bool(flag) for person_id, flag in flags.items()} == {
        1: True, 2: False, 3: False}  # registered; claimed an office's record; never registered


def _jobs(connection, *periods: tuple[int, date, date | None, str]) -> None:
    """A person, two agencies and her records: (agency id, start, end, status)."""
    now = datetime(2025, 1, 1)
    connection.execute(text(
        "INSERT INTO persons (id, national_id, first_name, last_name, full_name, name_key, "
        "created_at, updated_at) VALUES (1, '0013542419', 'زهرا', 'کریمی', 'زهرا کریمی', "
        "'زهرا کریمی', :now, :now)"), {"now": now})
    for agency_id in (1, 2):
        connection.execute(text("INSERT INTO agencies (id, name, name_key) VALUES "
                                "(:id, :name, :name)"), {"id": agency_id, "name": f"د{agency_id}"})
    for agency_id, start, end, status in periods:
        connection.execute(text(
            "INSERT INTO monitoring_records (person_id, agency_id, sector, start_date, end_date, "
            "status, rejection_reason, created_at) VALUES (1, :agency, 'services', :start, :end, "
            ":status, :reason, :now)"),
            {"agency": agency_id, "start": start, "end": end, "status": status, "now": now,
             "reason": "جعلی" if status == "rejected" else None})


def test_an_upgrade_over_overlapping_jobs_stops_and_names_them(app, capfd) -> None:
    empty_database()
    upgrade(revision="9a4c1f7e2d10")
    with db.engine.begin() as connection:
        _jobs(connection, (1, date(2025, 1, 1), date(2025, 6, 1), "verified"),
              (2, date(2025, 5, 1), None, "registered"))
    with pytest.raises(SystemExit):  # Flask-Migrate logs the error and exits
        upgrade()
    assert "1 overlapping pairs; record ids 1 and 2)" in capfd.readouterr().err
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == \
            "9a4c1f7e2d10"


def test_after_the_upgrade_the_database_refuses_overlapping_jobs(app) -> None:
    empty_database()
    upgrade(revision="9a4c1f7e2d10")
    with db.engine.begin() as connection:  # one after the other, and a rejected one: kept
        _jobs(connection, (1, date(2025, 1, 1), date(2025, 6, 1), "verified"),
              (2, date(2025, 6, 1), None, "registered"),
              (2, date(2025, 2, 1), date(2025, 3, 1), "rejected"))
    upgrade()
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(text("UPDATE monitoring_records SET end_date = :end WHERE id = 1"),
                           {"end": date(2025, 7, 1)})
    downgrade(revision="9a4c1f7e2d10")
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE monitoring_records SET end_date = :end WHERE id = 1"),
                           {"end": date(2025, 7, 1)})


def test_a_databank_that_holds_data_goes_down_and_up_again_keeping_it(app) -> None:
    """Upgrades run over banks in use: SQLite's batch mode rebuilds tables that other rows
    point at (units, users), which must not fail nor lose a row. The demo county, taken down
    to before units could be merged and up again, keeps its units, vacancies and people."""
    from databank.demo.seed import seed_demo

    empty_database()
    upgrade()
    seed_demo()
    db.session.commit()
    counts = "SELECT (SELECT count(*) FROM industrial_units), (SELECT count(*) FROM vacancies), " \
             "(SELECT count(*) FROM persons), (SELECT count(*) FROM users)"
    with db.engine.connect() as connection:
        before = tuple(connection.execute(text(counts)).one())
    db.session.remove()
    downgrade(revision="3e7d52c9a1b4")
    upgrade()
    with db.engine.connect() as connection:
        assert tuple(connection.execute(text(counts)).one()) == before
