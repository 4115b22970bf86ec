"""The insurance list's error file: the rows that were refused or explain no record, as they
came, each with its reason; on the page a download only the inspector who uploaded can open,
and from the command a file beside the list."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from databank.accounts.models import Role, User
from databank.monitoring import verification
from databank.monitoring.models import RecordStatus
from tests.conftest import PASSWORD, csrf_token, post_form, valid_national_id
from tests.databank.imports.conftest import read_csv, read_xlsx
from tests.databank.monitoring import test_verification as lists
from tests.databank.monitoring.test_verification import (
    HEADERS,
    PAGE,
    PERSIAN_HEADERS,
    WORKSHOP,
    insured,
    status,
)

inspector, make_job, sheet = lists.inspector, lists.make_job, lists.sheet  # its fixtures

STRANGER = valid_national_id(4242)


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


def test_the_page_links_an_error_file_of_the_refused_and_unmatched_rows_with_their_reasons(
        client, login, inspector, make_job, sheet, tmp_path: Path) -> None:
    record = make_job()
    login(inspector)
    page = upload(client, sheet([insured(STRANGER, employer="نساجی شهر"),
                                 ["12", WORKSHOP, "فولاد", "1403/05/01"],
                                 insured(record.person.national_id)]))
    assert 'data-testid="refused">۱<' in page and 'data-testid="unmatched">۱<' in page
    assert status(record) is RecordStatus.VERIFIED

    download = client.get(error_link(page))
    assert download.status_code == 200
    assert download.headers["Cache-Control"] == "no-store"
    assert "attachment" in download.headers["Content-Disposition"]
    assert "insurance-list-errors.csv" in download.headers["Content-Disposition"]
    errors = tmp_path / "errors.csv"
    errors.write_bytes(download.data)
    table = read_csv(errors)
    assert table[0] == [*HEADERS, "دلیل رد"]
    assert [row[:-1] for row in table[1:]] == [insured(STRANGER, employer="نساجی شهر"),
                                               ["12", WORKSHOP, "فولاد", "1403/05/01"]]
    assert table[1][-1] == f"ردیف ۲ — {verification.NO_RECORD}"
    assert table[2][-1].startswith("ردیف ۳ — کد ملی (national_id): ")

    again = upload(client, errors)  # sent back: its reason column is set aside, not unknown
    assert "ستون‌های نادیده‌گرفته" not in again and 'data-testid="unmatched">۱<' in again


def test_an_xlsx_list_gives_an_xlsx_error_file_under_its_own_persian_header(
        client, login, inspector, make_job, sheet, tmp_path: Path) -> None:
    make_job()
    login(inspector)
    page = upload(client, sheet([[valid_national_id(7), WORKSHOP, "فولاد", "1403/13/01"]],
                                name="bime.xlsx", headers=PERSIAN_HEADERS))
    download = client.get(error_link(page))
    assert "insurance-list-errors.xlsx" in download.headers["Content-Disposition"]
    path = tmp_path / "errors.xlsx"
    path.write_bytes(download.data)
    table = read_xlsx(path)
    assert table[0] == [*PERSIAN_HEADERS, "دلیل رد"]
    assert table[1][:2] == [valid_national_id(7), WORKSHOP]
    assert table[1][-1].startswith("ردیف ۲ — تاریخ شروع بیمه: ")


def test_a_fully_used_list_offers_no_error_file(client, login, inspector, make_job,
                                               sheet) -> None:
    first, second = make_job(), make_job()
    login(inspector)
    page = upload(client, sheet([insured(first.person.national_id),
                                 insured(second.person.national_id, days=20)]))
    assert 'data-testid="verified">۲<' in page
    assert 'data-testid="error-file"' not in page


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.ADMIN])
def test_no_one_but_the_inspector_who_uploaded_can_download_the_error_file(
        app, client, login, inspector, make_user, sheet, role: Role) -> None:
    login(inspector)
    link = error_link(upload(client, sheet([insured(STRANGER)])))
    other = logged_in(app, make_user(role))
    assert other.get(link).status_code == 404
    assert app.test_client().get(link).status_code in (302, 401)  # not logged in
    assert client.get(link).status_code == 200


@pytest.mark.parametrize("role", [Role.AGENCY_OFFICER, Role.PLACEMENT_OFFICER, Role.GRADUATE])
def test_other_roles_are_refused_the_error_file_download(app, client, login, inspector,
                                                         make_user, sheet, role: Role) -> None:
    login(inspector)
    link = error_link(upload(client, sheet([insured(STRANGER)])))
    other = logged_in(app, make_user(role))
    assert other.get(link).status_code == 403
    token = link.rsplit("/", 1)[1]
    assert other.get(f"/monitoring/records/import/errors/{token}").status_code in (403, 404)
    assert other.get(f"/imports/errors/{token}").status_code in (403, 404)


@pytest.mark.parametrize("token", ["../../secret_key", "a" * 32, "x" * 31 + "/"])
def test_a_guessed_or_crafted_token_opens_nothing(client, login, inspector, token: str) -> None:
    login(inspector)
    assert client.get(f"{PAGE}/errors/{token}").status_code == 404


def test_the_command_writes_the_error_file_beside_the_list_or_where_told(
        runner, inspector, make_job, sheet, tmp_path: Path) -> None:
    record = make_job()
    path = sheet([insured(record.person.national_id), ["123", WORKSHOP, "", "1403/05/01"],
                  insured(STRANGER)], name="bime.csv")
    result = runner.invoke(args=["verify", "insured", str(path), "--as", "inspector"])
    assert result.exit_code == 0, result.output
    beside = path.with_name("bime-errors.csv")
    assert f"فایل ردیف‌های ردشده و جورنشده (با ستون «دلیل رد»): {beside}" in result.output
    table = read_csv(beside)
    assert [row[0] for row in table[1:]] == ["123", STRANGER]
    assert table[1][-1].startswith("ردیف ۳ — کد ملی (national_id): ")
    assert table[2][-1] == f"ردیف ۴ — {verification.NO_RECORD}"

    target = tmp_path / "fix-me.xlsx"
    again = runner.invoke(args=["verify", "insured", str(beside), "--as", "inspector",
                                "--errors", str(target)])
    assert again.exit_code == 0, again.output
    assert "ستون‌های ناشناخته" not in again.output
    assert read_xlsx(target)[0] == [*HEADERS, "دلیل رد"]


def test_the_command_writes_no_error_file_for_a_fully_used_list(runner, inspector, make_job,
                                                                sheet) -> None:
    record = make_job()
    path = sheet([insured(record.person.national_id)], name="bime.csv")
    result = runner.invoke(args=["verify", "insured", str(path), "--as", "inspector"])
    assert result.exit_code == 0, result.output
    assert "فایل ردیف‌های ردشده" not in result.output
    assert not path.with_name("bime-errors.csv").exists()


def test_the_command_refuses_an_error_file_it_cannot_write_before_verifying_anything(
        runner, inspector, make_job, sheet, tmp_path: Path) -> None:
    record = make_job()
    path = sheet([insured(record.person.national_id), insured(STRANGER)])
    result = runner.invoke(args=["verify", "insured", str(path), "--as", "inspector",
                                 "--errors", str(tmp_path / "errors.txt")])
    assert result.exit_code == 1 and "هیچ ردیفی ذخیره نشد" in result.output
    assert status(record) is RecordStatus.REGISTERED


def test_a_refused_insurance_rows_reasons_read_as_one_sentence(tmp_path: Path) -> None:
    """Each check's message ends with a full stop; joined they read «…؛ …», never «.؛»
    (imports.refused.join_reasons), with one full stop at the end."""
    path = lists.write_sheet(tmp_path / "insurance.csv", [["12", "", "فولاد", "1403/13/01"]])
    [row] = verification.read_insurance_list(path).refused
    assert len(row.problems) == 3
    assert ".؛" not in row.reason and row.reason.count("؛") == 2
    assert row.reason.endswith(".") and not row.reason.endswith("..")
