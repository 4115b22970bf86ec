"""Configuration: safe defaults, the environment, then the caller's overrides (tests)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "databank_session",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": 8 * 3600,
    "MAX_CONTENT_LENGTH": 32 * 1024 * 1024,
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    "PAGE_SIZE": 25,
}


def load_config(instance_path: str, overrides: dict[str, Any] | None) -> dict[str, Any]:
    """Build the settings; the environment wins over defaults, explicit overrides win over both."""
    config = dict(DEFAULTS)
    config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL") or sqlite_default(
        instance_path
    )
    secure = os.environ.get("DATABANK_SECURE_COOKIES", "").lower() in {"1", "true", "yes"}
    config["SESSION_COOKIE_SECURE"] = secure
    config["REMEMBER_COOKIE_SECURE"] = secure
    config["RATELIMIT_STORAGE_URI"] = os.environ.get("DATABANK_RATELIMIT_STORAGE", "memory://")
    config["PROXIES"] = os.environ.get("DATABANK_PROXIES", "0")
    config.update(overrides or {})
    config["SQLALCHEMY_DATABASE_URI"] = driver_url(config["SQLALCHEMY_DATABASE_URI"])
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or instance_secret(instance_path)
    return config


def sqlite_default(instance_path: str) -> str:
    return f"sqlite:///{Path(instance_path) / 'databank.sqlite'}"


def driver_url(url: str) -> str:
    """Let people write postgres:// or postgresql:// and still get the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_secret(instance_path: str) -> str:
    """A secret generated on first start and kept, readable by the owner only, in the instance
    folder: no secret ever lives in the code or the repository."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key
