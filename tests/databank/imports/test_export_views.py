"""The graduates export from the import page. Its file carries national IDs and mobiles: the
admin's holds every graduate, a placement office's only those who consented to be introduced
to offices and employers. The page says which, and every export is audited."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from tests.conftest import PASSWORD, post_form, valid_national_id
from tests.databank.imports.conftest import (
    GRADUATE_HEADERS,
    PERSIAN_GRADUATE_HEADERS,
    as_rows,
    graduate,
    read_csv,
    read_xlsx,
)

PAGE = "/imports/"
CONSENTED = graduate(1354241, consent="بله", mobile="09121110001")
REFUSED = graduate(2, consent="خیر", mobile="09121110002")
SILENT = graduate(3, consent="", mobile="09121110003")  # a list that never asked


def logged_in(app: Flask, user: User) -> FlaskClient:
    client = app.test_client()
    response = post_form(client, "/login", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def bank(app: Flask, make_user: Any, sheet: Any) -> dict[str, FlaskClient]:
    """Three graduates imported by an office (one consented), and a browser each for that
    office's officer and for the admin."""
    office = logged_in(app, make_user(Role.PLACEMENT_OFFICER, username="office"))
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [CONSENTED, REFUSED, SILENT]))
    response = post_form(office, PAGE, {"kind": "graduates",
                                        "file": (io.BytesIO(path.read_bytes()), path.name)})
    assert 'data-testid="created">۳<' in response.get_data(as_text=True)
    return {"office": office, "admin": logged_in(app, make_user(Role.ADMIN, username="boss"))}


def download(client: FlaskClient, fmt: str, tmp_path: Path) -> tuple[list[list[Any]], bytes]:
    response = client.get(f"/imports/export/graduates.{fmt}")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    target = tmp_path / f"graduates.{fmt}"
    target.write_bytes(response.data)
    return (read_csv(target) if fmt == "csv" else read_xlsx(target)), response.data


def exports_audited() -> list[tuple[str, dict[str, Any]]]:
    db.session.expire_all()
    return [(db.session.get(User, entry.actor_id).username, entry.details)
            for entry in db.session.scalars(select(AuditEntry).where(
                AuditEntry.action == "export_graduates").order_by(AuditEntry.id))]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_offices_file_holds_only_the_graduates_who_consented(bank, fmt: str,
                                                                 tmp_path: Path) -> None:
    rows, data = download(bank["office"], fmt, tmp_path)
    assert rows[0] == PERSIAN_GRADUATE_HEADERS
    assert [(row[0], row[5], row[-1]) for row in rows[1:]] == [
        (valid_national_id(1354241), "09121110001", "بله")]
    if fmt == "csv":  # nothing of the others anywhere in the file
        text = data.decode("utf-8-sig")
        for other in (REFUSED, SILENT):
            assert other["national_id"] not in text and other["mobile"] not in text
    assert exports_audited() == [("office", {"rows": 1, "format": fmt})]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_admins_file_holds_every_graduate(bank, fmt: str, tmp_path: Path) -> None:
    rows, _ = download(bank["admin"], fmt, tmp_path)
    assert rows[0] == PERSIAN_GRADUATE_HEADERS
    assert [(row[0], row[-1]) for row in rows[1:]] == [
        (valid_national_id(1354241), "بله"), (valid_national_id(2), "خیر"),
        (valid_national_id(3), "خیر")]
    assert exports_audited() == [("boss", {"rows": 3, "format": fmt})]


def test_the_page_says_what_each_ones_graduates_file_holds(bank) -> None:
    office = bank["office"].get(PAGE).get_data(as_text=True)
    scope = office.split('data-testid="graduates-export-scope">')[1].split("</p>")[0]
    assert "تنها دانش‌آموختگانی را دارد که به معرفی به دفترها و کارفرمایان رضایت داده‌اند" \
        in scope and "نزد مدیر سامانه" in scope
    assert "دانش‌آموختگان با رضایت به معرفی (اکسل)" in office
    admin = bank["admin"].get(PAGE).get_data(as_text=True)
    scope = admin.split('data-testid="graduates-export-scope">')[1].split("</p>")[0]
    assert "همهٔ دانش‌آموختگان بانک" in scope and "چه به معرفی رضایت داده باشند چه نه" in scope
    assert "دانش‌آموختگان (اکسل)" in admin and "با رضایت به معرفی" not in admin


def test_an_offices_file_imports_back_unchanged(bank, tmp_path: Path) -> None:
    """Its Persian headers are the import's: the file sent back finds every column."""
    download(bank["office"], "xlsx", tmp_path)
    path = tmp_path / "graduates.xlsx"
    response = post_form(bank["office"], PAGE, {
        "kind": "graduates", "file": (io.BytesIO(path.read_bytes()), path.name)})
    page = response.get_data(as_text=True)
    assert 'data-testid="created">۰<' in page and 'data-testid="updated">۰<' in page
    assert 'data-testid="unchanged">۱<' in page
    assert 'data-testid="refused">۰<' in page and "ستون‌های نادیده‌گرفته" not in page


def test_an_export_in_another_format_is_not_found(bank) -> None:
    assert bank["office"].get("/imports/export/graduates.ods").status_code == 404
