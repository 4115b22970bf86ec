"""A placement office, often a private business, sees the monitoring records of the hires it
made, not every employed person of the county with her national ID."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.monitoring.models import MonitoringRecord
from databank.organisations.services import get_or_create_office
from tests.conftest import PASSWORD, post_form
from tests.databank.monitoring.test_job_dates import days, interviewed
from tests.databank.monitoring.test_records import JOB, agencies, officer_client

__all__ = ["agencies", "interviewed"]  # the fixtures


def signed_in(app: Flask, user) -> FlaskClient:
    browser = app.test_client()
    post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    return browser


def test_an_office_sees_its_own_hires_records_and_no_one_elses(
        app: Flask, client: FlaskClient, login, make_user, interviewed, agencies) -> None:
    proposal, officer = interviewed
    login(officer)
    assert post_form(client, f"/review/{proposal.id}", {"to": "hired", "start_date": days(0)},
                     action=f"/review/{proposal.id}/move").status_code == 302
    agency_browser, _ = officer_client(app, make_user, agencies[0])
    assert post_form(agency_browser, "/monitoring/records/new", JOB).status_code == 302
    hire, other = db.session.scalars(select(MonitoringRecord).order_by(MonitoringRecord.id))
    hired_id, other_id = hire.person.national_id, other.person.national_id

    mine = client.get("/monitoring/records").get_data(as_text=True)
    assert mine.count('data-testid="record"') == 1 and hire.person.full_name in mine
    assert other.person.full_name not in mine
    assert client.get(f"/monitoring/records/export.csv?q={other_id}").data.decode(
        "utf-8-sig").count("\n") == 1  # the header alone
    colleague = signed_in(app, make_user(Role.PLACEMENT_OFFICER, office_id=officer.office_id))
    assert hire.person.full_name in colleague.get("/monitoring/records").get_data(as_text=True)

    elsewhere = make_user(Role.PLACEMENT_OFFICER,
                          office_id=get_or_create_office("دفتر کاریابی دیگر").id)
    theirs = signed_in(app, elsewhere).get(f"/monitoring/records?q={hired_id}")
    assert theirs.status_code == 200 and 'data-testid="record"' not in theirs.get_data(
        as_text=True)
