"""Keys stored beside the texts they come from. A system that keeps key() of every free-text
field when it writes a record (the databank does) hands those keys in, and the engine does not
key a province's profiles again at every match run: it only keys what came without one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from matching.normalize import key
from matching.types import ProfileIn, VacancyIn

Record = TypeVar("Record", ProfileIn, VacancyIn)


def keyed(record: Record) -> Record:
    """The record with key() of each of its texts, as a system stores them when it writes it."""
    if isinstance(record, ProfileIn):
        return replace(record, field_key=key(record.field), desired_job_key=key(record.desired_job),
                       skill_keys=tuple(map(key, record.skills)), city_key=key(record.city))
    return replace(record, title_key=key(record.title), field_keys=tuple(map(key, record.fields)),
                   skill_keys=tuple(map(key, record.skills)), city_key=key(record.city))


def key_of(text: str | None, stored: str | None) -> str:
    """The stored key, else the text keyed now."""
    return key(text) if stored is None else stored


def keys_of(texts: Sequence[str], stored: Sequence[str] | None, what: str) -> Sequence[str]:
    """The keys of a list of texts: the stored ones (one per text, in order), else keyed now."""
    if stored is None:
        return [key(text) for text in texts]
    if len(stored) != len(texts):
        raise ValueError(f"{what}: {len(stored)} stored keys for {len(texts)} texts")
    return stored
