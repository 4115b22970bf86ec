"""Numbers are written with thousands separators, in either script (1,000 or ۱٬۰۰۰): a target of
jobs typed that way is the number; a separator out of place is still an error."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.monitoring.models import Commitment
from databank.schemas import FormSchema, integer
from tests.conftest import post_form
from tests.databank.monitoring.test_records import agencies

__all__ = ["agencies"]  # the fixture


class Count(FormSchema):
    count = integer(0, 10**9)


@pytest.mark.parametrize(("typed", "number"), [
    ("1,000", 1000), ("۱٬۰۰۰", 1000), ("١,٢٥٠", 1250), ("12,345,678", 12_345_678),
    (" ۲۵۰ ", 250), ("1000", 1000),
])
def test_grouped_digits_are_the_number(typed: str, number: int) -> None:
    assert Count().load({"count": typed}) == {"count": number}


@pytest.mark.parametrize("typed", ["1,5", "1,0000", ",100", "1.000,5", "۱٬۰۰"])
def test_a_separator_out_of_place_is_refused(typed: str) -> None:
    assert "count" in Count().validate({"count": typed})


def test_a_commitment_typed_with_separators_is_saved(client: FlaskClient, make_user, login,
                                                     agencies) -> None:
    login(make_user(Role.ADMIN))
    page = "/monitoring/commitments?year=1405"
    answer = post_form(client, page, {"agency_id": str(agencies[0].id), "year": "1405",
                                      "target": "۱٬۲۰۰"})
    assert answer.status_code == 302
    assert db.session.scalar(select(Commitment.target)) == 1200


def test_a_commitment_reads_grouped_on_its_page_and_its_field_saves_back(
        client: FlaskClient, make_user, login, agencies) -> None:
    """The figure the admin reads and the value her field holds are the same «۱۲٬۵۰۰»; saving
    the field as it stands keeps the number."""
    login(make_user(Role.ADMIN))
    page = "/monitoring/commitments?year=1405"
    post_form(client, page, {"agency_id": str(agencies[0].id), "year": "1405",
                             "target": "12500"})
    html = client.get(page).get_data(as_text=True)
    assert 'data-testid="target">۱۲٬۵۰۰<' in html and 'value="۱۲٬۵۰۰"' in html
    answer = post_form(client, page, {"agency_id": str(agencies[0].id), "year": "1405",
                                      "target": "۱۲٬۵۰۰"})
    assert answer.status_code == 302
    assert db.session.scalar(select(Commitment.target)) == 12500


def test_the_dashboard_groups_a_countys_thousands(client: FlaskClient, make_user, login,
                                                  agencies) -> None:
    from databank.jalali import to_jalali, today

    year = to_jalali(today()).year
    login(make_user(Role.ADMIN))
    for agency, target in zip(agencies[:2], (12_000, 500), strict=True):
        post_form(client, f"/monitoring/commitments?year={year}",
                  {"agency_id": str(agency.id), "year": str(year), "target": str(target)})
    html = client.get(f"/dashboard/?year={year}").get_data(as_text=True)
    assert 'data-testid="county-target">۱۲٬۵۰۰<' in html
    assert "۱۲٬۰۰۰" in html.split('data-table="agencies"')[1]
