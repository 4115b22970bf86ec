"""What every template can use: Solar Hijri and Persian-digit filters, labels for vocabularies."""

from __future__ import annotations

from typing import Any

from flask import Flask

from databank import jalali
from databank.accounts.models import ROLE_LABELS, Role
from databank.vocabulary import DEGREE_LABELS


def register(app: Flask) -> None:
    jalali.register_filters(app)

    @app.context_processor
    def vocabulary() -> dict[str, Any]:
        return {"DEGREE_LABELS": DEGREE_LABELS, "ROLE_LABELS": ROLE_LABELS, "Role": Role}
