"""The admin's commitments page: a refused target is said in its agency's row with what was
typed; years are held to the ones a working group plans."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import current_year, persian_digits
from databank.monitoring.models import Commitment
from tests.conftest import post_form
from tests.databank.monitoring.test_records import agencies

__all__ = ["agencies"]  # the fixture


def test_a_refused_target_is_said_in_its_agencys_row_with_what_was_typed(
        client: FlaskClient, make_user, login, agencies) -> None:
    login(make_user(Role.ADMIN))
    page = "/monitoring/commitments?year=1405"
    response = post_form(client, page, {"agency_id": str(agencies[1].id), "year": "1405",
                                        "target": "-5"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    row = body[body.index(agencies[1].name):]
    row = row[:row.index("</tr>")]
    assert 'value="-5"' in row and "عدد باید بین" in row and 'aria-invalid="true"' in row
    assert 'data-testid="form-errors"' not in body
    assert db.session.scalar(select(Commitment)) is None


def test_a_year_beyond_next_is_refused_for_a_commitment_and_the_page(
        client: FlaskClient, make_user, login, agencies) -> None:
    login(make_user(Role.ADMIN))
    far = str(current_year() + 2)
    response = post_form(client, f"/monitoring/commitments?year={far}",
                         {"agency_id": str(agencies[0].id), "year": far, "target": "10"})
    assert response.status_code == 400
    assert f"سال باید بین ۱۳۹۰ و {persian_digits(current_year() + 1)} باشد" in \
        response.get_data(as_text=True)
    assert db.session.scalar(select(Commitment)) is None
    shown = client.get("/monitoring/commitments?year=abc")
    assert shown.status_code == 400
    assert "سال جاری نشان داده شده است" in shown.get_data(as_text=True)
    assert client.get(f"/dashboard/?year={far}").status_code == 400
    assert client.get(f"/dashboard/?year={current_year() + 1}").status_code == 200
