"""The SQLAlchemy handle, the constraint naming convention and the normalised-twin mechanism."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, ClassVar

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Enum, MetaData, event, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session

from databank.text import search_key
from databank.validation import fold_digits

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


MAX_PAGE = 100_000  # past any real list; a larger number is a typing slip or a probe


def requested_page(value: str | None) -> int:
    """The page a list was asked for (`?page=`), in digits of any script; anything else, or a
    number out of range, is the first page, never an error: a bad link still shows the list."""
    digits = fold_digits((value or "").strip())
    if not digits.isascii() or not digits.isdigit():
        return 1
    page = int(digits)
    return page if 1 <= page <= MAX_PAGE else 1


def paginate(query: Any, per_page: int, page: int | None = None) -> Any:
    """db.paginate with the page read by requested_page (unless given) and an empty page past
    the end rather than a 404."""
    from flask import request

    number = page if page is not None else requested_page(request.args.get("page"))
    return db.paginate(query, page=number, per_page=per_page, error_out=False)


def utcnow() -> datetime:
    return datetime.now(UTC)


def enum_type(enum_class: type[enum.Enum], name: str) -> Enum:
    """Store an enum by its value as a short string with a named CHECK constraint, the same on
    SQLite and PostgreSQL (no native PostgreSQL enum types to migrate)."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class NormalisedTwins:
    """Mixin for models whose free text is searched or matched: each raw column in ``__twins__``
    has a twin column that holds its normalised key, computed once when the row is written."""

    __twins__: ClassVar[dict[str, str]] = {}


def twin_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return "|".join(search_key(item) for item in value if item)
    return search_key(str(value))


def twin_items(twin: str | None) -> tuple[str, ...]:
    """The keys of a list column's twin, in order (twin_value leaves out empty items)."""
    return tuple(twin.split("|")) if twin else ()


@event.listens_for(Session, "before_flush")
def _fill_twins(session: Session, _context: Any, _instances: Any) -> None:
    for obj in _written(session.new, session.dirty):
        state = inspect(obj)
        for raw, twin in obj.__twins__.items():
            if obj in session.new or state.attrs[raw].history.has_changes():
                setattr(obj, twin, twin_value(getattr(obj, raw)))


def _written(new: Iterable[Any], dirty: Iterable[Any]) -> list[NormalisedTwins]:
    return [obj for obj in (*new, *dirty) if isinstance(obj, NormalisedTwins)]


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """SQLite enforces foreign keys only when asked, and WAL with a busy timeout lets readers and
    one writer share the file instead of failing with 'database is locked'."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, see below
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin_immediate(connection: Any) -> None:
    """Take SQLite's write lock when a transaction starts, so two writers queue on the busy
    timeout instead of one failing midway when it upgrades a read lock."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def refresh_twins(batch: int = 1000) -> int:
    """Recompute every stored twin from its raw column; returns how many changed. Matching
    trusts the stored keys: after an upgrade whose key() folds differently, run this once, or
    the stored keys would no longer meet the ones computed for new text."""
    changed = 0
    for mapper in sorted(db.Model.registry.mappers, key=lambda m: m.class_.__name__):
        model = mapper.class_
        if not issubclass(model, NormalisedTwins) or not model.__twins__:
            continue
        last = None
        while True:
            query = select(model).order_by(model.id).limit(batch)
            rows = db.session.scalars(query if last is None else query.where(model.id > last))
            rows = rows.all()
            if not rows:
                break
            for row in rows:
                for raw, twin in model.__twins__.items():
                    value = twin_value(getattr(row, raw))
                    if getattr(row, twin) != value:
                        setattr(row, twin, value)
                        changed += 1
            db.session.flush()
            last = rows[-1].id
    return changed


def refresh_statistics(*models: type[Base]) -> None:
    """PostgreSQL plans a query from its statistics of the tables. After a bulk write (an
    import, a match run) they describe the tables before it until autovacuum catches up, and a
    search over a key (LIKE '%مکانیک%') planned for one row where there are thousands took
    seconds in QA. ANALYZE samples each table (a fraction of a second) so that the next pages
    are planned for what is there. SQLite plans without statistics: nothing to do."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for model in models:
        db.session.execute(text(f'ANALYZE "{model.__tablename__}"'))
