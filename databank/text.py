"""The one function that turns free text into the key stored beside it for search and matching.

It is the matching engine's key(), so the databank and the matcher always agree on what two
spellings of the same words are."""

from __future__ import annotations

from matching import key


def search_key(text: str | None) -> str:
    """Comparison form of free text: Arabic letters, digits, spacing and case folded."""
    return key(text) if text else ""
