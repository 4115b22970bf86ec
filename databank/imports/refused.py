"""What every spreadsheet import (graduates, vacancies, the monitoring jobs) does alike with the
rows it refuses: a row that names again what an earlier row of the same file named, and the
error file the sender fixes and sends back."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Sequence
from typing import Any, Protocol

from marshmallow import Schema, ValidationError

from databank.imports.columns import REASON
from databank.imports.writers import Target, write_table
from databank.jalali import persian_digits
from databank.validation import visible_text

REPEATED_NATIONAL_ID = ("این کد ملی در ردیف {row} همین فایل هم آمده است؛ اطلاعات هر فرد را "
                        "در یک ردیف بیاورید.")
REPEATED_OPEN_JOB = ("این کد ملی در ردیف {row} همین فایل هم آمده است؛ اشتغالی که هنوز ادامه "
                     "دارد یک بار می‌آید و هر اشتغال پایان‌یافتهٔ او با «تاریخ پایان» در ردیفی "
                     "جدا.")
REPEATED_VACANCY = ("کد آگهی «{ref}» واحد «{unit}» در ردیف {row} همین فایل هم آمده است؛ "
                    "هر آگهی را در یک ردیف بیاورید.")


class Refused(Protocol):
    """A refused row as the error file needs it: its cells as read, and why."""

    @property
    def cells(self) -> Sequence[str]: ...

    @property
    def reason(self) -> str: ...


class FirstRows:
    """The row of the file that first named each identity. A file that names one person (or
    one vacancy) twice contradicts itself: which row the sender meant only she can tell, so
    the later rows are refused rather than silently written over the first."""

    def __init__(self) -> None:
        self._first: dict[Hashable, int] = {}

    def earlier(self, identity: Hashable | None, row: int) -> int | None:
        """The earlier row that named `identity`; None for the first, or for no identity (a
        blank or invalid one, which the row is refused for anyway)."""
        if identity is None:
            return None
        first = self._first.setdefault(identity, row)
        return None if first == row else first


def field_value(schema: Schema, name: str, text: str | None) -> Any:
    """A cell read as the schema's field reads it (cleaned, digits folded, leading zeros put
    back), so that two spellings of one national ID are one identity; None when blank or
    invalid. Pure: no database, as every schema."""
    cleaned = visible_text(text or "")
    if not cleaned:
        return None
    try:
        return schema.fields[name].deserialize(cleaned)
    except ValidationError:
        return None


def repeated(message: str, row: int, **names: str) -> str:
    return message.format(row=persian_digits(row), **names)


def join_reasons(reasons: Iterable[str]) -> str:
    """A row's reasons as one sentence: each reason is a sentence of its own, and its full stop
    before the «؛» that joins it to the next would read «.؛»; one full stop ends them all."""
    parts = [text.strip() for text in reasons if text.strip()]
    joined = "؛ ".join(_without_full_stop(text) for text in parts)
    return joined + "." if parts and joined[-1] not in ".!؟?…" else joined


def _without_full_stop(text: str) -> str:
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text


def write_error_file(target: Target, fmt: str, headers: Sequence[str],
                     reasons: Collection[int], refused: Iterable[Refused],
                     reason_header: str = REASON) -> None:
    """The refused rows as they came, under the file's own header, with a column of their
    reasons (`reason_header`; the imports give columns.REASON_HEADER): the sender fixes them
    and sends this file back (the importers set any reason column aside, so an old reason
    never comes back as a second one)."""
    keep = [i for i in range(len(headers)) if i not in reasons]
    rows = ([row.cells[i] if i < len(row.cells) else "" for i in keep] + [row.reason]
            for row in refused)
    write_table(target, fmt, [headers[i] for i in keep] + [reason_header], rows)
