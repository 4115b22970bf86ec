"""The dashboard's notes: a year it cannot show is said above the current year's figures (as the
commitments and records pages do), and jobs of an agency whose commitment was set to 0 are said
apart from those of agencies with no commitment: a target of 0 is a commitment."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import delete

from databank.db import db
from databank.jalali import current_year
from databank.monitoring import dashboard
from databank.monitoring.models import Commitment
from databank.organisations.models import Agency
from tests.databank.monitoring.test_dashboard import YEAR, admin, counted, county, fa

__all__ = ["admin", "county"]  # the fixtures


def note(page: str, testid: str) -> str | None:
    found = re.search(rf'data-testid="{testid}">(.*?)</', page, re.S)
    return found.group(1) if found else None


@pytest.mark.parametrize(("asked", "why"), [
    ("1407", "سال باید بین ۱۳۹۰ و"), ("۱۳۸۰", "سال باید بین ۱۳۹۰ و"),
    ("abc", "سال را به صورت چهار رقمی شمسی وارد کنید")])
def test_a_year_out_of_range_shows_the_current_year_with_a_note(
        client: FlaskClient, admin, asked: str, why: str) -> None:
    response = client.get(f"/dashboard/?year={asked}")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"داشبورد رصد اشتغال سال {fa(current_year())}" in page
    said = note(page, "year-error")
    assert said is not None and why in said and said.endswith("سال جاری نشان داده شده است.")
    assert f'<option value="{current_year()}" selected>' in page


def test_an_offered_year_has_no_note(client: FlaskClient, county, admin) -> None:
    response = client.get(f"/dashboard/?year={YEAR}")
    assert response.status_code == 200
    assert 'data-testid="year-error"' not in response.get_data(as_text=True)


def test_an_export_for_a_year_out_of_range_is_refused(client: FlaskClient, admin) -> None:
    """A file named for 1407 must not hold the current year's figures."""
    assert client.get("/dashboard/export/agencies.csv?year=1407").status_code == 400


def set_target(agency: Agency, target: int) -> None:
    db.session.add(Commitment(agency=agency, year=YEAR, target=target))
    db.session.commit()


def test_an_agency_committed_to_zero_is_not_said_to_have_no_commitment(
        client: FlaskClient, county, admin) -> None:
    set_target(county["C"], 0)
    summary = dashboard.county_summary(YEAR)
    assert summary.uncommitted == 0
    assert summary.beyond_zero == len(counted("C")) == 3
    page = client.get(f"/dashboard/?year={YEAR}").get_data(as_text=True)
    assert note(page, "uncommitted") is None and "تعهدی ندارند" not in page
    assert note(page, "beyond-zero").startswith(
        "۳ اشتغال ثبت‌شدهٔ این سال از دستگاه‌هایی است که تعهدشان برای این سال صفر ثبت شده است")


def test_agencies_with_no_commitment_and_with_a_zero_one_are_said_apart(
        client: FlaskClient, county, admin) -> None:
    set_target(county["C"], 0)
    db.session.execute(delete(Commitment).where(Commitment.agency_id == county["B"].id,
                                                Commitment.year == YEAR))
    db.session.commit()
    summary = dashboard.county_summary(YEAR)
    assert (summary.uncommitted, summary.beyond_zero) == (len(counted("B")), len(counted("C")))
    page = client.get(f"/dashboard/?year={YEAR}").get_data(as_text=True)
    assert note(page, "uncommitted").startswith(f"{fa(len(counted('B')))} اشتغال ثبت‌شدهٔ")
    assert note(page, "beyond-zero").startswith("۳ اشتغال ثبت‌شدهٔ")


def test_with_no_zero_commitment_only_the_uncommitted_note_shows(
        client: FlaskClient, county, admin) -> None:
    page = client.get(f"/dashboard/?year={YEAR}").get_data(as_text=True)
    assert note(page, "uncommitted").startswith("۳ اشتغال ثبت‌شدهٔ")
    assert note(page, "beyond-zero") is None
