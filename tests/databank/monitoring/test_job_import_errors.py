"""The jobs import's error file: the refused rows as they came, with their reasons, to fix and
import again; on the page a download only the officer who imported can open, and from the
command a file beside the one imported."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from databank.accounts.models import Role, User
from tests.conftest import PASSWORD, csrf_token, name_of, post_form, valid_national_id
from tests.databank.imports.conftest import read_csv, read_xlsx
from tests.databank.monitoring import test_job_import as jobs
from tests.databank.monitoring.test_job_import import HEADERS, PAGE, job, records

officer, sheet = jobs.officer, jobs.sheet  # the job import's fixtures

REPEATED = "این کد ملی در ردیف ۲ همین فایل هم آمده است"


def upload(client: FlaskClient, path: Path) -> str:
    response = client.post(PAGE, data={"file": (io.BytesIO(path.read_bytes()), path.name),
                                       "csrf_token": csrf_token(client, PAGE)},
                           content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def error_link(page: str) -> str:
    return page.split('data-testid="error-file" href="')[1].split('"')[0]


def logged_in(app: Flask, user: User) -> FlaskClient:
    """A browser of its own for `user`."""
    other = app.test_client()
    response = post_form(other, "/login", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return other


def test_the_page_links_an_error_file_of_the_refused_rows_that_imports_again_once_fixed(
        client, login, officer, sheet, tmp_path: Path) -> None:
    login(officer)
    page = upload(client, sheet([job(1), job(2, gender="؟"), job(1, unit_name="دیگر")]))
    assert 'data-testid="registered">۱<' in page and REPEATED in page

    download = client.get(error_link(page))
    assert download.status_code == 200
    assert download.headers["Cache-Control"] == "no-store"
    assert "attachment" in download.headers["Content-Disposition"]
    fixed = tmp_path / "fixed.csv"
    fixed.write_bytes(download.data)
    table = read_csv(fixed)
    assert table[0] == [*HEADERS, "دلیل رد"]
    assert "ستون «دلیل رد» هنگام ورود نادیده گرفته می‌شود" in page and "reason" not in page
    assert [row[:4] for row in table[1:]] == [
        [valid_national_id(300_002), "فاطمه", f"موسوی {name_of(2)}", "؟"],
        [valid_national_id(300_001), "فاطمه", f"موسوی {name_of(1)}", "زن"]]
    assert table[1][-1].startswith("ردیف ۳ — جنسیت (gender):")
    assert table[2][-1].startswith(f"ردیف ۴ — کد ملی (national_id): {REPEATED}")

    table[1][3] = "زن"  # the officer fixes the gender and drops the repeated row
    with fixed.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(table[:2])
    again = upload(client, fixed)
    assert 'data-testid="registered">۱<' in again and 'data-testid="refused">۰<' in again
    assert "ستون‌های نادیده‌گرفته" not in again and 'data-testid="error-file"' not in again
    assert len(records()) == 2


def test_an_xlsx_import_gives_an_xlsx_error_file(client, login, officer, sheet,
                                                 tmp_path: Path) -> None:
    login(officer)
    page = upload(client, sheet([job(1), job(2, sector="معدن")], name="jobs.xlsx"))
    path = tmp_path / "errors.xlsx"
    path.write_bytes(client.get(error_link(page)).data)
    table = read_xlsx(path)
    assert table[0][-1] == "دلیل رد" and table[1][0] == valid_national_id(300_002)
    assert table[1][-1].startswith("ردیف ۳ — بخش (sector):")


@pytest.mark.parametrize("role", [Role.AGENCY_OFFICER, Role.ADMIN])
def test_no_one_but_the_officer_who_imported_can_download_the_error_file(
        app, client, login, officer, make_user, sheet, role: Role) -> None:
    login(officer)
    link = error_link(upload(client, sheet([job(1, gender="؟")])))
    other = logged_in(app, make_user(role, agency_id=officer.agency_id)
                      if role is Role.AGENCY_OFFICER else make_user(role))
    assert other.get(link).status_code == 404
    token = link.rsplit("/", 1)[1]
    assert other.get(f"/imports/errors/{token}").status_code in (403, 404)
    assert app.test_client().get(link).status_code in (302, 401)  # not logged in
    assert client.get(link).status_code == 200


@pytest.mark.parametrize("role", [Role.PLACEMENT_OFFICER, Role.INSPECTOR, Role.GRADUATE])
def test_other_roles_are_refused_the_error_file_download(app, client, login, officer,
                                                         make_user, sheet, role: Role) -> None:
    login(officer)
    link = error_link(upload(client, sheet([job(1, gender="؟")])))
    assert logged_in(app, make_user(role)).get(link).status_code == 403


@pytest.mark.parametrize("token", ["../../secret_key", "a" * 32, "x" * 31 + "/"])
def test_a_guessed_or_crafted_token_opens_nothing(client, login, officer, token: str) -> None:
    login(officer)
    assert client.get(f"{PAGE}/errors/{token}").status_code == 404


def test_the_command_writes_the_error_file_beside_the_file_or_where_told(
        runner, officer, sheet, tmp_path: Path) -> None:
    path = sheet([job(1), job(1), job(3, sector="معدن")], name="jobs.csv")
    result = runner.invoke(args=["import", "jobs", str(path), "--as", "officer"])
    assert result.exit_code == 3, result.output
    assert "با ستون «دلیل رد»" in result.output
    beside = path.with_name("jobs-errors.csv")
    assert "فایل ردیف‌های ردشده" in result.output and str(beside) in result.output
    assert [row[0] for row in read_csv(beside)[1:]] == [valid_national_id(300_001),
                                                       valid_national_id(300_003)]
    target = tmp_path / "fix-me.xlsx"
    again = runner.invoke(args=["import", "jobs", str(beside), "--as", "officer",
                                "--errors", str(target)])
    assert again.exit_code == 3, again.output  # still refused: nothing in them was fixed
    assert "ستون‌های ناشناخته" not in again.output
    assert read_xlsx(target)[0][-1] == "دلیل رد"


def test_the_command_refuses_an_error_file_it_cannot_write_before_storing_anything(
        runner, officer, sheet, tmp_path: Path) -> None:
    path = sheet([job(1), job(2, sector="معدن")])
    result = runner.invoke(args=["import", "jobs", str(path), "--as", "officer",
                                 "--errors", str(tmp_path / "errors.txt")])
    assert result.exit_code == 1 and "هیچ ردیفی ذخیره نشد" in result.output
    assert records() == []
