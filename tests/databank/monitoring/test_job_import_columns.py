"""The jobs import names a refused row's column in Persian, with the sender's English header
beside it, as the graduates and vacancies import does."""

from __future__ import annotations

import io
import re
from pathlib import Path

from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.organisations.services import get_or_create_agency
from tests.conftest import csrf_token
from tests.databank.imports.conftest import write_csv
from tests.databank.monitoring.test_job_import import HEADERS, PAGE, job, rows


def refused_columns(page: str) -> list[str]:
    table = page.split('data-testid="refused-rows"')[1].split("</table>")[0]
    return re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td>", table)


def test_the_jobs_import_page_names_the_column_in_persian(
        client: FlaskClient, make_user, login, tmp_path: Path) -> None:
    agency = get_or_create_agency("کمیته امداد امام خمینی")
    login(make_user(Role.AGENCY_OFFICER, agency_id=agency.id))
    path = write_csv(tmp_path / "jobs.csv", HEADERS,
                     rows([job(1, start_date="2024-09-05")], HEADERS))
    response = client.post(PAGE, data={
        "file": (io.BytesIO(path.read_bytes()), path.name),
        "csrf_token": csrf_token(client, PAGE)}, content_type="multipart/form-data")
    assert response.status_code == 200
    assert refused_columns(response.get_data(as_text=True)) == ["تاریخ شروع (start_date)"]


def listed_columns(page: str) -> list[str]:
    return re.findall(r'data-testid="job-column">([^<]*) <span dir="ltr">', page)


def test_the_agency_column_is_listed_to_the_admin_only(client: FlaskClient, make_user,
                                                       login) -> None:
    """An agency officer registers every row for her own agency: a column she cannot use is
    not offered to her."""
    agency = get_or_create_agency("کمیته امداد امام خمینی")
    login(make_user(Role.AGENCY_OFFICER, agency_id=agency.id))
    officers = client.get(PAGE).get_data(as_text=True)
    assert "دستگاه اجرایی" not in listed_columns(officers) and "(agency)" not in officers
    assert "کد ملی" in listed_columns(officers)
    assert "همهٔ ردیف‌ها برای «کمیته امداد امام خمینی» ثبت می‌شوند" in officers
    client.post("/logout", data={"csrf_token": csrf_token(client, PAGE)})
    login(make_user(Role.ADMIN))
    admins = client.get(PAGE).get_data(as_text=True)
    assert listed_columns(admins)[-1] == "دستگاه اجرایی"
