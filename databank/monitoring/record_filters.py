"""What the records list can be narrowed to: a person (name or national ID), an agency, a Solar
Hijri year of start, a state: waiting, verified, rejected by an inspector, or withdrawn by its
agency (a withdrawn record is stored as rejected, monitoring.withdrawal, but an officer looking
for the inspectors' rejections must not find the agencies' own corrections among them). A
working group follows thousands of records a year; the list is
only usable when it finds one person or one agency's year at once.

A value that cannot be a filter (a status the bank does not know, a year out of range) is named
in Persian beside the filter; the page leaves it out and says so (the officer sees why the
list is wider than asked), an export refuses it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, not_, select

from databank.db import db, twin_value
from databank.jalali import year_bounds
from databank.monitoring.commitments import EARLIEST_YEAR
from databank.monitoring.models import (
    WITHDRAWN_LABEL,
    MonitoringRecord,
    RecordStatus,
    withdrawn_condition,
)
from databank.organisations.models import Agency
from databank.people.models import Person
from databank.validation import InvalidValue, fold_digits, jalali_year

NAMES = ("q", "agency", "year", "status")
WITHDRAWN = "withdrawn"
STATES: dict[str, str] = {**{s.value: s.label for s in RecordStatus}, WITHDRAWN: WITHDRAWN_LABEL}


@dataclass
class RecordFilters:
    search: str = ""
    agency_id: int | None = None
    year: int | None = None
    status: str | None = None  # a key of STATES
    errors: dict[str, list[str]] = field(default_factory=dict)

    def args(self) -> dict[str, Any]:
        """The filters in force, as query arguments for the pager and the filter form."""
        return {name: value for name, value in (
            ("q", self.search), ("agency", self.agency_id), ("year", self.year),
            ("status", self.status)) if value}

    @property
    def unsearchable(self) -> bool:
        """A search of no letter or digit («%», «_»): it is in no name or national ID, so it
        finds nothing, and the page says why (it once listed every record, saying nothing)."""
        return bool(self.search) and not (_digits(self.search) or _words(self.search))

    def apply(self, query: Select[Any]) -> Select[Any]:
        if self.status is not None:
            query = query.where(_state_condition(self.status))
        if self.agency_id is not None:
            query = query.where(MonitoringRecord.agency_id == self.agency_id)
        if self.year is not None:
            first, last = year_bounds(self.year)
            query = query.where(MonitoringRecord.start_date.between(first, last))
        if (person := _person_condition(self.search)) is not None:
            query = query.where(MonitoringRecord.person_id.in_(select(Person.id).where(person)))
        return query


def read_filters(args: Mapping[str, str], *, agency_fixed: bool) -> RecordFilters:
    """The filters of a request's query string; `agency_fixed` for an agency officer, who sees
    her own agency's records only and has no agency to choose."""
    filters = RecordFilters(search=(args.get("q") or "").strip()[:100])
    if raw := (args.get("status") or "").strip():
        if raw in STATES:
            filters.status = raw
        else:
            filters.errors["status"] = [f"وضعیت «{raw[:40]}» در بانک نیست."]
    if (raw := (args.get("agency") or "").strip()) and not agency_fixed:
        number = fold_digits(raw)
        plain = number.isascii() and number.isdigit() and len(number) < 10  # not «²»
        agency = db.session.get(Agency, int(number)) if plain else None
        if agency is None:
            filters.errors["agency"] = ["این دستگاه در بانک نیست."]
        else:
            filters.agency_id = agency.id
    if raw := (args.get("year") or "").strip():
        try:
            filters.year = jalali_year(raw, earliest=EARLIEST_YEAR)
        except InvalidValue as error:
            filters.errors["year"] = [error.message]
    return filters


def _state_condition(state: str) -> ColumnElement[bool]:
    if state == WITHDRAWN:
        return withdrawn_condition()
    condition = MonitoringRecord.status == RecordStatus(state)
    return and_(condition, not_(withdrawn_condition())) if state == "rejected" else condition


def _person_condition(search: str) -> Any:
    """Digits find a national ID by any part of it, in any script; words find a name holding
    each of them, in any order (surname first too), compared as keys so that Arabic letters or
    a missing half-space do not hide anyone. A % or _ is a character, never a wildcard
    (autoescape); a search of nothing but such marks keys to no word and finds nothing."""
    if not search:
        return None
    if digits := _digits(search):
        return Person.national_id.contains(digits, autoescape=True)
    if words := _words(search):
        return and_(*(Person.name_key.contains(word, autoescape=True) for word in words))
    return false()


def _digits(search: str) -> str:
    """The search as a national ID's digits, or "" when it is not one."""
    digits = fold_digits(search).replace(" ", "")
    return digits if digits.isascii() and digits.isdigit() else ""


def _words(search: str) -> list[str]:
    return (twin_value(search) or "").split()

