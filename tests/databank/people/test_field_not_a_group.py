"""A graduate who types a group's name for her field («مهندسی», «فنی», «علوم پایه») is asked for
the field her degree names: the matcher reads such a name as no field at all, and she would be
proposed only as a misfit. An import row keeps what its file says."""

from __future__ import annotations

import html

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.db import db
from databank.imports import services as imports
from databank.people.models import GraduateProfile, Person
from tests.conftest import post_form
from tests.databank.imports.conftest import GRADUATE_HEADERS, as_rows, graduate, sheet
from tests.databank.people.test_graduate_pages import REGISTRATION, count

__all__ = ["sheet"]  # the fixture


@pytest.mark.parametrize("typed", ["مهندسی", "فنی", "علوم پایه", "رشته‌های فنی و مهندسی"])
def test_registering_with_a_groups_name_asks_for_her_field(client: FlaskClient,
                                                           typed: str) -> None:
    response = post_form(client, "/graduates/register", {**REGISTRATION,
                                                          "field_of_study": typed})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert f"«{typed}» نام گروهی از رشته‌هاست، نه یک رشته" in page
    assert count(Person) == 0


def test_her_profile_keeps_asking_and_takes_a_field_or_management(client: FlaskClient) -> None:
    post_form(client, "/graduates/register", REGISTRATION)
    refused = post_form(client, "/profile", {**REGISTRATION, "field_of_study": "فنی"})
    assert refused.status_code == 400
    assert db.session.scalar(select(GraduateProfile.field_of_study)).startswith("مهندسی کامپیوتر")
    # «مدیریت» alone the lexicon reads as general management: a field, taken
    taken = post_form(client, "/profile", {**REGISTRATION, "field_of_study": "مدیریت"})
    assert taken.status_code == 302
    assert db.session.scalar(select(GraduateProfile.field_of_study)) == "مدیریت"


def test_an_imported_row_keeps_what_the_file_says(sheet) -> None:
    rows = [graduate(1, field_of_study="مهندسی")]
    result = imports.import_file("graduates", sheet(GRADUATE_HEADERS,
                                                    as_rows(GRADUATE_HEADERS, rows)))
    assert result.created == 1
    assert db.session.scalar(select(GraduateProfile.field_of_study)) == "مهندسی"
