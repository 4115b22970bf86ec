"""The records list finds one person, one agency's year or one status at once, keeps them
across its pages and actions, and says which filter it could not use."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.monitoring.models import MonitoringRecord
from databank.people.models import Person
from tests.conftest import post_form
from tests.databank.monitoring.test_records import JOB, agencies, officer_client

__all__ = ["agencies"]  # the fixture, shared with the records' tests

PEOPLE = [  # national ID, first name, last name, agency (0 or 1), start
    ("0013542419", "زهرا", "کریمی", 0, "1405/07/01"),
    ("0499370899", "علی", "رضایی", 0, "1404/03/10"),
    ("0067749828", "مریم", "كاظمي", 1, "1405/02/15"),  # Arabic kaf and yeh, as typed
]


def registered(app: Flask, make_user, agencies) -> None:
    officers = [officer_client(app, make_user, agency)[0] for agency in agencies]
    for number, (national_id, first, last, agency, start) in enumerate(PEOPLE):
        response = post_form(officers[agency], "/monitoring/records/new", {
            **JOB, "national_id": national_id, "first_name": first, "last_name": last,
            "mobile": f"0912123456{number}", "start_date": start})
        assert response.status_code == 302, response.get_data(as_text=True)


def names_listed(page: str) -> list[str]:
    """The first names of the records listed, in the list's order."""
    return sorted((first for _, first, *_ in PEOPLE if first in page), key=page.index)


def test_an_inspector_finds_a_person_by_name_in_any_spelling_or_by_national_id(
        app: Flask, make_user, agencies, login, client) -> None:
    registered(app, make_user, agencies)
    login(make_user(Role.INSPECTOR))
    by_name = client.get("/monitoring/records", query_string={"q": "مریم کاظمی"})
    assert by_name.status_code == 200
    assert names_listed(by_name.get_data(as_text=True)) == ["مریم"]
    surname_first = client.get("/monitoring/records", query_string={"q": "رضایی علي"})
    assert names_listed(surname_first.get_data(as_text=True)) == ["علی"]
    by_id = client.get("/monitoring/records", query_string={"q": "۴۹۹۳۷"})
    assert names_listed(by_id.get_data(as_text=True)) == ["علی"]
    nobody = client.get("/monitoring/records", query_string={"q": "ناشناس"})
    assert "سابقه‌ای با این جست‌وجو پیدا نشد" in nobody.get_data(as_text=True)


def test_an_agency_and_a_year_narrow_the_list(app: Flask, make_user, agencies, login,
                                              client) -> None:
    registered(app, make_user, agencies)
    login(make_user(Role.ADMIN))
    page = client.get("/monitoring/records", query_string={
        "agency": str(agencies[0].id), "year": "۱۴۰۵"}).get_data(as_text=True)
    assert names_listed(page) == ["زهرا"]
    assert f'<option value="{agencies[0].id}" selected>' in page


def test_an_agency_officer_cannot_reach_another_agencys_records_through_the_filter(
        app: Flask, make_user, agencies) -> None:
    registered(app, make_user, agencies)
    officer, _ = officer_client(app, make_user, agencies[0])
    page = officer.get("/monitoring/records", query_string={"agency": str(agencies[1].id)})
    assert names_listed(page.get_data(as_text=True)) == ["زهرا", "علی"]
    assert 'name="agency"' not in page.get_data(as_text=True)


def test_filters_that_cannot_be_used_are_named_in_persian_not_a_500(
        app: Flask, make_user, agencies, login, client) -> None:
    registered(app, make_user, agencies)
    login(make_user(Role.INSPECTOR))
    response = client.get("/monitoring/records", query_string={
        "status": "deleted", "year": "1380", "agency": "99999999999999"})
    assert client.get("/monitoring/records?agency=%C2%B2").status_code == 400  # «²», a digit
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "وضعیت «deleted» در بانک نیست" in page
    assert "سال باید بین ۱۳۹۰ و" in page and "این دستگاه در بانک نیست" in page
    assert names_listed(page) == ["زهرا", "مریم", "علی"]  # every record, newest first


def test_a_decision_returns_the_inspector_to_the_list_she_was_searching(
        app: Flask, make_user, agencies, login, client) -> None:
    registered(app, make_user, agencies)
    login(make_user(Role.INSPECTOR))
    searched = "/monitoring/records?status=registered&q=%D8%B9%D9%84%DB%8C"  # q=علی
    page = client.get(searched).get_data(as_text=True)
    record = db.session.scalar(select(MonitoringRecord).join(MonitoringRecord.person)
                               .where(Person.national_id == "0499370899"))
    action = f"/monitoring/records/{record.id}/decide?q=%D8%B9%D9%84%DB%8C&amp;status=registered"
    assert action in page
    response = post_form(client, searched, {"verified": "1"},
                         action=action.replace("&amp;", "&"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        "/monitoring/records?q=%D8%B9%D9%84%DB%8C&status=registered")



def exported(response) -> list[tuple]:
    from io import BytesIO

    from openpyxl import load_workbook

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    sheet = load_workbook(BytesIO(response.data), read_only=True).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_the_list_exports_as_searched_within_what_the_user_sees(
        app: Flask, make_user, agencies, login, client) -> None:
    from databank.audit.models import AuditEntry

    registered(app, make_user, agencies)
    login(make_user(Role.INSPECTOR))
    page = client.get("/monitoring/records?year=1405").get_data(as_text=True)
    assert "/monitoring/records/export.xlsx?year=1405" in page
    rows = exported(client.get("/monitoring/records/export.xlsx?year=1405"))
    assert rows[0][:4] == ("کد ملی", "نام", "نام خانوادگی", "دستگاه اجرایی")
    assert [(row[0], row[7]) for row in rows[1:]] == [("0013542419", "1405/07/01"),
                                                      ("0067749828", "1405/02/15")]
    assert not any("0912" in str(cell) for row in rows for cell in row)  # no mobiles
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "export_jobs"))
    assert entry.details["rows"] == 2 and entry.details["year"] == 1405

    officer, _ = officer_client(app, make_user, agencies[1])
    theirs = exported(officer.get(f"/monitoring/records/export.xlsx?agency={agencies[0].id}"))
    assert [row[0] for row in theirs[1:]] == ["0067749828"]  # her agency's only


def test_an_export_with_an_unusable_filter_is_refused_not_widened(
        app: Flask, make_user, agencies, login, client) -> None:
    registered(app, make_user, agencies)
    login(make_user(Role.ADMIN))
    response = client.get("/monitoring/records/export.csv?year=99")
    assert response.status_code == 400
    assert "سال را به صورت چهار رقمی" in response.get_data(as_text=True)


def test_roles_outside_monitoring_cannot_export(app: Flask, make_user, login, client) -> None:
    login(make_user(Role.EMPLOYER))
    assert client.get("/monitoring/records/export.xlsx").status_code == 403


def test_a_page_past_the_end_says_so_and_links_the_last(app: Flask, make_user, agencies, login,
                                                         client) -> None:
    registered(app, make_user, agencies)
    login(make_user(Role.INSPECTOR))
    page = client.get("/monitoring/records?year=1405&page=9").get_data(as_text=True)
    assert "این فهرست ۱ صفحه دارد و صفحهٔ ۹ در آن نیست" in page
    assert "/monitoring/records?page=1&amp;year=1405" in page
