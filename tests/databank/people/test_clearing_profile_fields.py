"""On her own profile form a box she empties is cleared, as the form then shows it, and her
proposals follow; the boxes the form requires stay required, a recorded birth year stays as
recorded, and an office's import row with a blank cell still keeps what is stored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.db import db
from databank.imports import services as imports
from databank.matches.models import Proposal
from databank.people.models import Person
from databank.people.services import IDENTITY_RECORDED
from tests.conftest import post_form
from tests.databank.imports.conftest import GRADUATE_HEADERS, as_rows, graduate, write_csv
from tests.databank.people.test_graduate_pages import REGISTRATION

CLEARED = {"city": "", "university": "", "graduation_year": "", "desired_job": "",
           "birth_year": ""}


def person() -> Person:
    db.session.expire_all()
    return db.session.scalar(select(Person))


def reasons() -> list[str]:
    db.session.expire_all()
    return [reason for proposal in db.session.scalars(select(Proposal))
            for reason in proposal.reasons]


def field_value(page: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)
    return found.group(1) if found else ""


def test_the_optional_fields_she_empties_are_cleared_and_stop_matching(
        client: FlaskClient, make_vacancy) -> None:
    make_vacancy(title="برنامه‌نویس وب", city="ساوه")
    post_form(client, "/graduates/register", REGISTRATION)
    before = reasons()
    assert any("شغل دلخواه" in reason for reason in before)
    assert any("ساکن همان شهر" in reason for reason in before)

    response = post_form(client, "/profile", {**REGISTRATION, **CLEARED})
    assert response.status_code == 302, response.get_data(as_text=True)
    stored = person()
    assert (stored.city, stored.city_key, stored.birth_year) == (None, None, None)
    profile = stored.profile
    assert (profile.university, profile.graduation_year) == (None, None)
    assert (profile.desired_job, profile.desired_job_key) == (None, None)
    after = reasons()  # her proposals were computed again from what she keeps
    assert not any("شغل دلخواه" in reason or "ساکن همان شهر" in reason for reason in after)

    page = client.get("/profile").get_data(as_text=True)
    for name in CLEARED:
        assert field_value(page, name) == "", name


@pytest.mark.parametrize("name", sorted(CLEARED))
def test_emptying_one_field_clears_that_one_and_keeps_the_others(
        client: FlaskClient, name: str) -> None:
    post_form(client, "/graduates/register", REGISTRATION)
    response = post_form(client, "/profile", {**REGISTRATION, name: ""})
    assert response.status_code == 302, response.get_data(as_text=True)
    stored = person()
    values = {"city": stored.city, "birth_year": stored.birth_year,
              "university": stored.profile.university,
              "graduation_year": stored.profile.graduation_year,
              "desired_job": stored.profile.desired_job}
    assert values.pop(name) is None
    assert None not in values.values()


def test_an_invisible_only_entry_clears_as_an_empty_one(client: FlaskClient) -> None:
    post_form(client, "/graduates/register", REGISTRATION)
    response = post_form(client, "/profile", {**REGISTRATION, "city": "\u200c\u200f "})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert person().city is None


def test_a_field_her_form_does_not_carry_keeps_its_value(client: FlaskClient) -> None:
    post_form(client, "/graduates/register", REGISTRATION)
    partial = {k: v for k, v in REGISTRATION.items() if k not in CLEARED}
    response = post_form(client, "/profile", partial)
    assert response.status_code == 302, response.get_data(as_text=True)
    stored = person()
    assert stored.city == "ساوه" and stored.birth_year == 1376
    assert stored.profile.desired_job == "برنامه‌نویس وب"
    assert stored.profile.graduation_year == 1399 and stored.profile.university is not None


@pytest.mark.parametrize("name", ["first_name", "last_name", "gender", "mobile", "degree",
                                  "field_of_study"])
def test_a_required_field_emptied_is_refused_beside_it_and_nothing_changes(
        client: FlaskClient, name: str) -> None:
    post_form(client, "/graduates/register", REGISTRATION)
    response = post_form(client, "/profile", {**REGISTRATION, name: "", "city": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(rf'id="f-{name}-error">این بخش را پر کنید\.<', page), page
    stored = person()
    assert stored.mobile == "09123456789" and stored.gender.value == "female"
    assert stored.city == "ساوه"  # nothing of the refused form was written


def test_a_recorded_birth_year_sent_back_empty_is_refused_and_kept(
        client: FlaskClient, make_graduate) -> None:
    make_graduate(national_id="0013542419", birth_year=1376, mobile="09123456789")
    post_form(client, "/graduates/register", REGISTRATION)
    response = post_form(client, "/profile", {**REGISTRATION, "birth_year": ""})
    assert response.status_code == 400
    assert IDENTITY_RECORDED in response.get_data(as_text=True)
    assert person().birth_year == 1376


def test_an_import_row_with_blank_cells_keeps_what_the_bank_holds(app: Flask,
                                                                  tmp_path: Path) -> None:
    first = write_csv(tmp_path / "first.csv", GRADUATE_HEADERS,
                      as_rows(GRADUATE_HEADERS, [graduate(21)]))
    assert imports.import_file("graduates", first).created == 1
    blanks = graduate(21, city="", university="", graduation_year="", desired_job="",
                      birth_year="", field_of_study="مهندسی برق")
    second = write_csv(tmp_path / "again.csv", GRADUATE_HEADERS,
                       as_rows(GRADUATE_HEADERS, [blanks]))
    assert imports.import_file("graduates", second).updated == 1
    stored = person()
    assert stored.profile.field_of_study == "مهندسی برق"
    assert (stored.city, stored.birth_year) == ("اراک", 1375)
    assert stored.profile.university.name == "دانشگاه اراک"
    assert (stored.profile.graduation_year, stored.profile.desired_job) == (1400, "برنامه‌نویس")
