"""A job form that names a unit the bank does not hold asks first when a known unit has a
close name, so that one employer does not become two through a typing slip."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from databank.db import db
from databank.monitoring.models import MonitoringRecord
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import get_or_create_unit
from tests.conftest import post_form
from tests.databank.monitoring.test_records import JOB, agencies, officer_client, records

__all__ = ["agencies"]  # the fixture, shared with the records' tests

KNOWN = "شرکت کارخانه ریسندگی نور"


def units() -> list[str]:
    return list(db.session.scalars(select(IndustrialUnit.name).order_by(IndustrialUnit.id)))


def test_a_name_close_to_a_known_unit_is_asked_about_and_nothing_is_written(
        app: Flask, make_user, agencies) -> None:
    get_or_create_unit(KNOWN)
    db.session.commit()
    browser, _ = officer_client(app, make_user, agencies[0])
    typed = {**JOB, "unit_name": "كارخانه ريسندگي نوره", "workshop_code": ""}  # Arabic letters
    response = post_form(browser, "/monitoring/records/new", typed)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"نامی نزدیک دارند: «{KNOWN}»" in page
    assert 'name="new_unit"' in page
    assert records() == 0 and units() == [KNOWN]

    confirmed = post_form(browser, "/monitoring/records/new", {**typed, "new_unit": "1"})
    assert confirmed.status_code == 302
    assert len(units()) == 2
    assert db.session.scalar(select(MonitoringRecord)).unit.name_key == "کارخانه ریسندگی نوره"


def test_the_known_name_in_another_spelling_is_the_known_unit(app: Flask, make_user,
                                                              agencies) -> None:
    get_or_create_unit(KNOWN)
    db.session.commit()
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, "/monitoring/records/new",
                         {**JOB, "unit_name": "شرکت  كارخانه‌ريسندگي نور", "workshop_code": ""})
    assert response.status_code == 302
    assert units() == [KNOWN]


def test_a_unit_told_apart_by_its_own_word_is_created_without_asking(app: Flask, make_user,
                                                             agencies) -> None:
    get_or_create_unit(KNOWN)
    db.session.commit()
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, "/monitoring/records/new",
                         {**JOB, "unit_name": "کارخانه ریسندگی امید", "workshop_code": ""})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(IndustrialUnit.id))) == 2


def test_a_name_missing_a_word_of_a_known_unit_is_asked_about(app: Flask, make_user,
                                                              agencies) -> None:
    get_or_create_unit("بیمارستان خصوصی مهر")
    db.session.commit()
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, "/monitoring/records/new",
                         {**JOB, "unit_name": "بیمارستان مهر", "workshop_code": ""})
    assert response.status_code == 400
    assert "«بیمارستان خصوصی مهر»" in response.get_data(as_text=True)


def test_the_workshop_code_finds_its_unit_under_a_close_name_shown_as_the_units(
        app: Flask, make_user, agencies) -> None:
    get_or_create_unit("شرکت فولاد سپهر ساوه", workshop_code="5100000")
    get_or_create_unit("شرکت فولاد سپهر")
    db.session.commit()
    browser, _ = officer_client(app, make_user, agencies[0])
    response = post_form(browser, "/monitoring/records/new", {
        **JOB, "unit_name": "گروه صنعتی فولاد سپهر ساوة", "workshop_code": "۵۱۰۰۰۰۰"})
    assert response.status_code == 302
    record = db.session.scalar(select(MonitoringRecord))
    assert record.unit.name == "شرکت فولاد سپهر ساوه"
    assert len(units()) == 2
    listed = browser.get("/monitoring/records").get_data(as_text=True)
    assert "شرکت فولاد سپهر ساوه" in listed and "ساوة" not in listed
