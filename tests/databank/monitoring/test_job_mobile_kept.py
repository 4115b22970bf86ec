"""A mobile typed for a person the bank already holds is never written over the stored one (it
is her proof for claiming her record): the officer is told it was kept, and who corrects it,
on the form's success message and in the imported row's note; the stored number is not shown."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.monitoring.models import MonitoringRecord
from databank.people.models import Person
from databank.vocabulary import Gender
from tests.conftest import csrf_token, post_form
from tests.databank.monitoring.test_job_import import PAGE, job, officer, run, sheet, upload
from tests.databank.monitoring.test_records import JOB, agencies, officer_client

__all__ = ["agencies", "officer", "sheet"]  # the fixtures
STORED = "09351112233"
KEPT = "شمارهٔ ثبت‌شده نگه داشته شد و شمارهٔ واردشده ذخیره نشد"
OFFICE = "دفتر کاریابی با دیدن کارت ملی او شماره‌اش را ثبت یا اصلاح می‌کند"


def stored_person(national_id: str, first: str, last: str, mobile: str | None) -> Person:
    person = Person(national_id=national_id, first_name=first, last_name=last,
                    gender=Gender.FEMALE, mobile=mobile)
    db.session.add(person)
    db.session.commit()
    return person


def test_the_form_keeps_the_stored_mobile_and_says_a_placement_office_corrects_it(
        app: Flask, make_user, agencies) -> None:
    person = stored_person(JOB["national_id"], JOB["first_name"], JOB["last_name"], STORED)
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, "/monitoring/records/new", JOB, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "اشتغال ثبت شد" in page and KEPT in page and OFFICE in page
    assert STORED not in page and "۰۹۳۵۱۱۱۲۲۳۳" not in page
    db.session.refresh(person)
    assert person.mobile == STORED
    assert db.session.scalar(select(MonitoringRecord)).person_id == person.id


def test_a_person_with_an_account_is_said_to_correct_her_mobile_herself(
        app: Flask, make_user, agencies) -> None:
    person = stored_person(JOB["national_id"], JOB["first_name"], JOB["last_name"], STORED)
    make_user(Role.GRADUATE, person_id=person.id)
    browser, _ = officer_client(app, make_user, agencies[0])
    page = post_form(browser, "/monitoring/records/new", JOB,
                     follow_redirects=True).get_data(as_text=True)
    assert KEPT in page and "«پروفایل من»" in page and OFFICE not in page


def test_the_same_mobile_or_none_typed_adds_nothing_to_the_message(
        app: Flask, make_user, agencies) -> None:
    stored_person(JOB["national_id"], JOB["first_name"], JOB["last_name"], JOB["mobile"])
    browser, _ = officer_client(app, make_user, agencies[0])
    page = post_form(browser, "/monitoring/records/new", JOB,
                     follow_redirects=True).get_data(as_text=True)
    assert "اشتغال ثبت شد" in page and "شمارهٔ واردشده" not in page


def test_a_person_stored_without_a_mobile_is_not_given_the_typed_one(
        app: Flask, make_user, agencies) -> None:
    person = stored_person(JOB["national_id"], JOB["first_name"], JOB["last_name"], None)
    browser, _ = officer_client(app, make_user, agencies[0])
    page = post_form(browser, "/monitoring/records/new", JOB,
                     follow_redirects=True).get_data(as_text=True)
    assert "بی‌شمارهٔ همراه در بانک ثبت شده است و شمارهٔ واردشده ذخیره نشد" in page
    db.session.refresh(person)
    assert person.mobile is None


def test_an_imported_row_notes_the_kept_mobile_and_is_still_registered(
        client, login, officer, sheet) -> None:
    row = job(2)
    person = stored_person(row["national_id"], row["first_name"], row["last_name"], STORED)
    login(officer)
    path = sheet([job(1), row])
    page = upload(client, path, csrf_token(client, PAGE)).get_data(as_text=True)
    assert 'data-testid="registered">۲<' in page and 'data-testid="refused">۰<' in page
    notes = page.split('data-testid="row-notes"')[1].split("</section>")[0]
    assert "ردیف ۳ — تلفن همراه (mobile): " in notes and KEPT in notes and OFFICE in notes
    assert "ردیف ۲" not in notes and STORED not in page
    db.session.refresh(person)
    assert person.mobile == STORED
    result = run(officer, path)  # sent again: unchanged, and still told of the mobile
    assert (result.unchanged, [note.row for note in result.notes]) == (2, [3])
