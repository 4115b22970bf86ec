"""The small forms of the records list (an end, a corrected end, taking a job back, an
inspector's rejection) leave checking to the server (novalidate), so a box left empty is
answered with the bank's Persian message naming the person, never the browser's English bubble,
and never an error page."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.monitoring.models import MonitoringRecord, RecordStatus
from databank.monitoring.schemas import WITHDRAWAL_REASON
from tests.conftest import PASSWORD, post_form
from tests.databank.monitoring.test_job_dates import JOB, days, officer_client

LIST = "/monitoring/records"
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)


def forms_with_required_boxes(page: str) -> list[str]:
    return [opening for opening, body in FORM.findall(page) if re.search(r"\brequired\b", body)]


@pytest.fixture
def officer(app: Flask, make_user) -> FlaskClient:
    return officer_client(app, make_user, "مدیریت جهاد کشاورزی")


@pytest.fixture
def record(officer: FlaskClient) -> MonitoringRecord:
    post_form(officer, "/monitoring/records/new", {**JOB, "start_date": days(-60)})
    return db_record()


def db_record() -> MonitoringRecord:
    found = db.session.scalar(select(MonitoringRecord))
    db.session.refresh(found)
    return found


def refusal(response) -> str:
    assert response.status_code < 500
    return " ".join(re.findall(r'class="alert alert-danger"[^>]*>([^<]*)<',
                               response.get_data(as_text=True)))


def test_every_row_form_with_a_required_box_leaves_checking_to_the_server(
        officer: FlaskClient, record: MonitoringRecord, app: Flask, make_user) -> None:
    page = officer.get(LIST).get_data(as_text=True)
    found = forms_with_required_boxes(page)
    assert len(found) >= 2  # the end, and taking back
    assert all("novalidate" in opening for opening in found)
    post_form(officer, LIST, {"end_date": days(-5)}, action=f"{LIST}/{record.id}/end")
    page = officer.get(LIST).get_data(as_text=True)
    found = forms_with_required_boxes(page)
    assert found and all("novalidate" in opening for opening in found)  # the corrected end


def test_an_empty_end_is_refused_in_persian_naming_her(officer: FlaskClient,
                                                       record: MonitoringRecord) -> None:
    said = refusal(post_form(officer, LIST, {"end_date": ""}, action=f"{LIST}/{record.id}/end",
                             follow_redirects=True))
    assert said.startswith("پایان اشتغال «زهرا کریمی» ثبت نشد: ")
    assert db_record().end_date is None


def test_an_empty_corrected_end_is_refused_in_persian(officer: FlaskClient,
                                                      record: MonitoringRecord) -> None:
    post_form(officer, LIST, {"end_date": days(-5)}, action=f"{LIST}/{record.id}/end")
    said = refusal(post_form(officer, LIST, {"end_date": " "},
                             action=f"{LIST}/{record.id}/end/correct", follow_redirects=True))
    assert "اصلاح پایان اشتغال «زهرا کریمی» انجام نشد" in said and "برداشتن پایان" in said


def test_taking_a_job_back_without_a_reason_asks_for_one_in_persian(
        officer: FlaskClient, record: MonitoringRecord) -> None:
    response = post_form(officer, LIST, {"reason": ""}, action=f"{LIST}/{record.id}/withdraw")
    assert response.status_code == 400
    assert WITHDRAWAL_REASON in response.get_data(as_text=True)


def test_an_inspector_s_rejection_without_a_reason_is_refused_in_persian(
        app: Flask, make_user, record: MonitoringRecord) -> None:
    inspector = app.test_client()
    post_form(inspector, "/login", {"username": make_user(Role.INSPECTOR).username,
                                    "password": PASSWORD})
    page = inspector.get(LIST).get_data(as_text=True)
    assert all("novalidate" in opening for opening in forms_with_required_boxes(page))
    said = refusal(post_form(inspector, LIST, {"verified": "0", "reason": ""},
                             action=f"{LIST}/{record.id}/decide", follow_redirects=True))
    assert said.startswith("رد اشتغال «زهرا کریمی» انجام نشد: ") and "دلیل" in said
    assert db_record().status is RecordStatus.REGISTERED
