"""The words around a field of study that name the institution or the kind of programme, not the
field, and the other readings of a programme name: what the field vocabulary tries before it
guesses by fuzzy similarity.

Graduates of the Technical and Vocational University (فنی و حرفه‌ای) and the University of
Applied Science and Technology (علمی کاربردی) write their field as the certificate does:
«حسابداری (علمی کاربردی)», «کاردانی حرفه‌ای مکانیک خودرو», «کارشناسی ناپیوسته مهندسی فناوری
برق - قدرت». The institution tag and «پیوسته»/«ناپیوسته» say where and how the degree was taken,
which the degree level already records; they are dropped, as key() drops «گرایش» and «رشته».
«تکنولوژی» and «فناوری» are one word (the programmes were renamed from the first to the
second). «مهندسی فناوری X» is the applied bachelor's of X, the same field for an employer:
when no spelling is known for it, «مهندسی X» and then «X» are tried.

This is done here, in the mapping, and not in key(): keys are stored beside the texts, and these
words are the field vocabulary's business only («فنی» and «حرفه‌ای» mean something elsewhere:
«بازرسی فنی», «بهداشت حرفه‌ای»). Words that change the meaning stay: only whole phrases listed
in the lexicon's `forms` are touched («کاربردی» alone stays: «ریاضی کاربردی»).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from matching.normalize import key

Phrase = tuple[str, ...]


def _phrase(text: str) -> Phrase:
    return tuple(key(text).split())


@dataclass(frozen=True)
class Forms:
    """`tags`: phrases dropped wherever they stand; `after_degree`: per degree word, the phrases
    dropped right after it («کاردانی فنی» is «کاردانی»); `synonyms`: word -> the word it is
    written as; `weaker`: phrase -> what it is read as when the text is otherwise unknown, in
    order; `degrees`: degree phrases that may open a field, tried away last; `institutions`:
    phrases that open a trailing segment naming where the degree was taken («مهندسی مکانیک
    (دانشگاه آزاد اسلامی واحد ساوه)», «حسابداری - پیام نور»): the words before one are the
    field (see `without_institution`); `read_as`: a text too general to be a field's spelling,
    read as the field it most often means («مدیریت» alone is general management, not «مدیریت
    فناوری اطلاعات», its nearest letters). Kept apart from the aliases: synthetic data types
    a field's aliases, and this is no way to write the field."""

    tags: tuple[Phrase, ...] = ()
    after_degree: Mapping[str, tuple[Phrase, ...]] = field(default_factory=dict)
    synonyms: Mapping[str, str] = field(default_factory=dict)
    weaker: Mapping[Phrase, tuple[Phrase, ...]] = field(default_factory=dict)
    degrees: tuple[Phrase, ...] = ()
    institutions: tuple[Phrase, ...] = ()
    read_as: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], degrees: Iterable[str] = ()) -> Forms:
        by_length = lambda phrases: tuple(sorted(  # noqa: E731 - longest phrase first
            {p for p in phrases if p}, key=lambda p: (-len(p), p)))
        return cls(
            tags=by_length(_phrase(t) for t in data.get("tags", ())),
            after_degree={key(d): by_length(_phrase(t) for t in after)
                          for d, after in data.get("after_degree", {}).items()},
            synonyms={key(a): key(b) for a, b in data.get("synonyms", {}).items()},
            weaker={_phrase(a): tuple(_phrase(r) for r in rs)
                    for a, rs in data.get("weaker", {}).items()},
            degrees=by_length(_phrase(d) for d in degrees),
            institutions=by_length(_phrase(t) for t in data.get("institutions", ())),
            read_as={key(a): key(b) for a, b in data.get("read_as", {}).items()},
        )

    def __bool__(self) -> bool:
        return bool(self.tags or self.after_degree or self.synonyms or self.weaker
                    or self.institutions or self.read_as)

    def without_institution(self, text_key: str) -> list[str]:
        """The text cut before each phrase naming an institution (not the first word), the
        shortest first: key() has dropped the bracket or dash that set the segment apart, so
        every such phrase is a possible start of it, and the caller keeps a cut only when what
        is left is a known spelling («مدیریت دولتی» is not cut: «دولتی» is not listed)."""
        tokens = text_key.split()
        cuts = [" ".join(_without_from(tokens[:at])) for at in range(1, len(tokens))
                if _starting(tokens, at, self.institutions)]
        return [cut for cut in dict.fromkeys(cuts) if cut]

    def canonical(self, text_key: str) -> str:
        """The key with the tags dropped and the synonyms written one way."""
        tokens = [self.synonyms.get(t, t) for t in text_key.split()]
        out: list[str] = []
        i = 0
        while i < len(tokens):
            tag = _starting(tokens, i, self.tags)
            if tag:
                i += len(tag)
                continue
            out.append(tokens[i])
            after = self.after_degree.get(tokens[i], ())
            i += 1
            while dropped := (_starting(tokens, i, self.tags)  # «کاردانی فنی و حرفه‌ای»
                              or _starting(tokens, i, after)):  # «کاردانی فنی»
                i += len(dropped)
        return " ".join(out) or text_key

    def readings(self, text_key: str) -> list[str]:
        """The canonical key, then the weaker readings, then each without an opening degree:
        the forms an exact spelling is looked for in, in order, the text's own key excluded."""
        first = self.canonical(text_key)
        found = [first]
        tokens = first.split()
        for phrase, replacements in self.weaker.items():
            at = _find(tokens, phrase)
            if at < 0:
                continue
            for replacement in replacements:
                rest = [*tokens[:at], *replacement, *tokens[at + len(phrase):]]
                if rest:
                    found.append(" ".join(rest))
        for reading in list(found):
            words = reading.split()
            degree = _starting(words, 0, self.degrees)
            if degree and len(words) > len(degree):
                found.append(" ".join(words[len(degree):]))
        return [r for r in dict.fromkeys(found) if r and r != text_key]


_FROM = frozenset({"از", "در"})


def _without_from(tokens: Sequence[str]) -> list[str]:
    """The words before an institution without the «از» or «در» that opens its segment:
    «مهندسی برق از دانشگاه آزاد», «حسابداری از پیام نور», «کامپیوتر در دانشگاه آزاد»."""
    out = list(tokens)
    while out and out[-1] in _FROM:
        out.pop()
    return out


def _starting(tokens: Sequence[str], at: int, phrases: Iterable[Phrase]) -> Phrase:
    """The first (longest) phrase that the tokens from `at` begin with, or ()."""
    for phrase in phrases:
        if tuple(tokens[at:at + len(phrase)]) == phrase:
            return phrase
    return ()


def _find(tokens: Sequence[str], phrase: Phrase) -> int:
    for at in range(len(tokens) - len(phrase) + 1):
        if tuple(tokens[at:at + len(phrase)]) == phrase:
            return at
    return -1
