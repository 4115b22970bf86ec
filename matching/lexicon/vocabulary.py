"""Free text to a lexicon code, through key() and rapidfuzz.

The steps, first hit wins: the exact key of a spelling (confidence 1); the same letters without
spaces (0.95); for a vocabulary with `forms` (fields), the text's other readings (institution
tags dropped, «مهندسی فناوری X» read as «مهندسی X», an opening degree dropped), each looked up
exactly (0.95, or 1 for the text with only its tags dropped); a fuzzy match of the spaceless
forms at or above the vocabulary's cutoff (the similarity itself; the better of the text as
typed and its canonical form); a known spelling inside the text («مسلط به اکسل», «کارشناسی
مهندسی عمران»), longest first, with a confidence that grows with how much of the text it
covers. Text that maps to nothing gets None: unknown is not an error, the engine falls back to
text similarity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from matching.lexicon.forms import Forms
from matching.normalize import compact, key
from matching.types import Mapping

EXACT_COMPACT = 0.95
_PARALLEL = 1 << 18  # below this many pairs, starting threads costs more than it saves
_CHUNK = 4096  # rows of one cdist call: bounds the score matrix to a few megabytes
_MEMO = 1 << 17  # mapped keys remembered: a free-text value repeats across many records


class Vocabulary:
    """All spellings of one kind of entry (fields, skills, ...), keyed once at load time."""

    def __init__(self, entries: Iterable[tuple[str, str, Sequence[str]]], cutoff: float,
                 inner_floor: float, dressing: Iterable[str] = (),
                 forms: Forms | None = None, refused: Iterable[str] = (),
                 vague: Callable[[str], bool] | None = None, generic: Iterable[str] = (),
                 qualifiers: Iterable[str] = ()) -> None:
        """`entries` are (code, display name, spellings); `cutoff` the lowest fuzzy similarity
        (0..100) accepted; `inner_floor` the lowest confidence of a spelling found inside;
        `dressing` phrases that may open a text without naming anything (a degree before a
        field: «کارشناسی ارشد مدیریت بازرگانی»), tried away when the whole text maps to
        nothing; `forms` the words around a name that do not name it (see lexicon.forms): texts
        are looked up in their other readings before any fuzzy guess, and fuzzy guesses and
        inner spellings are made on their canonical form; `refused` phrases that, opening a text
        not itself a known spelling, say it names nothing of this vocabulary (a school diploma's
        stream, «دیپلم ریاضی فیزیک», is not the university field «فیزیک»); `vague` says of a
        text not itself a known spelling that it names a group of entries, not one («مهندسی»,
        «کلیه رشته‌ها»): no guess is made for it; `generic` words that say a rank, not what an
        entry is (see _core); `qualifiers` phrases that say how well something is known, not
        what it is (see _unqualified)."""
        self.vague = vague
        self.generic = frozenset(key(g) for g in generic if key(g))
        self.qualifiers = tuple(sorted({tuple(key(q).split()) for q in qualifiers if key(q)},
                                       key=len, reverse=True))
        self.forms = forms or Forms()
        self.refused = tuple(sorted({tuple(key(r).split()) for r in refused if key(r)},
                                    key=len, reverse=True))
        self.dressing = sorted({key(d) + " " for d in dressing if key(d)}, key=len, reverse=True)
        self.cutoff = cutoff
        self.inner_floor = inner_floor
        self.names: dict[str, str] = {}
        self._exact: dict[str, str] = {}
        self._compact: dict[str, str] = {}
        for code, name, spellings in entries:
            self.names.setdefault(code, name)
            for spelling in (name, *spellings):
                spelled = key(spelling)
                if spelled:
                    self._exact.setdefault(spelled, code)
                    self._compact.setdefault(compact(spelled), code)
        if self.forms:  # a spelling's canonical form is it too, unless another spelling is
            for code, spelled in [(c, s) for s, c in self._exact.items()]:
                canonical = self.forms.canonical(spelled)
                self._exact.setdefault(canonical, code)
                self._compact.setdefault(compact(canonical), code)
        for general, meant in self.forms.read_as.items():  # «مدیریت» alone
            code = self._exact.get(meant)
            if code is not None:
                self._exact.setdefault(general, code)
                self._compact.setdefault(compact(general), code)
        self._choices = list(self._compact)
        self._choice_codes = [self._compact[c] for c in self._choices]
        # the choices as the fuzzy guess compares them when rank words are set: without them
        core: dict[str, str] = {}
        for spelled in self._exact:
            core.setdefault(compact(spelled), self._core(spelled))
        self._core_choices = [core.get(c, c) for c in self._choices]
        self._longest = max((k.count(" ") + 1 for k in self._exact), default=1)
        self._memo: dict[str, Mapping | None] = {}

    def spellings(self) -> dict[str, str]:
        """Every known spelling key and its code."""
        return dict(self._exact)

    def map_text(self, text: str) -> Mapping | None:
        return self.map_keys([key(text)])[0]

    def map_keys(self, keys: Sequence[str]) -> list[Mapping | None]:
        """Map many keys at once: exact lookups, then one bulk fuzzy pass for the rest."""
        memo = self._memo
        missing: list[str] = []
        for text_key in dict.fromkeys(keys):
            if text_key in memo:
                continue
            mapping = self._exact_mapping(text_key)
            if mapping is None and (self._refuses(text_key)
                                    or (self.vague is not None and self.vague(text_key))):
                memo[text_key] = None
                continue
            if mapping is None and text_key and self.forms:
                mapping = self._reading(text_key)
            if mapping is None and self.qualifiers:
                bare = self._unqualified(text_key)
                if bare and bare != text_key:
                    found = self.map_keys([bare])[0]
                    mapping = found and self._mapping(found.code, min(found.confidence,
                                                                      EXACT_COMPACT))
                    if mapping is not None:
                        memo[text_key] = mapping
                        continue
            if mapping is None and text_key:
                missing.append(text_key)
            else:
                memo[text_key] = mapping
        canonical = [self.forms.canonical(k) for k in missing] if self.forms else missing
        guesses = self._fuzzy(missing)
        if canonical is not missing:  # the better guess of the text as typed and canonical
            guesses = [_better(a, b) for a, b in zip(guesses, self._fuzzy(canonical),
                                                      strict=True)]
        for text_key, form, mapping in zip(missing, canonical, guesses, strict=True):
            memo[text_key] = mapping or self._inner(form) or self._undressed(text_key)
        if len(memo) > _MEMO:
            self._memo = {}
        return [memo[k] for k in keys]

    def _mapping(self, code: str, confidence: float) -> Mapping:
        return Mapping(code, self.names[code], round(confidence, 3))

    def _exact_mapping(self, text_key: str) -> Mapping | None:
        if text_key in self._exact:
            return self._mapping(self._exact[text_key], 1.0)
        if compact(text_key) in self._compact:
            return self._mapping(self._compact[compact(text_key)], EXACT_COMPACT)
        return None

    def _reading(self, text_key: str) -> Mapping | None:
        """The first of the text's other readings that is a known spelling. The field named
        before an institution segment is the field itself (confidence 1 when it is a spelling,
        or one with only tags dropped)."""
        for cut in self.forms.without_institution(text_key):
            mapping = self._exact_mapping(cut)
            if mapping is None:
                readings = self.forms.readings(cut)
                mapping = self._exact_mapping(readings[0]) if readings else None
            if mapping is not None:
                return mapping
        for n, reading in enumerate(self.forms.readings(text_key)):
            mapping = self._exact_mapping(reading)
            if mapping is not None:
                exact = n == 0 and mapping.confidence == 1.0
                return mapping if exact else self._mapping(mapping.code, EXACT_COMPACT)
        return None

    def _core(self, text_key: str) -> str:
        """The compact key without the rank words («کارشناس», «تکنسین», «مسئول»…), or the
        whole when nothing else is left. A fuzzy guess of a job title must rest on what the job
        is: «کارشناس R&D» is 89% alike to «کارشناس منابع انسانی» through «کارشناس» alone, and
        «کارمند مالی» to «کارمند اداری»; a guess is kept only when the titles are alike without
        their rank words too."""
        if not self.generic:
            return compact(text_key)
        words = [w for w in text_key.split() if w not in self.generic]
        return compact(" ".join(words) if words else text_key)

    def _unqualified(self, text_key: str) -> str:
        """The text without what says how well it is known. An opening qualifier is dropped
        («مسلط به اکسل», «آشنایی با PLC» are «اکسل», «PLC»); one further in ends the text
        («حسابدار مسلط به سپیدار» is «حسابدار», «انباردار آشنا به اکسل» is «انباردار»):
        employers write their wishes about a job into its title, and it is still that job."""
        tokens = text_key.split()
        for at in range(len(tokens)):
            for phrase in self.qualifiers:
                if tuple(tokens[at:at + len(phrase)]) == phrase:
                    rest = tokens[at + len(phrase):] if at == 0 else tokens[:at]
                    return " ".join(rest)
        return text_key

    def stream(self, text_key: str) -> str | None:
        """What follows a refused opening («برق» of «هنرستان برق», «حسابداری» of «دیپلم
        حسابداری»), or None when the text opens with none."""
        tokens = tuple(text_key.split())
        for phrase in self.refused:
            if tokens[:len(phrase)] == phrase and len(tokens) > len(phrase):
                return " ".join(tokens[len(phrase):])
        return None

    def _refuses(self, text_key: str) -> bool:
        tokens = tuple(text_key.split())
        return any(tokens[:len(phrase)] == phrase for phrase in self.refused)

    def opening(self, text_key: str) -> str | None:
        """The code of the longest known spelling that the text opens with (whole words), or
        None: «فوق دیپلم فنی و حرفه‌ای» opens with «فوق دیپلم فنی»."""
        tokens = text_key.split()
        for size in range(min(len(tokens), self._longest), 0, -1):
            code = self._compact.get(compact(" ".join(tokens[:size])))
            if code is not None:
                return code
        return None

    def _fuzzy(self, keys: list[str]) -> list[Mapping | None]:
        if not keys or not self._choices:
            return [None] * len(keys)
        out: list[Mapping | None] = []
        for start in range(0, len(keys), _CHUNK):
            queries = [compact(k) for k in keys[start:start + _CHUNK]]
            workers = -1 if len(queries) * len(self._choices) > _PARALLEL else 1
            scores = process.cdist(queries, self._choices, scorer=fuzz.ratio, processor=None,
                                   score_cutoff=self.cutoff, dtype=np.uint8, workers=workers)
            if self.generic:  # alike as titles and alike as jobs (see _core)
                cores = [self._core(k) for k in keys[start:start + _CHUNK]]
                scores = np.minimum(scores, process.cdist(
                    cores, self._core_choices, scorer=fuzz.ratio, processor=None,
                    score_cutoff=self.cutoff, dtype=np.uint8, workers=workers))
            best = scores.argmax(axis=1)
            for row, column in enumerate(best):
                score = int(scores[row, column])
                out.append(self._mapping(self._choice_codes[column], min(score, 99) / 100)
                           if score >= self.cutoff and score > 0 else None)
        return out

    def _undressed(self, text_key: str) -> Mapping | None:
        for phrase in self.dressing:
            if text_key.startswith(phrase) and len(text_key) > len(phrase):
                return self.map_keys([text_key[len(phrase):]])[0]
        return None

    def _inner(self, text_key: str) -> Mapping | None:
        """The known spelling that covers most of the text among its consecutive words."""
        tokens = text_key.split(" ")
        best: tuple[int, str] | None = None
        for size in range(min(len(tokens) - 1, self._longest), 0, -1):
            for start in range(len(tokens) - size + 1):
                if self.generic and self.generic.issuperset(tokens[start:start + size]):
                    continue  # a rank word alone says no job
                window = compact(" ".join(tokens[start:start + size]))
                code = self._compact.get(window)
                if code is not None and (best is None or len(window) > best[0]):
                    best = (len(window), code)
        if best is None:
            return None
        confidence = 0.5 + 0.4 * best[0] / len(compact(text_key))
        return self._mapping(best[1], confidence) if confidence >= self.inner_floor else None


def _better(one: Mapping | None, other: Mapping | None) -> Mapping | None:
    """The more confident of two guesses (the first when equal)."""
    if one is None or (other is not None and other.confidence > one.confidence):
        return other
    return one
