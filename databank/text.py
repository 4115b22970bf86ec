"""The one function that turns free text into the key stored beside it for search and matching.

It delegates to the matching engine's key(), so the databank and the matcher always agree on
what two spellings of the same words are."""

from __future__ import annotations

import unicodedata

_ARABIC_TO_PERSIAN = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا"}
)


def search_key(text: str | None) -> str:
    """Comparison form of free text (until the matcher's key() lands: NFKC and a letter fold)."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).translate(_ARABIC_TO_PERSIAN).casefold()
    return " ".join(folded.split())
