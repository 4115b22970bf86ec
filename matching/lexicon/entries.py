"""The lexicon's entries, one frozen record per JSON object."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    """A family of fields (ISCED-F narrow field); `close` lists the families a placement officer
    would still consider, made symmetric by the loader."""

    id: str
    name: str
    isced: str
    close: frozenset[str]


@dataclass(frozen=True)
class Field:
    id: str
    name: str
    family: str
    isced: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Skill:
    """A skill; `broader` the skill it is a kind of (PLC زیمنس is a PLC), which it covers when
    a vacancy asks for that."""

    id: str
    name: str
    latin: str
    category: str
    aliases: tuple[str, ...]
    broader: str = ""


@dataclass(frozen=True)
class Degree:
    """A level of education, 0 (below diploma) to 5 (doctorate): comparable by `level`."""

    level: int
    id: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Occupation:
    """A job title with its ISCO-08 code and the fields that usually fill it; `related` the jobs
    of another ISCO group that a placement officer still sees as near (a quality inspector and
    a quality control expert), made symmetric by the loader; `near` those it is seen as nearly
    the same job (a quality control expert and a quality inspector or a laboratory expert: the
    one does what the others do), symmetric too."""

    id: str
    isco: str
    title: str
    aliases: tuple[str, ...]
    fields: tuple[str, ...]
    related: frozenset[str] = frozenset()
    near: frozenset[str] = frozenset()
