"""A person's name holds letters, with the spaces, half-spaces, hyphens, apostrophes and dots
names have; digits, markup and formula signs are refused in Persian, wherever a name is typed
(the job form, a graduate's registration, a spreadsheet row), and nothing is written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.db import db
from databank.monitoring.models import MonitoringRecord
from databank.people.models import Person
from databank.validation import InvalidValue, display_name, person_name
from tests.conftest import post_form
from tests.databank.monitoring.test_records import JOB, agencies, officer_client  # noqa: F401


@pytest.mark.parametrize(("typed", "stored"), [
    ("مریم", "مریم"), ("سید  محمد", "سید محمد"), ("عبدالله‌زاده", "عبدالله‌زاده"),
    ("م. رضایی", "م. رضایی"), ("ژان-پل", "ژان-پل"), ("  علی\u200f ", "علی"),
    ("علي", "علي"),  # kept as typed; its key folds the letters for search and comparison
])
def test_names_as_people_write_them_are_kept(typed: str, stored: str) -> None:
    assert person_name(typed) == stored


@pytest.mark.parametrize("typed", ["Sara", "O'Neil", "زهرا Karimi", "Zahrā"])
def test_a_name_in_latin_letters_is_asked_for_in_persian(typed: str) -> None:
    """Every person here holds an Iranian national ID, whose card writes the name in Persian."""
    with pytest.raises(InvalidValue) as refused:
        person_name(typed, "نام خانوادگی")
    assert refused.value.message.startswith("نام خانوادگی را با حروف فارسی بنویسید")


@pytest.mark.parametrize(("typed", "named"), [
    ("123", "«۱»، «۲»، «۳»"), ("کریمی 2", "«۲»"), ("<b>x</b>", "«/»، «<»، «>»"),
    ('=HYPERLINK("http://x","click")', "«\"»"), ("!!!", "«!»"), ("...", ""),
    ("-سارا", "«-»"),
])
def test_what_is_no_name_is_refused_naming_the_odd_characters(typed: str, named: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        person_name(typed)
    assert refused.value.message.startswith("نام فقط از حروف است")
    assert named in refused.value.message


def test_the_job_form_refuses_a_name_with_digits_and_writes_nothing(app, make_user,
                                                                    agencies) -> None:  # noqa: F811
    browser, _ = officer_client(app, make_user, agencies[0])
    answer = post_form(browser, "/monitoring/records/new", {**JOB, "first_name": "123"})
    assert answer.status_code == 400
    assert "نام فقط از حروف است" in answer.get_data(as_text=True)
    assert db.session.scalar(select(func.count(MonitoringRecord.id))) == 0
    assert db.session.scalar(select(func.count(Person.id))) == 0


def test_a_graduate_cannot_register_markup_as_her_name(client) -> None:
    answer = post_form(client, "/graduates/register", {
        "national_id": "0013542419", "first_name": "زهرا", "last_name": "<b>x</b>",
        "mobile": "09121234567", "degree": "3", "field_of_study": "حسابداری",
        "username": "zahra", "password": "a-long-enough-pass",
        "password_confirm": "a-long-enough-pass"})
    assert answer.status_code == 400
    assert "در نام خانوادگی نمی‌آید" in answer.get_data(as_text=True)  # the field it is in
    assert db.session.scalar(select(func.count(Person.id))) == 0


@pytest.mark.parametrize(("typed", "kept"), [
    ("مریم رضایی", True), ("شرکت فولاد ۲۰۰۰", True), ("دفتر کاریابی (مرکزی)", True),
    ("<b>مریم</b>", False), ("کیان۲ =1+1", False), ("<script>x</script>", False),
    ("-x", False), ("۱۲۳", False),
])
def test_an_accounts_display_name_takes_digits_but_no_markup(typed: str, kept: bool) -> None:
    if kept:
        assert display_name(typed) == typed
    else:
        with pytest.raises(InvalidValue):
            display_name(typed)


def test_the_admin_cannot_name_an_officer_with_markup(client, make_user, login) -> None:
    login(make_user(Role.ADMIN))
    answer = post_form(client, "/admin/users/new", {
        "role": "inspector", "display_name": "<b>مریم</b>", "username": "maryam.b",
        "password": "inspector-pass-1", "password_confirm": "inspector-pass-1"})
    assert answer.status_code == 400 and "در نام نمی‌آید" in answer.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id)).where(User.username == "maryam.b")) == 0
