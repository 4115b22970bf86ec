"""Files an import keeps for a while under the instance folder: the upload being read and the
error file an officer downloads. Names are random tokens checked against a fixed pattern, so a
name from a URL can never point outside the folder."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

ERROR_FILE_DAYS = 7
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
SUFFIXES = (".csv", ".xlsx")


def folder(instance_path: str, name: str) -> Path:
    path = Path(instance_path) / "imports" / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_file(directory: Path, suffix: str) -> tuple[str, Path]:
    if suffix not in SUFFIXES:
        raise ValueError(suffix)
    token = secrets.token_urlsafe(24)
    return token, directory / f"{token}{suffix}"


def find_file(directory: Path, token: str) -> Path | None:
    if not _TOKEN.fullmatch(token):
        return None
    return next((path for suffix in SUFFIXES
                 if (path := directory / f"{token}{suffix}").is_file()), None)


def prune(directory: Path, days: int = ERROR_FILE_DAYS) -> None:
    """Error files hold personal data: they are kept a week, long enough to fix and resend."""
    oldest = time.time() - days * 86400
    for path in directory.iterdir():
        if path.suffix in SUFFIXES and path.stat().st_mtime < oldest:
            path.unlink(missing_ok=True)
