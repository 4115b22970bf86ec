"""URL pieces: an id in a path is a row id, which both databases keep in 32 bits. A larger
number (an id typed or altered by hand) names nothing, so it is a 404 like any unknown id,
not an overflow in the database driver (SQLite's 64-bit bound, PostgreSQL's integer)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

ROW_ID_MAX = 2**31 - 1


class RowIdConverter(IntegerConverter):
    """`<int:...>` everywhere: unsigned, at most ROW_ID_MAX unless a route says otherwise."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", ROW_ID_MAX)
        super().__init__(url_map, *args, **kwargs)


def register(app: Flask) -> None:
    """Before any blueprint: a rule takes its converter when it is added to the map."""
    app.url_map.converters["int"] = RowIdConverter
