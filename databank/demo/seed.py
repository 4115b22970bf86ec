"""Filling an empty databank with the demo county, through the same services as real input."""

from __future__ import annotations

import os
import random
import secrets
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import jdatetime
from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.accounts.services import create_user
from databank.db import db
from databank.demo import data
from databank.jalali import current_year, today
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.review import move
from databank.matches.services import match_bank
from databank.monitoring.services import create_record, decide
from databank.organisations import services as orgs
from databank.organisations.models import UniversityKind
from databank.people.models import Person
from databank.people.services import get_or_create_person, save_graduate
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
    logins, users = _users(profiles[0].person, units[0], offices[0], agencies[0])
    _follow_some_proposals(rng, users["officer"], profiles[0].id)
    ids = set(db.session.scalars(select(Person.national_id)))
    _jobs_outside_the_bank(rng, agencies, units, users["inspector"], ids)
    return logins


def _follow_some_proposals(rng: random.Random, officer: User, keep_free: int) -> None:
    """A few proposals already taken along by the office, some of them to a hire."""
    taken: set[int] = {keep_free}
    year = current_year()
    proposals = db.session.scalars(select(Proposal).where(Proposal.rank == 1)
                                   .order_by(Proposal.score.desc(), Proposal.id)).all()
    hires = 0
    for proposal in proposals[:16]:
        if proposal.profile_id in taken:
            continue
        taken.add(proposal.profile_id)
        for step in (ProposalStatus.SHORTLISTED, ProposalStatus.INTRODUCED):
            move(officer, proposal.id, step)
        if hires < 5:
            move(officer, proposal.id, ProposalStatus.INTERVIEWED)
            start = jdatetime.date(year, rng.randint(1, 7), rng.randint(1, 28)).togregorian()
            # the demo's history: the proposal was made some weeks before she started
            proposal.created_at = datetime.combine(start, time(6)) - timedelta(
                days=rng.randint(14, 40))
            move(officer, proposal.id, ProposalStatus.HIRED, start_date=start)
            hires += 1


def _jobs_outside_the_bank(rng: random.Random, agencies: list[Any], units: list[Any],
                           inspector: User, ids: set[str]) -> None:
    """Jobs the agencies' own programmes created this year and last, most of them verified:
    about two thirds of each commitment by the ninth month, one small agency above it."""
    year = current_year()
    targets = dict(zip(agencies, (target for _, target in data.AGENCIES), strict=True))
    for agency, target in targets.items():
        share = 1.5 if target < 10 else rng.uniform(0.45, 0.85)
        for _ in range(round(target * share)):
            _one_job(rng, agency, rng.choice(units), year, inspector, ids)
        for _ in range(round(target * 0.3)):
            _one_job(rng, agency, rng.choice(units), year - 1, inspector, ids)


def _one_job(rng: random.Random, agency: Any, unit: Any, year: int, inspector: User,
             ids: set[str]) -> None:
    gender = rng.choice((Gender.FEMALE, Gender.MALE))
    names = data.FEMALE_NAMES if gender is Gender.FEMALE else data.MALE_NAMES
    person = get_or_create_person(_national_id(rng, ids), first_name=rng.choice(names),
                                  last_name=rng.choice(data.LAST_NAMES), gender=gender,
                                  city=rng.choice(data.CITIES))
    last_month = 8 if year == current_year() else 12
    start = jdatetime.date(year, rng.randint(1, last_month), rng.randint(1, 28)).togregorian()
    start = min(start, today())  # a job created, not one announced: it may be verified
    record = create_record(None, person, agency, sector=unit.sector, start_date=start, unit=unit)
    if rng.random() < 0.6:
        decide(inspector, record.id, verified=True)


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


def _users(person: Person, unit: Any, office: Any, agency: Any
           ) -> tuple[dict[str, str], dict[str, User]]:
    accounts = (
        ("admin", "مدیر سامانه", Role.ADMIN, {}),
        ("graduate", f"{person.first_name} {person.last_name}", Role.GRADUATE,
         {"person_id": person.id}),
        ("employer", unit.name, Role.EMPLOYER, {"unit_id": unit.id}),
        ("officer", "کارشناس دفتر کاریابی", Role.PLACEMENT_OFFICER, {"office_id": office.id}),
        ("agency", "کارشناس اداره تعاون", Role.AGENCY_OFFICER, {"agency_id": agency.id}),
        ("inspector", "بازرس استانداری", Role.INSPECTOR, {}),
    )
    logins, users = {}, {}
    for username, display, role, links in accounts:
        password = secrets.token_urlsafe(9)
        users[username] = create_user(username=username, password=password,
                                      display_name=display, role=role, **links)
        logins[username] = password
    return logins, users


def save_logins(instance_path: str, logins: dict[str, str]) -> Path:
    """Keep the demo logins beside the database, readable by the owner only."""
    path = Path(instance_path) / "demo-logins.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.writelines(f"{user}\t{password}\n" for user, password in logins.items())
    return path
