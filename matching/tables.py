"""Profiles as columns: every text keyed and mapped once, every later step a numpy gather.

Free text repeats (thousands of graduates type a few hundred fields, with a few thousand
spellings), so each distinct key is stored once and mapped to the lexicon once; a profile holds
integer ids into those tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from matching.lexicon import Lexicon
from matching.normalize import compact, key
from matching.types import GENDERS, ProfileIn

UNKNOWN = -1


class Keys:
    """Distinct keys in first-seen order, each with an integer id."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.keys: list[str] = []

    def intern(self, text_key: str) -> int:
        found = self.ids.get(text_key)
        if found is None:
            found = self.ids[text_key] = len(self.keys)
            self.keys.append(text_key)
        return found

    def compacts(self, ids: Iterable[int] | None = None) -> list[str]:
        chosen = self.keys if ids is None else (self.keys[i] for i in ids)
        return [compact(k) for k in chosen]

    def __len__(self) -> int:
        return len(self.keys)


class Postings:
    """Compressed rows of integers (row -> values), read many rows at once without a loop."""

    def __init__(self, rows: np.ndarray, values: np.ndarray, n_rows: int) -> None:
        order = np.argsort(rows, kind="stable")
        self.values = values[order].astype(np.int32)
        self.indptr = np.zeros(n_rows + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n_rows), out=self.indptr[1:])

    def rows(self, row_ids: np.ndarray) -> np.ndarray:
        return gather_rows(self.indptr, self.values, row_ids)

    def row(self, row_id: int) -> np.ndarray:
        return self.values[self.indptr[row_id]:self.indptr[row_id + 1]]


def gather_rows(indptr: np.ndarray, values: np.ndarray, row_ids: np.ndarray) -> np.ndarray:
    """The concatenated rows `row_ids` of a compressed table."""
    starts = indptr[row_ids]
    lengths = indptr[np.asarray(row_ids) + 1] - starts
    total = int(lengths.sum())
    if total == 0:
        return values[:0]
    shifts = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return values[shifts + np.arange(total)]


@dataclass(frozen=True)
class LexiconArrays:
    """The lexicon as integer indices, for vectorised relations."""

    field_ids: tuple[str, ...]
    field_index: dict[str, int]
    field_family: np.ndarray  # field index -> family index or -1
    family_ids: tuple[str, ...]
    family_close: np.ndarray  # families x families, symmetric
    skill_ids: tuple[str, ...]
    skill_index: dict[str, int]
    occupation_ids: tuple[str, ...]
    occupation_index: dict[str, int]
    occupation_isco: np.ndarray  # occupation index -> ISCO-08 code as an integer, 0 if none
    occupation_fields: tuple[tuple[int, ...], ...]


@cache
def lexicon_arrays(lexicon: Lexicon) -> LexiconArrays:
    field_ids = tuple(lexicon.fields)
    family_ids = tuple(lexicon.families)
    family_index = {f: i for i, f in enumerate(family_ids)}
    close = np.zeros((len(family_ids), len(family_ids)), dtype=bool)
    for family in lexicon.families.values():
        for other in family.close:
            if other in family_index:
                close[family_index[family.id], family_index[other]] = True
    field_index = {f: i for i, f in enumerate(field_ids)}
    occupations = list(lexicon.occupations.values())
    return LexiconArrays(
        field_ids=field_ids,
        field_index=field_index,
        field_family=np.array([family_index.get(lexicon.fields[f].family, UNKNOWN)
                               for f in field_ids], dtype=np.int32),
        family_ids=family_ids,
        family_close=close,
        skill_ids=tuple(lexicon.skills),
        skill_index={s: i for i, s in enumerate(lexicon.skills)},
        occupation_ids=tuple(o.id for o in occupations),
        occupation_index={o.id: i for i, o in enumerate(occupations)},
        occupation_isco=np.array([int(o.isco) if o.isco.isdigit() else 0 for o in occupations],
                                 dtype=np.int64),
        occupation_fields=tuple(tuple(field_index[f] for f in o.fields if f in field_index)
                                for o in occupations),
    )


def gender_code(value: str | None) -> int:
    """0 for unknown, 1 female, 2 male."""
    text = (value or "").strip().casefold()
    return GENDERS.index(text) + 1 if text in GENDERS else 0


class ProfileTable:
    """The profiles an engine ranks, as parallel arrays indexed by row."""

    def __init__(self, profiles: Sequence[ProfileIn], lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.arrays = arrays = lexicon_arrays(lexicon)
        self.profiles = tuple(profiles)
        self.n = len(self.profiles)
        self.ids = [p.id for p in self.profiles]
        self.id_order = _id_order(self.ids)
        self.fields, self.cities, self.desired, self.skills = Keys(), Keys(), Keys(), Keys()
        self.field_key = self._intern(self.fields, (p.field for p in self.profiles))
        self.desired_key = self._intern(self.desired, (p.desired_job for p in self.profiles))
        self.city = self._intern(self.cities, (p.city for p in self.profiles), blank=UNKNOWN)
        self.degree = np.array([_level(p.degree) for p in self.profiles], dtype=np.int16)
        self.gender = np.array([gender_code(p.gender) for p in self.profiles], dtype=np.int8)
        self.skill_indptr, self.skill_items = self._skill_rows()
        self._eligibility: dict[tuple[int, int | None], np.ndarray] = {}

        field_maps = lexicon.field_vocabulary.map_keys(self.fields.keys)
        self.key_field = np.array([arrays.field_index[m.code] if m else UNKNOWN
                                   for m in field_maps], dtype=np.int32)
        self.key_field_confidence = np.array([m.confidence if m else 0.0 for m in field_maps])
        skill_maps = lexicon.skill_vocabulary.map_keys(self.skills.keys)
        self.key_skill = np.array([arrays.skill_index[m.code] if m else UNKNOWN
                                   for m in skill_maps], dtype=np.int32)
        mapped = np.flatnonzero(self.key_skill != UNKNOWN)
        self.skill_spellings = Postings(self.key_skill[mapped], mapped, len(arrays.skill_ids))
        job_maps = lexicon.occupation_vocabulary.map_keys(self.desired.keys)
        self.key_occupation = np.array([arrays.occupation_index[m.code] if m else UNKNOWN
                                        for m in job_maps], dtype=np.int32)
        self.field_compacts = self.fields.compacts()
        self.skill_compacts = self.skills.compacts()
        self.desired_compacts = self.desired.compacts()

    @staticmethod
    def _intern(keys: Keys, texts: Iterable[str | None], blank: int | None = None) -> np.ndarray:
        """Key ids per profile; an empty text gets `blank` when given, else the empty key."""
        out = []
        for text in texts:
            text_key = key(text)
            out.append(blank if blank is not None and not text_key else keys.intern(text_key))
        return np.array(out, dtype=np.int32)

    def _skill_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """Each profile's distinct skill keys, as a compressed table."""
        indptr = [0]
        items: list[int] = []
        for profile in self.profiles:
            row = sorted({self.skills.intern(k) for k in map(key, profile.skills) if k})
            items.extend(row)
            indptr.append(len(items))
        return np.array(indptr, dtype=np.int64), np.array(items, dtype=np.int32)

    def eligibility(self, gender: int, min_degree: int | None) -> np.ndarray | None:
        """Which profiles pass the hard filters (None: all do), computed once per filter."""
        if not gender and not min_degree:
            return None
        found = self._eligibility.get((gender, min_degree))
        if found is None:
            found = np.ones(self.n, dtype=bool)
            if gender:
                found &= self.gender == gender
            if min_degree:
                found &= self.degree >= min_degree
            self._eligibility[(gender, min_degree)] = found
        return found

    def skill_owners(self) -> Postings:
        """Skill key -> the profiles that list it."""
        rows = np.repeat(np.arange(self.n, dtype=np.int32), np.diff(self.skill_indptr))
        return Postings(self.skill_items, rows, len(self.skills))


def _level(degree: int | None) -> int:
    if degree is None:
        return UNKNOWN
    if isinstance(degree, bool) or not 0 <= int(degree) <= 5:
        raise ValueError(f"degree must be a level 0..5 or None, not {degree!r}")
    return int(degree)


def _id_order(ids: Sequence[int | str]) -> np.ndarray:
    """Each id's position in a total order (numbers before text), to break ties the same way
    every run."""
    order = sorted(range(len(ids)), key=lambda i: id_sort_key(ids[i]))
    ranks = np.empty(len(ids), dtype=np.int64)
    ranks[order] = np.arange(len(ids))
    return ranks


def id_sort_key(value: int | str) -> tuple[int, int | str]:
    return (0, value) if isinstance(value, int) else (1, str(value))
