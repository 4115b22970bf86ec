"""Filling an empty databank with the demo county, through the same services as real input."""

from __future__ import annotations

import os
import random
import secrets
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.accounts.services import create_user
from databank.db import db
from databank.demo import data
from databank.jalali import current_year
from databank.matches.services import match_bank
from databank.organisations import services as orgs
from databank.organisations.models import UniversityKind
from databank.people.models import Person
from databank.people.services import save_graduate
from databank.vacancies.models import VacancyStatus
from databank.vacancies.services import save_vacancy
from databank.validation import national_id_check_digit
from databank.vocabulary import Gender, Sector

GRADUATES = 240


def is_empty() -> bool:
    """True when nobody and nothing has been registered yet."""
    return not any(db.session.scalar(select(func.count()).select_from(model))
                   for model in (User, Person))


def seed_demo(seed: int = 1405, graduates: int = GRADUATES) -> dict[str, str]:
    """Fill the county and return the demo logins {username: password}."""
    rng = random.Random(seed)
    agencies = [orgs.get_or_create_agency(name) for name, _ in data.AGENCIES]
    year = current_year()
    for agency, (_, target) in zip(agencies, data.AGENCIES, strict=True):
        orgs.set_commitment(None, agency, year, target)
        orgs.set_commitment(None, agency, year - 1, int(target * 0.9))
    offices = [orgs.get_or_create_office(name, agencies[agency], "ساوه")
               for name, agency in data.OFFICES]
    for name, kind in data.UNIVERSITIES:
        orgs.get_or_create_university(name, UniversityKind(kind), "ساوه")
    estates = [orgs.get_or_create_estate(name, city) for name, city in data.ESTATES]
    units = [orgs.get_or_create_unit(name, estate=estates[e] if e is not None else None,
                                     sector=Sector(sector), city="ساوه",
                                     workshop_code=f"{5_100_000 + i * 37:07d}")
             for i, (name, e, sector) in enumerate(data.UNITS)]
    _vacancies(rng, units)
    profiles = [save_graduate(row)[0] for row in _graduates(rng, graduates)]
    profiles[0].consent = True
    match_bank()
    return _users(profiles[0].person, units[0], offices[0], agencies[0])


def _vacancies(rng: random.Random, units: list[Any]) -> None:
    for number, (title, fields, skills, degree, gender, posting) in enumerate(data.VACANCIES):
        for unit_index in posting:
            status = VacancyStatus.OPEN if rng.random() > 0.1 else VacancyStatus.PAUSED
            save_vacancy(units[unit_index], {
                "ref": f"{number + 1:03d}-{unit_index + 1:02d}", "title": title,
                "positions": rng.choice((1, 1, 2, 3, 5)), "min_degree": degree,
                "fields": list(fields), "skills": list(skills),
                "gender": Gender(gender) if gender else None, "status": status,
                "deadline": date.today() + timedelta(days=rng.randint(10, 90)),
                "description": f"{title} برای {units[unit_index].name}، تمام‌وقت.",
            })


def _graduates(rng: random.Random, count: int) -> Iterator[dict[str, Any]]:
    ids: set[str] = set()
    year = current_year()
    universities = [name for name, _ in data.UNIVERSITIES]
    for _ in range(count):
        gender = rng.choice((Gender.FEMALE, Gender.MALE))
        names = data.FEMALE_NAMES if gender is Gender.FEMALE else data.MALE_NAMES
        field, degrees, skills, jobs = rng.choice(data.PROFILES)
        birth_year = rng.randint(year - 40, year - 20)
        yield {
            "national_id": _national_id(rng, ids), "first_name": rng.choice(names),
            "last_name": rng.choice(data.LAST_NAMES), "gender": gender,
            "birth_year": birth_year, "mobile": f"091{rng.randint(0, 99_999_999):08d}",
            "city": rng.choice(data.CITIES), "university": rng.choice(universities),
            "degree": rng.choice(degrees), "field_of_study": field,
            "graduation_year": min(year, birth_year + rng.randint(20, 28)),
            "skills": rng.sample(skills, k=rng.randint(1, len(skills))),
            "desired_job": rng.choice(jobs),
            "head_of_household": gender is Gender.FEMALE and rng.random() < 0.15,
            "consent": rng.random() < 0.95,
        }


def _national_id(rng: random.Random, taken: set[str]) -> str:
    while True:
        first = f"{rng.randint(10_000_000, 999_999_999):09d}"
        code = first + national_id_check_digit(first)
        if code not in taken and len(set(code)) > 1:
            taken.add(code)
            return code


def _users(person: Person, unit: Any, office: Any, agency: Any) -> dict[str, str]:
    accounts = (
        ("admin", "مدیر سامانه", Role.ADMIN, {}),
        ("graduate", f"{person.first_name} {person.last_name}", Role.GRADUATE,
         {"person_id": person.id}),
        ("employer", unit.name, Role.EMPLOYER, {"unit_id": unit.id}),
        ("officer", "کارشناس دفتر کاریابی", Role.PLACEMENT_OFFICER, {"office_id": office.id}),
        ("agency", "کارشناس اداره تعاون", Role.AGENCY_OFFICER, {"agency_id": agency.id}),
        ("inspector", "بازرس استانداری", Role.INSPECTOR, {}),
    )
    logins = {}
    for username, display, role, links in accounts:
        password = secrets.token_urlsafe(9)
        create_user(username=username, password=password, display_name=display, role=role,
                    **links)
        logins[username] = password
    return logins


def save_logins(instance_path: str, logins: dict[str, str]) -> Path:
    """Keep the demo logins beside the database, readable by the owner only."""
    path = Path(instance_path) / "demo-logins.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.writelines(f"{user}\t{password}\n" for user, password in logins.items())
    return path
