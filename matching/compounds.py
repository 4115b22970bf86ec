"""Which neighbouring tokens are the parts of one word, so that «نرم افزار», «نرم‌افزار» and
«نرمافزار» give one key.

Persian writes the parts of a compound with a half-space, a space or nothing, and people type all
three. The dictionary that tells a compound from two words is hazm's word list, read straight from
its data files so that key() never pays for hazm's slow import.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from matching.letters import ZWNJ, fold_table

# Joined to the word before them (plural, adjective, comparative, possessive endings), as hazm's
# own spacing rules join them.
SUFFIXES = frozenset({"ها", "های", "هایی", "ای", "ی", "تر", "تری", "ترین", "گر", "گری", "ام", "ات",
                      "اش"})
# Joined to the word after them (verb prefixes).
PREFIXES = frozenset({"می", "نمی"})
# Never glued to a neighbour by the dictionary: short function words whose concatenation with the
# next word is often a different word («در آمد» is not «درآمد»).
_FREE_WORDS = frozenset({"و", "در", "به", "از", "با", "که", "را", "تا", "بر", "یا", "این", "آن",
                         "ان", "هم", "نه", "چه", "اگر", "یک"})
_NON_JOINING = frozenset("ادذرزژو")


def _hazm_data() -> Path | None:
    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _dictionary_words() -> Iterator[tuple[str, int]]:
    """(word, corpus count) from hazm's word list; verb stems count as seen."""
    folder = _hazm_data()
    if folder is None:
        return
    for name in ("words.dat", "verbs.dat"):
        path = folder / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                fields = line.rstrip("\n").split("\t")
                count = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else 1
                for word in fields[0].split("#"):
                    if word.strip():
                        yield word.strip(), count


def _fold(part: str) -> str:
    return unicodedata.normalize("NFKD", part.casefold()).casefold().translate(fold_table())


@dataclass(frozen=True)
class Dictionary:
    """hazm's words in key() letters: `pairs` are (what precedes, next part) inside half-spaced
    compounds, `words` every word with its half-spaces removed, `common` the words seen in hazm's
    corpus (the only ones a run-together token is split into)."""

    pairs: frozenset[tuple[str, str]]
    words: frozenset[str]
    common: frozenset[str]


@cache
def dictionary() -> Dictionary:
    pairs: set[tuple[str, str]] = set()
    words: set[str] = set()
    common: set[str] = set()
    for word, count in _dictionary_words():
        parts = [_fold(part) for part in word.split(ZWNJ)]
        for i in range(1, len(parts)):
            pairs.add(("".join(parts[:i]), parts[i]))
        joined = "".join(parts)
        words.add(joined)
        if count > 0:
            common.add(joined)
    return Dictionary(frozenset(pairs), frozenset(words), frozenset(common))


def _is_persian(token: str) -> bool:
    return "\u0600" <= token[-1] <= "\u06ff" and "\u0600" <= token[0] <= "\u06ff"


@lru_cache(maxsize=1 << 16)
def joins(left: str, right: str) -> bool:
    """Whether `right` is the next part of the word that `left` began."""
    if not (_is_persian(left) and _is_persian(right)):
        return False
    if right in SUFFIXES and len(left) >= 2:
        return True
    if left in PREFIXES:
        return True
    known = dictionary()
    if (left, right) in known.pairs:
        return True
    return (len(left) >= 2 and len(right) >= 2 and left not in _FREE_WORDS
            and right not in _FREE_WORDS and left + right in known.words)


@lru_cache(maxsize=1 << 16)  # tokens repeat far more than the texts made of them
def split_run_together(token: str) -> tuple[str, ...]:
    """Split a token that is no word but two common words typed without a space («وصنایع»,
    «ابزاردقیق»). Only after a letter that never joins the next (ا د ذ ر ز ژ و), where a missing
    space is invisible and so a common typo; elsewhere an unknown token is more likely a word the
    dictionary lacks (پایتون is not پای تون)."""
    known = dictionary()
    if len(token) < 5 or not _is_persian(token) or _is_word(token, known):
        return (token,)
    if token[0] == "و" and token[1:] in known.words:
        return ("و", token[1:])
    best: tuple[str, str] | None = None
    for i in range(3, len(token) - 2):
        left, right = token[:i], token[i:]
        if (left[-1] in _NON_JOINING and left in known.common and right in known.common
                and left not in _FREE_WORDS and right not in _FREE_WORDS and not joins(left, right)
                and (best is None or min(len(left), len(right)) > min(map(len, best)))):
            best = (left, right)
    return best if best else (token,)


def _is_word(token: str, known: Dictionary) -> bool:
    """A dictionary word, perhaps with a suffix or a verb prefix glued on («قراردادهای»)."""
    if token in known.words:
        return True
    if any(token.endswith(s) and token[:-len(s)] in known.words for s in SUFFIXES):
        return True
    return any(token.startswith(p) and token[len(p):] in known.words for p in PREFIXES)


def _glue(tokens: Iterable[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        if out and joins(out[-1], token):
            out[-1] += token
        else:
            out.append(token)
    return out


def join_parts(tokens: Iterable[str]) -> list[str]:
    """Glue the parts of each word, split what is still two words run together, glue again."""
    return _glue(part for whole in _glue(tokens) for part in split_run_together(whole))
