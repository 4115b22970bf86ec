"""Two forms of every free-text field: normalize() to store and show, key() to compare.

normalize() is hazm's Normalizer (spacing, Persian letters) plus what it leaves out: invisible
marks, a few Arabic letters, Arabic-Indic digits. key() is the form matching compares: every
spelling of the same words gives one string (letters, digits, case, half-spaces, punctuation and
the words that only dress a field name all collapse), while words that change the meaning stay.
Both are cached and idempotent; compute them once per stored record, never once per pair.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from matching.compounds import join_parts
from matching.letters import fold_table

if TYPE_CHECKING:
    from hazm import Normalizer

# Words that only dress a field name: «مهندسی کامپیوتر گرایش نرم‌افزار» is «مهندسی کامپیوتر
# نرم‌افزار». In key() letters (no half-space, no diacritics).
DRESSING_WORDS = frozenset({"گرایش", "رشته", "رشتهی", "گرایشهای", "رشتههای"})

_PASSES = 6  # the key pipeline settles in two passes; the bound only guards against a cycle
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                               "\u2060\u2066\u2067\u2068\u2069\ufeff\u00ad\u061c"))
_DISPLAY_FOLD = {
    **_INVISIBLE,
    ord("\u0629"): "\u0647",  # teh marbuta
    ord("\u0671"): "\u0627",  # alef wasla
    ord("\u0640"): None,  # tatweel
    **{0x0660 + d: chr(0x06F0 + d) for d in range(10)},  # Arabic-Indic digits -> Persian
}
_TIDY = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_LATIN_SIGNS = re.compile(r"(?<=[a-z0-9])(\++|#)")
_DIGIT_EDGE = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")
_NON_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"[^\S\n]+")


@cache
def _hazm() -> Normalizer:
    """One Normalizer per process, created on first use: hazm's import takes about two seconds.
    Its digit conversion is off (it would turn Latin digits Persian), and so is its "Persian
    style", which rewrites 3.11 as «3 ٫ 11»."""
    from hazm import Normalizer

    return Normalizer(persian_numbers=False, persian_style=False)


def normalize(text: str | None) -> str:
    """Clean Persian text to store and show. Latin digits stay Latin (identifiers, versions);
    Arabic-Indic digits become Persian; hamza forms (تأسیس، مسئول) stay, Persian writes them
    too, and only key() folds them."""
    if not text:
        return ""
    return _normalize(text)


@lru_cache(maxsize=1 << 16)
def _normalize(text: str) -> str:
    current = text
    for _ in range(_PASSES):
        folded = unicodedata.normalize("NFKC", current).translate(_DISPLAY_FOLD)
        following = _SPACES.sub(" ", _hazm().normalize(folded)).strip()
        if following == current:
            break
        current = following
    return current


def tidy(text: str | None) -> str:
    """A light normalize() without hazm, for showing text the engine was given as typed
    (Arabic keyboard letters, invisible marks, runs of spaces)."""
    return _tidy(text) if text else ""


@lru_cache(maxsize=1 << 14)
def _tidy(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_DISPLAY_FOLD).translate(_TIDY)
    return " ".join(folded.split())


def key(text: str | None) -> str:
    """The comparison form: space-separated tokens, equal for every spelling of the same words."""
    if not text:
        return ""
    return _key(text)


@lru_cache(maxsize=1 << 18)
def _key(text: str) -> str:
    current = _key_pass(text)
    for _ in range(_PASSES - 1):
        if _settled(current):
            break
        current = _key_pass(current)
    return current


@lru_cache(maxsize=1 << 16)
def _settled(text: str) -> bool:
    """Whether another pass leaves `text` as it is. Remembered: many spellings of the same
    words end in the same key, which then needs checking once, not once per spelling."""
    return _key_pass(text) == text


def _key_pass(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold()).casefold().translate(fold_table())
    text = _LATIN_SIGNS.sub(_spell_sign, text)
    text = _DIGIT_EDGE.sub(" ", text)
    tokens = [t for t in _NON_WORD.split(text) if t and t not in DRESSING_WORDS]
    return " ".join(join_parts(tokens))


def _spell_sign(match: re.Match[str]) -> str:
    """C++ and C# are not C: spell the signs out before punctuation goes."""
    sign = match.group(1)
    return "sharp" if sign == "#" else "plus" * len(sign)


def compact(text_key: str) -> str:
    """A key without its spaces: for character-level similarity that ignores word boundaries."""
    return text_key.replace(" ", "")
