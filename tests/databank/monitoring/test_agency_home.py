"""What an agency officer reads first: her agency's jobs of this Solar Hijri year by where their
check stands, each opening the records list so filtered."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from databank.accounts.models import Role, User
from databank.db import db
from databank.jalali import current_year, persian_digits, year_bounds
from databank.monitoring.models import RecordStatus
from databank.monitoring.services import create_record, decide
from databank.organisations.models import Agency
from databank.organisations.services import get_or_create_agency
from databank.people.models import Person
from databank.vocabulary import Gender, Sector
from tests.conftest import valid_national_id


@pytest.fixture
def jobs(app: Flask, make_user) -> tuple[Agency, User]:
    """Her agency: this year two jobs verified, one awaiting its check, one rejected, and one
    verified last year; another agency one job this year."""
    agency, other = get_or_create_agency("بهزیستی شهرستان"), get_or_create_agency("دستگاه دیگر")
    inspector = make_user(Role.INSPECTOR)
    first_day = year_bounds(current_year())[0]  # never after today
    last_year = year_bounds(current_year() - 1)[0]
    plan = [(agency, first_day, True), (agency, first_day, True), (agency, first_day, None),
            (agency, first_day, False), (agency, last_year, True), (other, first_day, None)]
    for number, (holder, start, verdict) in enumerate(plan):
        person = Person(national_id=valid_national_id(300_000_000 + number), first_name="سارا",
                        last_name="محمدی", gender=Gender.FEMALE)
        record = create_record(None, person, holder, sector=Sector.SERVICES, start_date=start)
        if verdict is not None:
            decide(inspector, record.id, verdict, None if verdict else "جعلی")
    db.session.commit()
    return agency, make_user(Role.AGENCY_OFFICER, agency_id=agency.id)


def figure(page: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">([^<]*)<', page)
    assert match, testid
    return match.group(1)


def test_her_home_counts_this_years_jobs_by_status_and_links_each_to_the_list(
        jobs: tuple[Agency, User], login, client: FlaskClient) -> None:
    _, officer = jobs
    login(officer)
    page = client.get("/").get_data(as_text=True)
    year = current_year()
    assert figure(page, "status-verified") == "۲"
    assert figure(page, "status-registered") == "۱"
    assert figure(page, "status-rejected") == "۱"
    assert figure(page, "records") == "۳"  # every job not rejected, as the dashboard counts
    assert "همهٔ اشتغال‌های ثبت‌شدهٔ امسال جز ردشده‌ها" in page
    # the commitment's label names the year, so that read aloud before its figure it is not
    # heard as a year itself («تعهد اشتغال سال ۹۵»)
    assert f"تعهد اشتغال امسال ({persian_digits(year)})" in page
    for status in RecordStatus:
        link = re.search(rf'href="([^"]+)" data-testid="status-{status.value}-link">'
                         rf"{status.label}<", page)
        assert link, status
        listed = client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
        expected = figure(page, f"status-{status.value}")
        assert persian_digits(listed.count('data-testid="record"')) == expected, status
        assert f"year={year}" in link.group(1) and f"status={status.value}" in link.group(1)


def test_her_home_shows_zeros_before_any_job(app: Flask, make_user, login,
                                             client: FlaskClient) -> None:
    login(make_user(Role.AGENCY_OFFICER))
    page = client.get("/").get_data(as_text=True)
    for status in RecordStatus:
        assert figure(page, f"status-{status.value}") == "۰"

