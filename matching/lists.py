"""A typed list as its items: what split_list does with what employers and graduates type.

Items are separated by «،», «,», «;», line breaks, «یا» between spaces and a slash between
spaces («مکانیک / برق»), and numbered («1- اکسل 2- سپیدار», «۱. اکسل»). Alternatives in brackets
after a stem are one item each with the stem («برق (قدرت، کنترل)»).

«و» and a dash between spaces join two skills or fields as often as they are part of one name:
«اکسل و ورد» is two, «حقوق و دستمزد», «علوم و صنایع غذایی» and «مهندسی برق - قدرت» one. An item
is split on them only when it is not itself a known spelling and every part is a known name (a
skill or a field of the lexicon, or a broad name of fields such as «فنی و مهندسی»). «&», «+», a
slash and a dash without spaces («اکسل/ورد», «برق/الکترونیک», «برق-الکترونیک») are no part of a
name, though key() drops them («برق/الکترونیک» keys as the spelling «برق الکترونیک»): an item
is split on them whenever every part is a known name («TCP/IP», «S7-300» stay). Otherwise the
item as typed stays, and the reasons quote it whole.
"""

from __future__ import annotations

import re
from typing import Literal

from matching.lexicon import Lexicon, load_lexicon
from matching.normalize import key

Kind = Literal["skill", "field"] | None

_SEPARATORS = re.compile(r"[،,;؛\n\r]+|\s+یا\s+|\s+/\s+")
# «برق (قدرت، کنترل)»: alternatives in brackets after a stem, each one item with the stem
_ALTERNATIVES = re.compile(r"([^()،,;؛\n\r]*?)\s*[(]([^()]*[،,;؛][^()]*)[)]")
# «1- اکسل 2- سپیدار», «۱. اکسل», «2) ورد»: a number of one or two digits opening the text or
# after a space, then a dash, dot or bracket, not followed by a digit («1.5», «S7-300» stay)
_NUMBERING = re.compile(r"(?:^|(?<=\s))[0-9۰-۹٠-٩]{1,2}\s*[-.)\u2013]\s*(?![0-9۰-۹٠-٩])")
# What may join two names inside an item: «و», «&», «+», a dash or a slash (spaces or none);
# of them, the marks that are never part of a name (a dash only without spaces)
_JOINS = re.compile(r"\s+و\s+|\s*[&+/]\s*|\s+[-\u2013]\s+|(?<=\S)[-\u2013](?=\S)")
_MARKS = re.compile(r"[&+/]|(?<=\S)[-\u2013](?=\S)")
KNOWN = 0.95  # the least confidence of a mapping that says a part is a known name


def split_list(text: str | None, kind: Kind = None) -> list[str]:
    """A typed list as its items, stripped, empties dropped. `kind` says what the list holds
    («skill» or «field»), and so which names an item is split into (None: either)."""
    expanded = _numbered(_ALTERNATIVES.sub(_each_with_stem, text or ""))
    items = [item.strip() for item in _SEPARATORS.split(expanded) if item and item.strip()]
    return [part for item in items for part in _parts(item, kind)]


def _numbered(text: str) -> str:
    """A numbered list's numbers as line breaks: when the text opens with one, or holds two or
    more («اکسل 2- ورد 3- سپیدار»). One number further in is part of a name («پایتون 3.x»,
    «ویندوز 10 - آفیس»)."""
    numbers = list(_NUMBERING.finditer(text))
    if not numbers or (len(numbers) < 2 and text[:numbers[0].start()].strip()):
        return text
    return _NUMBERING.sub("\n", text)


def _each_with_stem(found: re.Match[str]) -> str:
    stem = found.group(1).strip()
    options = [option.strip() for option in re.split(r"[،,;؛]", found.group(2))]
    return "، ".join(f"{stem} {option}".strip() for option in options if option)


def _parts(item: str, kind: Kind) -> list[str]:
    """The item split on the words and marks that may join names, when every part is a known
    name and the whole is not; else the item whole."""
    if not _JOINS.search(item):
        return [item]
    parts = [part.strip() for part in _JOINS.split(item)]
    if len(parts) < 2 or not all(parts):
        return [item]
    lexicon = load_lexicon()
    kinds = ("skill", "field") if kind is None else (kind,)
    if not _MARKS.search(item) and any(_known(lexicon, item, k, exact=True) for k in kinds):
        return [item]
    if any(all(_known(lexicon, part, k) for part in parts) for k in kinds):
        return parts
    return [item]


def _known(lexicon: Lexicon, text: str, kind: str, exact: bool = False) -> bool:
    """Whether a text is a known name of this kind; `exact`: a spelling of it, not a guess
    («برق و الکترونیک» is 96% alike to the spelling «برق الکترونیک», and not it)."""
    least = 1.0 if exact else KNOWN
    if kind == "skill":
        found = lexicon.map_skill(text)
        return found is not None and found.confidence >= least
    groups = lexicon.field_groups
    core = groups.core(key(text))  # «مکانیک و رشته‌های مرتبط» is «مکانیک»
    if not core or groups.read(core) is not None:
        return True
    found = lexicon.field_vocabulary.map_keys([core])[0]
    return found is not None and found.confidence >= least
