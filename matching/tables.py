"""Profiles as columns: every text keyed and mapped once, every later step a numpy gather.

Free text repeats (thousands of graduates type a few hundred fields, with a few thousand
spellings), so each distinct key is stored once and mapped to the lexicon once; a profile holds
integer ids into those tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from matching.columns import Keys, Postings
from matching.lexicon import Lexicon
from matching.normalize import compact
from matching.scoring import job_compact
from matching.stored import key_of, keys_of
from matching.types import GENDERS, Mapping, ProfileIn

UNKNOWN = -1
SKILL_COLUMNS = 12  # skills read by one gather per profile; the rare longer lists take a loop


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
    skill_kinds: tuple[tuple[int, ...], ...]  # skill index -> itself and its narrower skills
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
    skill_index = {s: i for i, s in enumerate(lexicon.skills)}
    occupations = list(lexicon.occupations.values())
    return LexiconArrays(
        field_ids=field_ids,
        field_index=field_index,
        field_family=np.array([family_index.get(lexicon.fields[f].family, UNKNOWN)
                               for f in field_ids], dtype=np.int32),
        family_ids=family_ids,
        family_close=close,
        skill_ids=tuple(lexicon.skills),
        skill_index=skill_index,
        skill_kinds=tuple((i, *(skill_index[k] for k in lexicon.narrower.get(s, ())))
                          for s, i in skill_index.items()),
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
        self.arrays = lexicon_arrays(lexicon)
        self.profiles = tuple(profiles)
        self.n = len(self.profiles)
        self.ids = [p.id for p in self.profiles]
        self.id_order = _id_order(self.ids)
        self.fields, self.cities, self.desired, self.skills = Keys(), Keys(), Keys(), Keys()
        self.field_key = _intern(self.fields, [key_of(p.field, p.field_key)
                                               for p in self.profiles])
        self.desired_key = _intern(self.desired, [key_of(p.desired_job, p.desired_job_key)
                                                  for p in self.profiles])
        self.city = _intern(self.cities, [key_of(p.city, p.city_key) for p in self.profiles],
                            blank=UNKNOWN)
        self.degree = _levels([p.degree for p in self.profiles])
        genders = [p.gender for p in self.profiles]
        codes = {value: gender_code(value) for value in set(genders)}
        self.gender = np.array([codes[value] for value in genders], dtype=np.int8)
        self.skill_indptr, self.skill_items = self._skill_rows()
        self.skill_grid, self.skill_overflow = self._skill_grid()
        self.any_overflow = bool(self.skill_overflow.any())
        self._eligibility: dict[tuple[int, int | None], np.ndarray] = {}
        self._map_keys(lexicon)
        # A school stream («هنرستان برق», «دیپلم حسابداری», «کاردانش حسابداری») maps to no
        # field; its letters are compared by its subject, so that every stream of a field the
        # vacancy asks for is alike to it the same way, however long the school word before it
        streams = [lexicon.field_vocabulary.stream(k) if m is None else None
                   for k, m in zip(self.fields.keys, self._field_maps, strict=True)]
        self.key_field_stream = np.array([s is not None for s in streams], dtype=bool)
        self.field_compacts = [compact(s) if s else c
                               for s, c in zip(streams, self.fields.compacts(), strict=True)]
        self.skill_compacts = self.skills.compacts()
        self.desired_compacts = [job_compact(k) for k in self.desired.keys]

    def _map_keys(self, lexicon: Lexicon) -> None:
        """Each distinct field, skill and desired-job key mapped to the lexicon, once."""
        arrays = self.arrays
        field_maps = lexicon.field_vocabulary.map_keys(self.fields.keys)
        self._field_maps = field_maps
        self.key_field = _codes(field_maps, arrays.field_index)
        self.key_field_confidence = np.array([m.confidence if m else 0.0 for m in field_maps])
        # a field typed as a group's name («مهندسی», «فنی») names no field: never compared by
        # its letters either, which would find it near every «مهندسی …» (matching.similarity)
        self.key_field_vague = np.array([m is None and lexicon.field_groups.vague(k)
                                         for k, m in zip(self.fields.keys, field_maps,
                                                         strict=True)], dtype=bool)
        self.key_skill = _codes(lexicon.skill_vocabulary.map_keys(self.skills.keys),
                                arrays.skill_index)
        mapped = np.flatnonzero(self.key_skill != UNKNOWN)
        self.skill_spellings = Postings(self.key_skill[mapped], mapped, len(arrays.skill_ids))
        self.key_occupation = _codes(lexicon.occupation_vocabulary.map_keys(self.desired.keys),
                                     arrays.occupation_index)
        # The lexicon's misses in the slot after its last entry, where the vacancies' tables
        # keep them: a group of profiles per lexicon field, and one more.
        self.key_group = np.where(self.key_field < 0, len(arrays.field_ids), self.key_field)
        self.key_occupation_slot = np.where(self.key_occupation < 0, len(arrays.occupation_ids),
                                            self.key_occupation)
        # The same per row, so that scoring a few candidates reads them without a table per key.
        self.row_field = self.key_field[self.field_key]
        self.row_confidence = self.key_field_confidence[self.field_key]
        self.row_group = self.key_group[self.field_key]
        self.row_occupation_slot = self.key_occupation_slot[self.desired_key]
        mapped = np.flatnonzero(self.key_occupation != UNKNOWN)
        self.jobs_of_occupation = Postings(self.key_occupation[mapped], mapped,
                                           len(arrays.occupation_ids))

    def _skill_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """Each profile's distinct skill keys (sorted), as a compressed table."""
        items = _intern(self.skills, [k for p in self.profiles
                                      for k in keys_of(p.skills, p.skill_keys, "skills")],
                        blank=UNKNOWN).astype(np.int64)
        owners = np.repeat(np.arange(self.n, dtype=np.int64),
                           [len(profile.skills) for profile in self.profiles])
        typed = items != UNKNOWN  # not a skill typed as nothing but spaces or punctuation
        owners, items = owners[typed], items[typed]
        width = len(self.skills) + 1
        pairs = np.unique(owners * width + items)  # by profile, then key; each once
        indptr = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(np.bincount(pairs // width, minlength=self.n), out=indptr[1:])
        return indptr, (pairs % width).astype(np.int32)

    def _skill_grid(self) -> tuple[np.ndarray, np.ndarray]:  # grid, overflowing rows (mask)
        """The same skill rows as a padded matrix (reading it is one gather, not a loop), at
        most SKILL_COLUMNS wide; the padding is the id one past the last skill spelling. The
        rows that do not fit are flagged and read from the compressed table."""
        lengths = np.diff(self.skill_indptr)
        width = int(min(SKILL_COLUMNS, lengths.max(initial=0)))
        grid = np.full((self.n, max(width, 1)), len(self.skills), dtype=np.int32)
        kept = np.minimum(lengths, width)
        rows = np.repeat(np.arange(self.n), kept)
        columns = np.arange(int(kept.sum())) - np.repeat(np.cumsum(kept) - kept, kept)
        grid[rows, columns] = self.skill_items[np.repeat(self.skill_indptr[:-1], kept) + columns]
        return grid, lengths > width

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

    def skill_owner_rows(self) -> np.ndarray:
        """The profile of each entry of the skill rows."""
        return np.repeat(np.arange(self.n, dtype=np.int32), np.diff(self.skill_indptr))


def _intern(keys: Keys, row_keys: list[str], blank: int | None = None) -> np.ndarray:
    """The id of each row's key. Keys are interned in the order they first come; an empty key
    gets `blank` when given (and is not interned), else the empty key's id."""
    ids = {k: blank if blank is not None and not k else keys.intern(k)
           for k in dict.fromkeys(row_keys)}
    return np.fromiter(map(ids.__getitem__, row_keys), dtype=np.int32, count=len(row_keys))


def _codes(mappings: Sequence[Mapping | None], index: dict[str, int]) -> np.ndarray:
    return np.array([index[m.code] if m else UNKNOWN for m in mappings], dtype=np.int32)


def _levels(degrees: list[int | None]) -> np.ndarray:
    """Degree levels by row (UNKNOWN for None); each value converted and checked on its own
    only when some is not a plain level (to name the one refused)."""
    if all(d is None or (type(d) is int and 0 <= d <= 5) for d in degrees):
        return np.array([UNKNOWN if d is None else d for d in degrees], dtype=np.int16)
    return np.array([_level(d) for d in degrees], dtype=np.int16)


def _level(degree: int | None) -> int:
    if degree is None:
        return UNKNOWN
    if isinstance(degree, bool) or not 0 <= int(degree) <= 5:
        raise ValueError(f"degree must be a level 0..5 or None, not {degree!r}")
    return int(degree)


def _id_order(ids: Sequence[int | str]) -> np.ndarray:
    """Each id's position in a total order (numbers before text), to break ties the same way
    every run."""
    if all(type(i) is int and -(1 << 62) < i < 1 << 62 for i in ids):  # the usual case
        order = np.argsort(np.array(ids, dtype=np.int64), kind="stable")
    else:
        order = sorted(range(len(ids)), key=lambda i: id_sort_key(ids[i]))
    ranks = np.empty(len(ids), dtype=np.int64)
    ranks[order] = np.arange(len(ids))
    return ranks


def id_sort_key(value: int | str) -> tuple[int, int | str]:
    return (0, value) if isinstance(value, int) else (1, str(value))
