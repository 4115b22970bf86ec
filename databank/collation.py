"""Persian alphabetical order. The databases compare code points, where the letters Persian
adds to the Arabic alphabet (پ چ ژ ک گ ی) come after all the others: «کمیته» would follow
«مدیریت», and every name with a ی or a ک would be out of place. Lists people read by name
(drop-downs, the registry, the units) are put in order here instead; the lists are a county's
organisations, a few thousand rows at most."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from flask_sqlalchemy.pagination import Pagination

from databank.validation import fold_digits

ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_MADDA = "\ue000"  # آ stands apart, before ا: Unicode would decompose it into ا and a mark
_RANK = {letter: rank for rank, letter in enumerate(ALPHABET.replace("آ", _MADDA))}
# Letters typed on Arabic keyboards, and letters with a hamza, sorted as the letter they carry.
_FOLD = str.maketrans({"آ": _MADDA, "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه",
                       "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و", "\u200c": " ",
                       "\u0640": None})
T = TypeVar("T")


def persian_order(text: str | None) -> tuple[int, ...]:
    """A sort key: spaces first, then digits (of any script), the Persian alphabet in its own
    order, Latin letters without regard to case, and anything else by code point. Diacritics,
    tatweel and case do not count; the half-space counts as a space."""
    folded = fold_digits(unicodedata.normalize("NFD", (text or "").translate(_FOLD)))
    key: list[int] = []
    for char in " ".join(folded.split()).casefold():
        if unicodedata.combining(char):
            continue
        if char == " ":
            key.append(0)
        elif char.isascii() and char.isdigit():
            key.append(10 + int(char))
        elif char in _RANK:
            key.append(100 + _RANK[char])
        elif char.isascii() and char.isalpha():
            key.append(200 + ord(char))
        else:
            key.append(1000 + ord(char))
    return tuple(key)


def in_persian_order(items: Iterable[T], name: Callable[[T], str | None]) -> list[T]:
    """The items sorted by the name each carries (ties keep their order: give them in id
    order for a stable list)."""
    return sorted(items, key=lambda item: persian_order(name(item)))


class SortedPage(Pagination):
    """One page of a list sorted here rather than by the database, with everything the pager
    reads (page, pages, total, has_prev, next_num...). A page past the end is empty, never a
    404, as db.paginate is called elsewhere."""

    def __init__(self, rows: Sequence[Any], page: int, per_page: int) -> None:
        self._rows = rows
        super().__init__(page=page, per_page=per_page, max_per_page=None, error_out=False)

    def _query_items(self) -> list[Any]:
        start = (self.page - 1) * self.per_page
        return list(self._rows[start:start + self.per_page])

    def _query_count(self) -> int:
        return len(self._rows)
