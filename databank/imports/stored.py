"""A row weighed against what the bank holds: whether it would change anything (a row that
says just what is stored, as an office's own export read back, is counted unchanged and
written nowhere), and what the bank's own lists and dates let a vacancy row say.

The schemas never query the database, so these rules live here, beside the import that
applies them: the forms apply the same ones (unit_services.known_estate, the deadline rule of
vacancies.schemas)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from sqlalchemy import select

from databank.db import db, twin_value
from databank.errors import Conflict
from databank.jalali import format_date, today
from databank.monitoring.models import MonitoringRecord
from databank.organisations.models import IndustrialEstate, IndustrialUnit
from databank.organisations.services import find_by_name, same_workshop
from databank.people.models import Person
from databank.people.services import (
    NAME_FIELDS,
    PERSON_FIELDS,
    PROFILE_FIELDS,
    identity_changes,
)
from databank.vacancies.models import Vacancy
from databank.vacancies.services import NULLABLE_FIELDS, VACANCY_FIELDS

UNKNOWN_ESTATE = ("«{name}» در فهرست شهرک‌ها و نواحی صنعتی شهرستان، که مدیر سامانه نگه می‌دارد، "
                  "نیست؛ نام یکی از شهرک‌های فهرست را بنویسید یا این خانه را خالی بگذارید (اگر "
                  "شهرکی در فهرست نیست، از مدیر سامانه بخواهید آن را بیفزاید). این ردیف ذخیره "
                  "نشد.")
PAST_DEADLINE_NEW = ("مهلت {deadline} گذشته است و این فرصت شغلی تازه، باز ثبت می‌شود؛ مهلت "
                     "فرصت شغلی باز نمی‌تواند گذشته باشد. امروز ({today}) یا پس از آن را "
                     "بنویسید، یا این خانه را خالی بگذارید. این ردیف ذخیره نشد.")
PAST_DEADLINE_CHANGED = ("مهلت {deadline} گذشته است؛ مهلت ثبت‌شدهٔ این فرصت شغلی در بانک "
                         "{stored} است و مهلت را نمی‌توان به روزی گذشته برد. همان مهلت ثبت‌شده "
                         "را نگه دارید، یا امروز ({today}) یا پس از آن را بنویسید. این ردیف "
                         "ذخیره نشد.")
PAST_DEADLINE_NONE = ("مهلت {deadline} گذشته است؛ این فرصت شغلی در بانک مهلتی ندارد و مهلت "
                      "گذشته به آن داده نمی‌شود. امروز ({today}) یا پس از آن را بنویسید، یا "
                      "این خانه را خالی بگذارید. این ردیف ذخیره نشد.")
RECORDED_IDENTITY = ("این کد ملی در بانک به نام «{name}»{gender} ثبت شده است و دستگاه اجرایی برای "
                     "او اشتغال ثبت کرده است؛ فایل {what} فردی را که اشتغال ثبت‌شده دارد تغییر "
                     "نمی‌دهد، چون سوابق اشتغال او و آمار داشبورد به همین مشخصات است. اگر "
                     "مشخصات ثبت‌شده در بانک اشتباه است، مدیر سامانه آن را از روی کارت ملی در "
                     "صفحهٔ «اصلاح مشخصات هویتی» اصلاح می‌کند؛ "
                     "وگرنه {what} را همان‌طور که در بانک است بنویسید. این ردیف ذخیره نشد.")
_WHAT = {("name",): "نام", ("gender",): "جنسیت", ("name", "gender"): "نام و جنسیت"}
_PERSON_ATTRIBUTES = frozenset(NAME_FIELDS + PERSON_FIELDS)
_PROFILE_ATTRIBUTES = frozenset(PROFILE_FIELDS)
_BY_LOOKUP = frozenset({"national_id", "university"})


def listed_estate(name: str) -> IndustrialEstate:
    """The estate a row names, from the county's list the admin keeps, as the unit forms take
    it (unit_services.known_estate): a name in a file does not add an estate to every
    office's filters and every employer's list."""
    estate = find_by_name(IndustrialEstate, name)
    if estate is None:
        raise Conflict(UNKNOWN_ESTATE.format(name=" ".join(name.split())),
                       field="industrial_estate")
    return estate


def check_deadline(vacancy: Vacancy | None, given: date | None, *, opens: bool = True) -> None:
    """A vacancy a row creates open must not have a deadline that has passed (the form's
    rule); one it creates paused or closed may (an office's export of an expired vacancy read
    into another bank). A stored vacancy keeps the deadline it has, even a past one, as the
    edit form lets a paused or closed one keep it; a deadline it is given anew has not
    passed."""
    if given is None or given >= today() or (vacancy is not None
                                              and vacancy.deadline == given):
        return
    if vacancy is None and not opens:
        return
    words = {"deadline": format_date(given), "today": format_date(today())}
    if vacancy is None:
        message = PAST_DEADLINE_NEW.format(**words)
    elif vacancy.deadline is None:
        message = PAST_DEADLINE_NONE.format(**words)
    else:
        message = PAST_DEADLINE_CHANGED.format(stored=format_date(vacancy.deadline), **words)
    raise Conflict(message, field="deadline")


def vacancy_would_change(vacancy: Vacancy, unit: IndustrialUnit, data: dict[str, Any]) -> bool:
    """Whether the row says anything of the vacancy or its unit other than what is stored: a
    field save_vacancy would set to another value, or an estate, sector or workshop code that
    is not the unit's (a blank cell says nothing, as everywhere in an import)."""
    if any(getattr(vacancy, name) != data[name] for name in VACANCY_FIELDS
           if name in data and (data[name] is not None or name in NULLABLE_FIELDS)):
        return True
    estate, code = data.get("industrial_estate"), data.get("workshop_code")
    return bool(
        (estate and (unit.estate is None or unit.estate.name_key != twin_value(estate)))
        or data.get("sector") not in (None, unit.sector)
        or (code and not same_workshop(unit.workshop_code, code)))


def graduate_would_change(person: Person, data: dict[str, Any],
                          university_id: Callable[[str], int | None]) -> bool:
    """Whether save_graduate would set anything of hers to another value. `university_id`
    finds the university a name leads to (a merged name, the one kept); a key this does not
    know counts as a change, so that nothing is ever skipped unseen."""
    profile = person.profile
    if profile is None:
        return True
    for name, value in data.items():
        if name in _PERSON_ATTRIBUTES:
            stored = getattr(person, name)
        elif name in _PROFILE_ATTRIBUTES:
            stored = getattr(profile, name)
        elif name in _BY_LOOKUP:
            continue
        else:
            return True
        if stored != value:
            return True
    university = data.get("university")
    return bool(university) and university_id(university) != profile.university_id


def persons_with_jobs(person_ids: Collection[int]) -> set[int]:
    """Those of the persons who have a monitoring record (any: awaiting, verified or rejected),
    in one query for a batch."""
    if not person_ids:
        return set()
    return set(db.session.scalars(select(MonitoringRecord.person_id).distinct().where(
        MonitoringRecord.person_id.in_(person_ids))))


def check_recorded_identity(person: Person, data: dict[str, Any]) -> dict[str, Any]:
    """A graduate row about a person an agency has registered a job for. Her jobs, verified
    ones too, and the dashboard's gender figures show the name and gender the bank holds, as
    the agency recorded them from her national card: a file that says otherwise is refused,
    naming them (an office may see them: it looks her up by national ID anyway), rather than
    changing every record after the fact. Another spelling of the same name is no change,
    and the bank's spelling is kept (the name fields are left out of what is returned)."""
    changes = identity_changes(person, data)
    if changes:
        gender = f" ({person.gender.label})" if person.gender is not None else ""
        raise Conflict(RECORDED_IDENTITY.format(name=person.full_name, gender=gender,
                                                what=_WHAT[changes]),
                       field=_changed_field(person, data, changes))
    if not person.name_key:
        return data
    return {name: value for name, value in data.items() if name not in NAME_FIELDS}


def _changed_field(person: Person, data: dict[str, Any], changes: tuple[str, ...]) -> str:
    """The column a refusal is reported beside: the last name when only it differs."""
    if "name" not in changes:
        return "gender"
    same_first = twin_value(data.get("first_name", person.first_name)) == twin_value(
        person.first_name)
    return "last_name" if same_first else "first_name"
