"""The commitments page shows its year in Persian digits and reads them back, sizes the year box
from the stylesheet (the CSP blocks inline styles), and a target out of range is refused with
its bounds grouped by thousands, as every integer range message groups them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import current_year, persian_digits
from databank.monitoring.models import Commitment
from databank.validation import range_message
from tests.conftest import post_form
from tests.databank.monitoring.test_records import agencies

__all__ = ["agencies"]  # the fixture
PAGE = "/monitoring/commitments"


@pytest.fixture
def admin_client(client: FlaskClient, make_user, login) -> FlaskClient:
    login(make_user(Role.ADMIN))
    return client


def year_box(page: str) -> str:
    return re.search(r'<input[^>]*id="f-year"[^>]*>', page).group(0)


def test_the_year_box_shows_persian_digits_and_has_no_inline_style(
        admin_client: FlaskClient, agencies) -> None:
    box = year_box(admin_client.get(f"{PAGE}?year=1404").get_data(as_text=True))
    assert 'value="۱۴۰۴"' in box
    assert "style=" not in box and "year-input" in box


def test_the_year_box_width_is_in_the_apps_stylesheet(app: Flask) -> None:
    css = (Path(app.static_folder) / "css" / "app.css").read_text(encoding="utf-8")
    assert re.search(r"\.year-input\s*\{\s*width:\s*6rem;", css)


def test_a_year_typed_in_persian_digits_is_shown_and_saved(admin_client: FlaskClient,
                                                           agencies) -> None:
    year = current_year()
    shown = admin_client.get(f"{PAGE}?year={persian_digits(year)}")
    assert shown.status_code == 200
    assert f"سال {persian_digits(year)}" in shown.get_data(as_text=True)
    saved = post_form(admin_client, f"{PAGE}?year={persian_digits(year)}",
                      {"agency_id": str(agencies[0].id), "year": persian_digits(year),
                       "target": "۱۲"})
    assert saved.status_code == 302
    commitment = db.session.scalar(select(Commitment))
    assert (commitment.year, commitment.target) == (year, 12)


def test_a_target_out_of_range_is_refused_with_grouped_bounds(admin_client: FlaskClient,
                                                              agencies) -> None:
    year = str(current_year())
    response = post_form(admin_client, f"{PAGE}?year={year}",
                         {"agency_id": str(agencies[0].id), "year": year, "target": "2000000"})
    assert response.status_code == 400
    assert "عدد باید بین ۰ و ۱٬۰۰۰٬۰۰۰ باشد." in response.get_data(as_text=True)
    assert db.session.scalar(select(Commitment)) is None


@pytest.mark.parametrize(("low", "high", "said"), [
    (0, 1_000_000, "عدد باید بین ۰ و ۱٬۰۰۰٬۰۰۰ باشد."),
    (1, 1000, "عدد باید بین ۱ و ۱٬۰۰۰ باشد."),
    (0, 100, "عدد باید بین ۰ و ۱۰۰ باشد."),
    (1, 2**31 - 1, "عدد باید بین ۱ و ۲٬۱۴۷٬۴۸۳٬۶۴۷ باشد."),
])
def test_every_integer_range_message_groups_its_digits(low: int, high: int, said: str) -> None:
    assert range_message(low, high) == said
