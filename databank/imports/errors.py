"""The one way an import fails as a whole: a file that cannot be read as a table of the
expected columns. Rows that fail are refused one by one instead (see services)."""

from __future__ import annotations

from databank.errors import DomainError


class UnreadableFile(DomainError):
    status = 400
    message = "فایل خوانده نشد."
