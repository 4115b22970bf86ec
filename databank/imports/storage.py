"""Files an import keeps for a while under the instance folder: the upload being read and the
error file an officer downloads. Names are random tokens checked against a fixed pattern, so a
name from a URL can never point outside the folder. Error files are kept in a folder of the
user who imported them and looked for only there: a token seen by someone else (a shared
screen, a forwarded link, a proxy's log) opens nothing for them."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
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


def _error_folder(instance_path: str, user_id: int) -> Path:
    return folder(instance_path, f"errors/{int(user_id)}")


def keep_error_file(instance_path: str, user_id: int, suffix: str,
                    write: Callable[[Path], None]) -> str:
    """Write a new error file of the user's with `write`; returns the token to download it."""
    errors = folder(instance_path, "errors")
    for directory in (errors, *(path for path in errors.iterdir() if path.is_dir())):
        prune(directory)  # everyone's, so no one's old file outlives its week
    token, path = new_file(_error_folder(instance_path, user_id), suffix)
    write(path)
    return token


def find_error_file(instance_path: str, user_id: int, token: str) -> Path | None:
    return find_file(_error_folder(instance_path, user_id), token)
