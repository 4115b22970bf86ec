"""A graduates import does not rename, or change the gender of, a person an agency has
registered a job for: her jobs (verified ones too) and the dashboard's gender figures show what
the bank holds, so such a row is refused, naming it, and nothing of it is written. Another
spelling of the same name is no change; a person with no job is corrected as before."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from databank.imports import services
from databank.monitoring.models import MonitoringRecord, RecordStatus
from databank.monitoring.services import decide, register_job
from databank.organisations.services import get_or_create_agency
from databank.people.models import Person
from databank.vocabulary import Gender, Sector
from tests.conftest import post_form, valid_national_id
from tests.databank.imports.conftest import GRADUATE_HEADERS, as_rows, graduate

NATIONAL_ID = valid_national_id(41)
ADMIN_PATH = "مدیر سامانه آن را از روی کارت ملی در صفحهٔ «اصلاح مشخصات هویتی» اصلاح می‌کند"


def person() -> Person:
    db.session.expire_all()
    found = db.session.scalar(select(Person).where(Person.national_id == NATIONAL_ID))
    assert found is not None
    return found


@pytest.fixture
def officer(make_user: Any) -> User:
    agency = get_or_create_agency("کمیته امداد امام خمینی")
    return make_user(Role.AGENCY_OFFICER, username="agency", agency_id=agency.id)


def register(officer: User, status: RecordStatus = RecordStatus.REGISTERED,
             first_name: str = "مریم", last_name: str = "رضایی") -> MonitoringRecord:
    """The job an agency registers for her (the bank's first word on her name and gender),
    then verified or rejected by an inspector as `status` says."""
    record = register_job(officer, {
        "national_id": NATIONAL_ID, "first_name": first_name, "last_name": last_name,
        "gender": Gender.FEMALE, "sector": Sector.SERVICES,
        "start_date": date.today() - timedelta(days=10)})
    if status is not RecordStatus.REGISTERED:
        inspector = User(username="inspector", display_name="بازرس", role=Role.INSPECTOR,
                         password_hash="x")
        db.session.add(inspector)
        db.session.flush()
        decide(inspector, record.id, status is RecordStatus.VERIFIED, reason="بیمه نشده")
    db.session.commit()
    return record


def row(**values: Any) -> dict[str, Any]:
    return graduate(41, **{"first_name": "مریم", "last_name": "رضایی", "gender": "زن",
                           **values})


def run(sheet: Any, *rows: dict[str, Any]) -> services.ImportResult:
    return services.import_file("graduates", sheet(GRADUATE_HEADERS,
                                                   as_rows(GRADUATE_HEADERS, rows)))


@pytest.mark.parametrize("status", list(RecordStatus))
@pytest.mark.parametrize(("change", "what", "column"), [
    ({"first_name": "مرجان"}, "نام", "نام (first_name)"),
    ({"last_name": "رضایی‌نژاد"}, "نام", "نام خانوادگی (last_name)"),
    ({"gender": "مرد"}, "جنسیت", "جنسیت (gender)"),
    ({"first_name": "محمد", "gender": "مرد"}, "نام و جنسیت", "نام (first_name)"),
])
def test_a_row_changing_the_name_or_gender_of_a_person_with_a_job_is_refused_and_writes_nothing(
        sheet, officer, status: RecordStatus, change: dict[str, str], what: str,
        column: str) -> None:
    register(officer, status)
    result = run(sheet, row(city="ساوه", **change))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    [refused] = result.refused
    [problem] = refused.problems
    assert problem.column == column
    assert "به نام «مریم رضایی» (زن) ثبت شده است" in problem.reason
    assert f"فایل {what} فردی را که اشتغال ثبت‌شده دارد تغییر نمی‌دهد" in problem.reason
    assert ADMIN_PATH in problem.reason and problem.reason.endswith("این ردیف ذخیره نشد.")
    stored = person()
    assert (stored.full_name, stored.gender, stored.city) == ("مریم رضایی", Gender.FEMALE, None)
    assert stored.profile is None  # nothing of the row: not even the profile it would add
    record = db.session.scalar(select(MonitoringRecord))
    assert record.person.full_name == "مریم رضایی" and record.status is status


@pytest.mark.parametrize(("first_name", "last_name"), [
    ("مريم", "رضايي"),             # Arabic yeh
    ("  مریم ", "رضایی  "),        # spaces around
    ("مریم", "رضا یی"),            # a space inside a word
    ("مریم", "رضا\u200cیی"),        # a half-space
])
def test_another_spelling_of_the_same_name_is_no_change_and_the_banks_spelling_stays(
        sheet, officer, first_name: str, last_name: str) -> None:
    register(officer)
    result = run(sheet, row(first_name=first_name, last_name=last_name, city="ساوه"))
    assert (result.refused, result.updated) == ([], 1)  # her city and a new profile
    stored = person()
    assert (stored.first_name, stored.last_name, stored.city) == ("مریم", "رضایی", "ساوه")
    assert stored.profile is not None


def test_a_row_saying_what_the_bank_holds_in_another_spelling_is_unchanged(
        sheet, officer) -> None:
    register(officer)
    assert run(sheet, row()).updated == 1  # her profile
    again = run(sheet, row(first_name="مريم", last_name="رضا\u200cيي"))
    assert (again.unchanged, again.updated, again.refused) == (1, 0, [])
    assert person().full_name == "مریم رضایی"


def test_a_name_split_elsewhere_between_first_and_last_is_the_same_name(sheet, officer
                                                                         ) -> None:
    register(officer, first_name="محمد رضا", last_name="احمدی")
    result = run(sheet, row(first_name="محمد", last_name="رضا احمدی", gender="زن"))
    assert result.refused == []
    stored = person()
    assert (stored.first_name, stored.last_name) == ("محمد رضا", "احمدی")


def test_a_person_with_no_job_is_still_corrected_by_an_import(sheet) -> None:
    assert run(sheet, row()).created == 1
    result = run(sheet, row(first_name="مرجان", gender="مرد"))
    assert (result.updated, result.refused) == (1, [])
    stored = person()
    assert (stored.full_name, stored.gender) == ("مرجان رضایی", Gender.MALE)


def test_a_gender_the_bank_lacks_is_filled_for_a_person_with_a_job(sheet, officer) -> None:
    register(officer)
    stored = person()
    stored.gender = None
    db.session.commit()
    assert run(sheet, row(gender="زن")).refused == []
    assert person().gender is Gender.FEMALE


def test_the_refusal_is_on_the_import_page_and_the_other_rows_are_stored(
        client: FlaskClient, make_user, login, officer, sheet) -> None:
    register(officer, RecordStatus.VERIFIED)
    login(make_user(Role.PLACEMENT_OFFICER))
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS,
                                           [graduate(42), row(gender="مرد")]))
    response = post_form(client, "/imports/", {"kind": "graduates",
                                               "file": (io.BytesIO(path.read_bytes()),
                                                        path.name)})
    page = response.get_data(as_text=True)
    assert 'data-testid="created">۱<' in page and 'data-testid="refused">۱<' in page
    assert "به نام «مریم رضایی» (زن) ثبت شده است" in page and ADMIN_PATH in page
    assert person().gender is Gender.FEMALE
    entry = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "import_graduates")).one()
    assert (entry.details["created"], entry.details["updated"], entry.details["refused"]) \
        == (1, 0, 1)
