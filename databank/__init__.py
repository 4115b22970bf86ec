"""databank: the county employment information bank (Flask application factory)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    config = dict(config or {})
    instance = config.pop("INSTANCE_PATH", None) or os.environ.get("DATABANK_INSTANCE")
    app = Flask(__name__, template_folder=str(ROOT / "templates"),
                static_folder=str(ROOT / "static"), instance_path=instance,
                instance_relative_config=True)
    configure(app, config)
    register_extensions(app)
    register_routing(app)
    register_blueprints(app)
    register_templating(app)
    register_error_handlers(app)
    register_commands(app)
    register_security_headers(app)
    register_rate_limits(app)
    return app


def configure(app: Flask, overrides: dict[str, Any] | None) -> None:
    from databank.config import load_config

    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(load_config(app.instance_path, overrides))


def register_extensions(app: Flask) -> None:
    from databank import models  # noqa: F401  (the metadata must be complete)
    from databank.db import db
    from databank.extensions import csrf, login_manager, migrate

    db.init_app(app)
    login_manager.init_app(app)
    csrf.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                     compare_type=True)


def register_routing(app: Flask) -> None:
    from databank.routing import register

    register(app)


def register_blueprints(app: Flask) -> None:
    from databank.accounts.views import bp as accounts
    from databank.audit.views import bp as audit
    from databank.home.views import bp as home
    from databank.imports.views import bp as imports
    from databank.matches.views import bp as matches
    from databank.monitoring.dashboard_views import bp as dashboard
    from databank.monitoring.verification_views import bp as verification
    from databank.monitoring.views import bp as monitoring
    from databank.organisations.merge_views import bp as unit_merge
    from databank.organisations.registry_views import bp as registry
    from databank.organisations.views import bp as organisations
    from databank.people.identity_views import bp as identity
    from databank.people.views import bp as people
    from databank.vacancies.views import bp as vacancies

    for blueprint in (
        home, accounts, people, organisations, vacancies, matches, monitoring, imports, dashboard,
        verification, audit, registry, unit_merge, identity,
    ):
        app.register_blueprint(blueprint)


def register_rate_limits(app: Flask) -> None:
    from databank.rate_limits import register

    register(app)


def register_templating(app: Flask) -> None:
    from databank.templating import register

    register(app)


def register_error_handlers(app: Flask) -> None:
    from databank.errors import register_error_handlers as register

    register(app)


def register_commands(app: Flask) -> None:
    from databank.cli import register

    register(app)


def register_security_headers(app: Flask) -> None:
    from databank.security import register

    register(app)
