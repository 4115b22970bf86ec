"""The application factory and where its settings come from."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from databank import create_app
from databank.config import driver_url


def test_the_default_database_is_an_sqlite_file_in_the_instance_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'databank.sqlite'}"


def test_database_url_from_the_environment_and_postgres_gets_psycopg(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db.local/bank")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db.local/bank"


def test_overrides_win_over_the_environment(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:///from-env.sqlite")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"


def test_a_secret_is_generated_once_kept_private_and_reused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    second = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    key_file = tmp_path / "secret_key"
    assert first == second and len(first) >= 40
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    other = create_app({"INSTANCE_PATH": str(tmp_path / "other")}).config["SECRET_KEY"]
    assert other != first


def test_secret_key_from_the_environment_is_used(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize(("given", "expected"), [
    ("postgresql://a@h/d", "postgresql+psycopg://a@h/d"),
    ("postgresql+psycopg://a@h/d", "postgresql+psycopg://a@h/d"),
    ("sqlite:///x.sqlite", "sqlite:///x.sqlite"),
])
def test_driver_url(given: str, expected: str) -> None:
    assert driver_url(given) == expected


def test_pages_are_persian_right_to_left_with_local_assets(client) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="fa" dir="rtl">' in page
    assert "/static/vendor/bootstrap/bootstrap.rtl.min.css" in page
    assert "/static/vendor/vazirmatn/Vazirmatn-font-face.css" in page
    assert "https://" not in page.split("<body")[0]


def test_the_local_assets_are_served(client) -> None:
    for path in ("/static/vendor/bootstrap/bootstrap.rtl.min.css",
                 "/static/vendor/vazirmatn/Vazirmatn-font-face.css",
                 "/static/vendor/vazirmatn/fonts/webfonts/Vazirmatn-Regular.woff2",
                 "/static/vendor/chartjs/chart.umd.js", "/static/css/app.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        response.close()


def test_security_headers(client) -> None:
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'",
                      "script-src 'self'"):
        assert directive in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    cookie = client.get_cookie("databank_session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
