"""Fixtures shared by the databank tests: an app per test on a fresh database (SQLite in a
temporary folder, or PostgreSQL when TEST_DATABASE_URL is set), clients, and small builders."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, g, has_app_context
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import text

from databank import create_app
from databank.accounts.models import Role, User
from databank.db import db

PASSWORD = "correct-horse-battery"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def database_url(tmp_path: Any) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite'}"


class FreshGlobalsClient(FlaskClient):
    """The fixture keeps one app context open for the test's own queries, and Flask reuses an
    open context for requests; each request here still starts with an empty `g`, as it would in
    production, so nothing (a CSRF token, the logged-in user) leaks between requests."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        if has_app_context():
            for name in list(vars(g)):
                delattr(g, name)
        return super().open(*args, **kwargs)


@pytest.fixture
def app(tmp_path: Any) -> Iterator[Flask]:
    app = create_app({
        "TESTING": True,
        "RATELIMIT_ENABLED": False,  # tests/databank/accounts/test_rate_limits.py turns it on
        "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
        "SECRET_KEY": "test-only-secret",
        "INSTANCE_PATH": str(tmp_path / "instance"),
    })
    app.test_client_class = FreshGlobalsClient
    with app.app_context():
        empty_database()
        db.create_all()
        yield app
        db.session.remove()
        empty_database()
        db.engine.dispose()


def empty_database() -> None:
    """Drop every table the models know, and Alembic's version table (migration tests)."""
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def csrf_token(client: FlaskClient, page: str) -> str:
    """The token from the form on `page`, as a browser would send it back."""
    response = client.get(page)
    match = CSRF.search(response.get_data(as_text=True))
    assert match, f"no CSRF token in the form on {page}"
    return match.group(1)


def post_form(client: FlaskClient, page: str, data: dict[str, Any],
              action: str | None = None, **kwargs: Any) -> Any:
    """Fill the form found on `page` and submit it (to `action`, default the page itself)."""
    token = csrf_token(client, page)
    return client.post(action or page, data={**data, "csrf_token": token}, **kwargs)


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    """Builder: a committed user of `role`, with the organisation its role needs."""
    from databank.accounts.services import create_user
    from databank.organisations import services as orgs

    counter = iter(range(1, 10_000))

    def build(role: Role = Role.GRADUATE, username: str | None = None, **links: Any) -> User:
        number = next(counter)
        if role is Role.PLACEMENT_OFFICER and "office_id" not in links:
            links["office_id"] = orgs.get_or_create_office(f"دفتر کاریابی {number}").id
        if role is Role.AGENCY_OFFICER and "agency_id" not in links:
            links["agency_id"] = orgs.get_or_create_agency(f"دستگاه آزمون {number}").id
        user = create_user(username=username or f"{role.value.replace('_', '-')}-{number}",
                           password=PASSWORD, display_name=f"کاربر {number}", role=role,
                           **links)
        db.session.commit()
        return user

    return build


@pytest.fixture
def login(client: FlaskClient) -> Callable[[User], Any]:
    """Log `user` in through the login form, as a person would."""

    def do_login(user: User, password: str = PASSWORD) -> Any:
        response = post_form(client, "/login", {"username": user.username,
                                                "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response

    return do_login


def valid_national_id(prefix: int) -> str:
    """A valid national ID built from nine digits, for tests that need many distinct ones."""
    from databank.validation import national_id_check_digit

    first = f"{prefix:09d}"
    return first + national_id_check_digit(first)


def name_of(number: int) -> str:
    """A distinct surname for each number, in letters: a name holds no digits (see
    databank.validation.person_name)."""
    return "".join("ابپتثجچحخد"[int(digit)] for digit in str(number))


@pytest.fixture
def make_graduate(app: Flask) -> Callable[..., Any]:
    """Builder: a committed graduate profile; keyword arguments override the defaults."""
    from databank.people.services import save_graduate
    from databank.vocabulary import Gender

    counter = iter(range(1, 10_000))

    def build(**values: Any) -> Any:
        number = next(counter)
        data = {"national_id": valid_national_id(100_000_000 + number * 7919),
                "first_name": "مریم", "last_name": f"احمدی {name_of(number)}",
                "gender": Gender.FEMALE, "birth_year": 1375, "mobile": f"0912{number:07d}",
                "city": "ساوه", "degree": 3, "field_of_study": "مهندسی کامپیوتر - نرم‌افزار",
                "skills": ["پایتون", "SQL"], "desired_job": "برنامه‌نویس", "consent": True,
                **values}
        profile, _ = save_graduate(data)
        db.session.commit()
        return profile

    return build


@pytest.fixture
def make_vacancy(app: Flask) -> Callable[..., Any]:
    """Builder: a committed open vacancy of `unit` (a new unit when none is given)."""
    from databank.organisations.services import get_or_create_unit
    from databank.vacancies.services import save_vacancy

    counter = iter(range(1, 10_000))

    def build(unit: Any = None, **values: Any) -> Any:
        number = next(counter)
        unit = unit or get_or_create_unit(f"شرکت آزمون {number}", city="ساوه")
        data = {"ref": f"T-{number}", "title": "برنامه‌نویس وب", "positions": 2,
                "min_degree": 3, "fields": ["مهندسی کامپیوتر - نرم‌افزار"],
                "skills": ["پایتون"], "gender": None, **values}
        vacancy, _ = save_vacancy(unit, data)
        db.session.commit()
        return vacancy

    return build


@contextmanager
def database_refuses(table: str, condition: str) -> Iterator[None]:
    """A real trigger that makes the database refuse inserts into `table` matching the SQL
    `condition` (on NEW): it stands for any failure the schema cannot foresee midway through a
    write (a race, a rule added later), on SQLite and PostgreSQL alike."""
    if db.engine.dialect.name == "sqlite":
        create = [f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} WHEN {condition} "
                  "BEGIN SELECT RAISE(ABORT, 'refused'); END"]
        drop = [f"DROP TRIGGER IF EXISTS refuse_{table}"]
    else:
        create = [
            f"CREATE OR REPLACE FUNCTION refuse_{table}() RETURNS trigger AS $$ BEGIN "
            f"IF {condition} THEN RAISE EXCEPTION 'refused' USING ERRCODE = "
            "'check_violation'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
            f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION refuse_{table}()"]
        drop = [f"DROP TRIGGER IF EXISTS refuse_{table} ON {table}",
                f"DROP FUNCTION IF EXISTS refuse_{table}()"]
    for statement in create:
        db.session.execute(text(statement))
    db.session.commit()
    try:
        yield
    finally:
        db.session.rollback()
        for statement in drop:
            db.session.execute(text(statement))
        db.session.commit()


def write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    """A real spreadsheet file, built the way Excel would hand it over."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    workbook.close()
    return path


def at_once(calls: Sequence[Callable[[], Any]]) -> list[Any]:
    """Run each call in a thread of its own, all released at the same moment (a real race on
    PostgreSQL; SQLite takes one writer at a time); their results as they came back."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = []

    def run(call: Callable[[], Any]) -> None:
        barrier.wait()
        results.append(call())

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
