"""Monitoring records: one person, one agency at a time, enforced by the database; agency
officers see and change only their own agency's records; inspectors decide."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.db import db
from databank.monitoring.models import MonitoringRecord, RecordStatus
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import find_by_name, get_or_create_agency, get_or_create_unit
from databank.people.models import Person
from tests.conftest import PASSWORD, at_once, csrf_token, post_form

JOB = {"national_id": "0013542419", "first_name": "زهرا", "last_name": "کریمی",
       "gender": "زن", "mobile": "09121234567", "sector": "services",
       "unit_name": "کارگاه خیاطی نور", "workshop_code": "7001", "start_date": "۱۴۰۵/۰۷/۰۱"}


@pytest.fixture
def agencies(app: Flask):
    first = get_or_create_agency("مدیریت جهاد کشاورزی")
    second = get_or_create_agency("کمیته امداد امام خمینی (ره)")
    db.session.commit()
    return first, second


def officer_client(app: Flask, make_user, agency) -> tuple[FlaskClient, object]:
    user = make_user(Role.AGENCY_OFFICER, agency_id=agency.id)
    browser = app.test_client()
    post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    return browser, user


def records() -> int:
    return db.session.scalar(select(func.count(MonitoringRecord.id)))


def test_an_agency_officer_registers_a_job_for_her_agency(app, make_user, agencies) -> None:
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, "/monitoring/records/new", JOB)
    assert response.status_code == 302
    record = db.session.scalar(select(MonitoringRecord))
    assert record.agency_id == agencies[0].id and record.status is RecordStatus.REGISTERED
    assert record.start_date == date(2026, 9, 23) and record.unit.workshop_code == "7001"
    assert record.person.national_id == "0013542419"


def test_she_cannot_credit_another_agency(app, make_user, agencies) -> None:
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, "/monitoring/records/new",
                         {**JOB, "agency_id": str(agencies[1].id)})
    assert response.status_code == 403
    assert records() == 0


def test_a_second_agency_is_refused_with_the_holders_name_and_date(app, make_user,
                                                                   agencies) -> None:
    first, _ = officer_client(app, make_user, agencies[0])
    second, _ = officer_client(app, make_user, agencies[1])
    post_form(first, "/monitoring/records/new", JOB)
    response = post_form(second, "/monitoring/records/new", {**JOB, "start_date": "1405/08/01"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "مدیریت جهاد کشاورزی" in page and "۱۴۰۵/۰۷/۰۱" in page
    assert records() == 1


def test_after_the_job_ends_another_agency_can_register_the_person(app, make_user,
                                                                   agencies) -> None:
    first, _ = officer_client(app, make_user, agencies[0])
    second, _ = officer_client(app, make_user, agencies[1])
    post_form(first, "/monitoring/records/new", JOB)
    held = db.session.scalar(select(MonitoringRecord))
    early = post_form(first, "/monitoring/records", {"end_date": "1405/06/01"},
                      action=f"/monitoring/records/{held.id}/end")
    assert early.status_code == 302
    db.session.refresh(held)
    assert held.end_date is None  # an end before the start was refused
    post_form(first, "/monitoring/records", {"end_date": "1405/08/15"},
              action=f"/monitoring/records/{held.id}/end")
    db.session.refresh(held)
    assert held.end_date == date(2026, 11, 6)
    response = post_form(second, "/monitoring/records/new", {**JOB, "start_date": "1405/09/01"})
    assert response.status_code == 302
    assert records() == 2
    assert db.session.scalar(select(func.count(Person.id))) == 1


def test_an_agency_officer_sees_and_ends_only_her_agencys_records(app, make_user,
                                                                  agencies) -> None:
    first, _ = officer_client(app, make_user, agencies[0])
    second, _ = officer_client(app, make_user, agencies[1])
    post_form(first, "/monitoring/records/new", JOB)
    post_form(second, "/monitoring/records/new", {**JOB, "national_id": "0499370899",
                                                  "mobile": "09121234568"})
    mine = first.get("/monitoring/records").get_data(as_text=True)
    assert mine.count('data-testid="record"') == 1 and "۰۰۱۳۵۴۲۴۱۹" in mine
    assert "۰۴۹۹۳۷۰۸۹۹" not in mine
    theirs = db.session.scalar(select(MonitoringRecord).where(
        MonitoringRecord.agency_id == agencies[1].id))
    response = post_form(first, "/monitoring/records", {"end_date": "1405/09/01"},
                         action=f"/monitoring/records/{theirs.id}/end")
    assert response.status_code == 404
    db.session.refresh(theirs)
    assert theirs.end_date is None


def test_an_inspector_verifies_or_rejects_with_a_reason(app, make_user, agencies,
                                                        login, client) -> None:
    officer, _ = officer_client(app, make_user, agencies[0])
    post_form(officer, "/monitoring/records/new", JOB)
    post_form(officer, "/monitoring/records/new", {**JOB, "national_id": "0499370899",
                                                   "mobile": "09121234568"})
    rejected, verified = db.session.scalars(select(MonitoringRecord)
                                            .order_by(MonitoringRecord.id)).all()
    login(make_user(Role.INSPECTOR))
    page = "/monitoring/records?status=registered"
    refused = post_form(client, page, {"verified": "0", "reason": ""},
                        action=f"/monitoring/records/{rejected.id}/decide")
    assert refused.status_code == 302
    db.session.refresh(rejected)
    assert rejected.status is RecordStatus.REGISTERED
    post_form(client, page, {"verified": "0", "reason": "در فهرست بیمه نیست"},
              action=f"/monitoring/records/{rejected.id}/decide")
    post_form(client, page, {"verified": "1"}, action=f"/monitoring/records/{verified.id}/decide")
    db.session.refresh(rejected)
    db.session.refresh(verified)
    assert rejected.status is RecordStatus.REJECTED
    assert rejected.rejection_reason == "در فهرست بیمه نیست"
    assert verified.status is RecordStatus.VERIFIED and verified.rejection_reason is None


def decisions() -> int:
    from databank.audit.models import AuditEntry

    return db.session.scalar(select(func.count(AuditEntry.id)).where(
        AuditEntry.action.in_(("verify_job", "reject_job"))))


@pytest.mark.parametrize(("first", "second"), [("1", "0"), ("0", "1")])
def test_a_decided_record_cannot_be_decided_the_other_way(app, make_user, agencies, login,
                                                          client, first: str,
                                                          second: str) -> None:
    """The same decision again is done already (test_repeated_decisions)."""
    officer, _ = officer_client(app, make_user, agencies[0])
    post_form(officer, "/monitoring/records/new", JOB)
    record = db.session.scalar(select(MonitoringRecord))
    login(make_user(Role.INSPECTOR))
    page, action = "/monitoring/records", f"/monitoring/records/{record.id}/decide"
    post_form(client, page, {"verified": first, "reason": "در محل کار نبود"}, action=action)
    db.session.refresh(record)
    decided = record.status, record.rejection_reason, record.verified_at
    assert record.status is not RecordStatus.REGISTERED
    response = post_form(client, page, {"verified": second, "reason": "بازبینی"},
                         action=action, follow_redirects=True)
    assert "فقط اشتغالی که در وضعیت «در انتظار راستی‌آزمایی» است تأیید یا رد می‌شود" in \
        response.get_data(as_text=True)
    db.session.refresh(record)
    assert (record.status, record.rejection_reason, record.verified_at) == decided
    assert decisions() == 1


def test_verifying_a_rejected_job_whose_person_another_agency_took_is_refused(
        app, make_user, agencies, login, client) -> None:
    """QA: this was a 500 (the person would have held two active records)."""
    first, _ = officer_client(app, make_user, agencies[0])
    second, _ = officer_client(app, make_user, agencies[1])
    post_form(first, "/monitoring/records/new", JOB)
    rejected = db.session.scalar(select(MonitoringRecord))
    login(make_user(Role.INSPECTOR))
    action = f"/monitoring/records/{rejected.id}/decide"
    post_form(client, "/monitoring/records", {"verified": "0", "reason": "جعلی"}, action=action)
    assert post_form(second, "/monitoring/records/new", JOB).status_code == 302
    response = post_form(client, "/monitoring/records", {"verified": "1"}, action=action,
                         follow_redirects=True)
    assert response.status_code == 200
    assert "«ردشده» است" in response.get_data(as_text=True)
    db.session.expire_all()
    holders = db.session.execute(select(MonitoringRecord.agency_id, MonitoringRecord.status)
                                 .order_by(MonitoringRecord.id)).all()
    assert holders == [(agencies[0].id, RecordStatus.REJECTED),
                       (agencies[1].id, RecordStatus.REGISTERED)]


def test_a_rejected_job_cannot_be_ended(app, make_user, agencies, login, client) -> None:
    officer, _ = officer_client(app, make_user, agencies[0])
    post_form(officer, "/monitoring/records/new", JOB)
    record = db.session.scalar(select(MonitoringRecord))
    login(make_user(Role.INSPECTOR))
    post_form(client, "/monitoring/records", {"verified": "0", "reason": "جعلی"},
              action=f"/monitoring/records/{record.id}/decide")
    page = officer.get("/monitoring/records").get_data(as_text=True)
    assert "پایان اشتغال" not in page
    response = post_form(officer, "/monitoring/records", {"end_date": "1405/08/15"},
                         action=f"/monitoring/records/{record.id}/end", follow_redirects=True)
    assert "در راستی‌آزمایی رد شده است" in response.get_data(as_text=True)
    db.session.refresh(record)
    assert record.end_date is None


def test_the_same_agency_registering_a_person_again_is_told_it_already_holds_her(
        app, make_user, agencies) -> None:
    browser, _ = officer_client(app, make_user, agencies[0])
    post_form(browser, "/monitoring/records/new", JOB)
    response = post_form(browser, "/monitoring/records/new", {**JOB, "start_date": "1405/08/01"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "با همین دستگاه («مدیریت جهاد کشاورزی»)" in page and "۱۴۰۵/۰۷/۰۱" in page
    assert "دستگاه دیگری" not in page
    assert records() == 1


def test_agency_officers_cannot_verify(app, make_user, agencies) -> None:
    officer, _ = officer_client(app, make_user, agencies[0])
    post_form(officer, "/monitoring/records/new", JOB)
    record = db.session.scalar(select(MonitoringRecord))
    response = post_form(officer, "/monitoring/records", {"verified": "1"},
                         action=f"/monitoring/records/{record.id}/decide")
    assert response.status_code == 403


def test_the_admin_sets_commitments_and_others_cannot(client, login, make_user,
                                                      agencies) -> None:
    from databank.monitoring.models import Commitment

    login(make_user(Role.ADMIN))
    response = post_form(client, "/monitoring/commitments?year=1405",
                         {"agency_id": str(agencies[0].id), "year": "۱۴۰۵", "target": "۱۵۰"})
    assert response.status_code == 302
    again = post_form(client, "/monitoring/commitments?year=1405",
                      {"agency_id": str(agencies[0].id), "year": "1405", "target": "180"})
    assert again.status_code == 302
    targets = db.session.execute(select(Commitment.year, Commitment.target)).all()
    assert targets == [(1405, 180)]
    bad = post_form(client, "/monitoring/commitments?year=1405",
                    {"agency_id": str(agencies[0].id), "year": "1405", "target": "-5"})
    assert bad.status_code == 400 and "عدد باید بین" in bad.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.AGENCY_OFFICER, Role.PLACEMENT_OFFICER,
                                  Role.INSPECTOR, Role.EMPLOYER])
def test_only_the_admin_sets_commitments(client, login, make_user, role) -> None:
    login(make_user(role))
    assert client.get("/monitoring/commitments").status_code == 403


def test_simultaneous_registrations_by_many_agencies_leave_exactly_one_record(
        app: Flask, make_user) -> None:
    """Officers of eight agencies press the button at the same moment for the same person."""
    officers = []
    for number in range(8):
        agency = get_or_create_agency(f"دستگاه همزمان {number}")
        db.session.commit()
        officers.append(officer_client(app, make_user, agency)[0])
    tokens = [post_form_token(browser) for browser in officers]
    db.session.commit()
    statuses = at_once([
        lambda browser=browser, token=token: browser.post(
            "/monitoring/records/new", data={**JOB, "csrf_token": token}).status_code
        for browser, token in zip(officers, tokens, strict=True)])
    assert sorted(statuses) == [302] + [409] * 7
    db.session.expire_all()
    assert records() == 1


def post_form_token(browser: FlaskClient) -> str:
    from tests.conftest import csrf_token

    return csrf_token(browser, "/monitoring/records/new")


def test_a_workshop_code_another_unit_holds_is_refused_without_its_name(app, make_user,
                                                                        agencies) -> None:
    get_or_create_unit("کارخانه ریسندگی آزمون", workshop_code="7001")
    db.session.commit()
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, "/monitoring/records/new", JOB)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "برای واحد دیگری در بانک ثبت شده است" in page and "ریسندگی آزمون" not in page
    assert records() == 0
    assert find_by_name(IndustrialUnit, JOB["unit_name"]) is None


def test_admins_setting_one_commitment_at_the_same_moment_leave_one_target(
        app: Flask, make_user, agencies) -> None:
    """Two admins press save for the same agency and year at once: one commitment stays,
    holding one of their targets, and neither of them gets a 500."""
    from databank.monitoring.models import Commitment

    browsers = []
    for _ in range(4):
        user = make_user(Role.ADMIN)
        browser = app.test_client()
        post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
        browsers.append((browser, csrf_token(browser, "/monitoring/commitments?year=1405")))
    agency_id = str(agencies[0].id)  # read here: the threads have no session of their own
    db.session.commit()
    statuses = at_once([
        lambda browser=browser, token=token, target=100 + number: browser.post(
            "/monitoring/commitments?year=1405", data={
                "agency_id": agency_id, "year": "1405", "target": str(target),
                "csrf_token": token}).status_code
        for number, (browser, token) in enumerate(browsers)])
    assert statuses == [302] * len(browsers)
    db.session.expire_all()
    targets = db.session.scalars(select(Commitment.target)).all()
    assert len(targets) == 1 and targets[0] in range(100, 100 + len(browsers))


def test_a_known_unit_named_with_another_code_is_refused_not_silently_kept(
        app, make_user, agencies) -> None:
    get_or_create_unit(JOB["unit_name"], workshop_code="7002")
    db.session.commit()
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, "/monitoring/records/new", JOB)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "در بانک ثبت شده است یکی نیست" in page
    assert "۷۰۰۲" not in page  # the stored code is the unit's proof, never shown
    assert records() == 0
    same = post_form(browser, "/monitoring/records/new", {**JOB, "workshop_code": "۷۰۰۲"})
    assert same.status_code == 302 and records() == 1


def test_a_unit_code_that_lost_its_leading_zeros_is_still_the_units(app, make_user,
                                                                     agencies) -> None:
    get_or_create_unit(JOB["unit_name"], workshop_code="0007001")
    db.session.commit()
    browser, _ = officer_client(app, make_user, agencies[0])
    assert post_form(browser, "/monitoring/records/new", JOB).status_code == 302
    other = post_form(browser, "/monitoring/records/new",
                      {**JOB, "national_id": "0084575948", "unit_name": "واحد دیگر"})
    assert other.status_code == 409  # the code is that unit's, zeros or not
    assert "برای واحد دیگری در بانک ثبت شده است" in other.get_data(as_text=True)


def test_a_job_for_a_national_id_the_bank_holds_under_another_name_is_refused(
        app, make_user, agencies) -> None:
    browser, _ = officer_client(app, make_user, agencies[0])
    # the bank holds زهرا کریمی, a woman, under this national ID (created by a first job)
    assert post_form(browser, "/monitoring/records/new", JOB).status_code == 302
    ended = db.session.scalar(select(MonitoringRecord))
    ended.end_date = ended.start_date
    db.session.commit()
    other = post_form(browser, "/monitoring/records/new",
                      {**JOB, "first_name": "رضا", "last_name": "ناشناس", "gender": "مرد"})
    assert other.status_code == 409
    page = other.get_data(as_text=True)
    assert "جور نیست" in page and "زهرا" not in page  # the stored name is not given away
    wrong_gender = post_form(browser, "/monitoring/records/new", {**JOB, "gender": "مرد"})
    assert wrong_gender.status_code == 409
    assert records() == 1
    same = post_form(browser, "/monitoring/records/new",
                     {**JOB, "first_name": "زهرا", "last_name": "كريمي"})  # Arabic letters
    assert same.status_code == 302 and records() == 2
