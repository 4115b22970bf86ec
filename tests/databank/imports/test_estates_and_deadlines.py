"""What a vacancy row may say that the forms would refuse: an estate off the county's list the
admin keeps (it would land in every office's filter and every employer's list), and a deadline
that has passed for a vacancy that is, or would be, open. A stored vacancy keeps the deadline
it has, even a past one, so an office's own export still reads back."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import format_date, to_jalali, today
from databank.organisations.models import IndustrialEstate, IndustrialUnit
from databank.organisations.services import get_or_create_estate, get_or_create_unit
from databank.vacancies.models import Vacancy, VacancyStatus
from tests.conftest import post_form
from tests.databank.imports.conftest import VACANCY_HEADERS, as_rows, read_csv, vacancy

PAGE = "/imports/"
LISTED = "شهرک صنعتی کاوه"
ESTATE_COLUMN = "شهرک صنعتی (industrial_estate)"
DEADLINE_COLUMN = "مهلت (deadline)"
UNKNOWN_ESTATE = ("«شهرک ناشناخته» در فهرست شهرک‌ها و نواحی صنعتی شهرستان، که مدیر سامانه "
                  "نگه می‌دارد، نیست؛ نام یکی از شهرک‌های فهرست را بنویسید یا این خانه را خالی "
                  "بگذارید (اگر شهرکی در فهرست نیست، از مدیر سامانه بخواهید آن را بیفزاید). این "
                  "ردیف ذخیره نشد.")


def jalali(day: date) -> str:
    return to_jalali(day).strftime("%Y/%m/%d")


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def find(ref: str) -> Vacancy | None:
    return db.session.scalar(select(Vacancy).where(Vacancy.ref == ref))


def refusals(page: str) -> list[tuple[str, str, str]]:
    """The page's table of refused rows: (row, column, reason) as the officer reads them."""
    table = page.split('data-testid="refused-rows"')[1].split("</table>")[0]
    return re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", table)


@pytest.fixture
def office(client: FlaskClient, make_user: Any, login: Any) -> FlaskClient:
    """A placement officer logged in, and the county's list holding one estate."""
    get_or_create_estate(LISTED, "ساوه")
    db.session.commit()
    login(make_user(Role.PLACEMENT_OFFICER))
    return client


def upload(client: FlaskClient, sheet: Any, *rows: dict[str, Any], name: str = "v.csv"
           ) -> str:
    path = sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, rows), name=name)
    response = post_form(client, PAGE, {"kind": "vacancies",
                                        "file": (io.BytesIO(path.read_bytes()), path.name)})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_new_units_estate_off_the_countys_list_refuses_the_row_and_adds_no_estate(
        office: FlaskClient, sheet: Any, tmp_path: Path) -> None:
    page = upload(office, sheet,
                  vacancy("U-1", unit_name="شرکت ناشناس", industrial_estate="شهرک ناشناخته"),
                  vacancy("K-1", unit_name="شرکت کاوه", industrial_estate="شهرك صنعتي كاوه"))
    assert 'data-testid="created">۱<' in page and 'data-testid="refused">۱<' in page
    assert refusals(page) == [("۲", ESTATE_COLUMN, UNKNOWN_ESTATE)]
    assert find("U-1") is None and count(IndustrialUnit) == 1
    assert [e.name for e in db.session.scalars(select(IndustrialEstate))] == [LISTED]
    assert find("K-1").unit.estate.name == LISTED  # any spelling of a listed estate
    county = office.get("/vacancies/county").get_data(as_text=True)
    assert LISTED in county and "شهرک ناشناخته" not in county
    (tmp_path / "e.csv").write_bytes(office.get(
        page.split('data-testid="error-file" href="')[1].split('"')[0]).data)
    assert read_csv(tmp_path / "e.csv")[1][-1] == f"ردیف ۲ — {ESTATE_COLUMN}: {UNKNOWN_ESTATE}"


def test_a_known_unit_without_an_estate_is_given_none_off_the_list(
        office: FlaskClient, sheet: Any, make_vacancy: Any) -> None:
    bare = get_or_create_unit("شرکت بی‌شهرک")
    db.session.commit()
    stored = make_vacancy(bare, ref="B-1", title="جوشکار")
    page = upload(office, sheet, vacancy("B-1", unit_name="شرکت بی‌شهرک", title="انباردار",
                                         industrial_estate="شهرک ناشناخته"),
                  vacancy("B-2", unit_name="شرکت بی‌شهرک", industrial_estate=LISTED))
    assert 'data-testid="created">۱<' in page and 'data-testid="updated">۰<' in page
    assert refusals(page) == [("۲", ESTATE_COLUMN, UNKNOWN_ESTATE)]
    db.session.expire_all()
    assert stored.title == "جوشکار" and bare.estate.name == LISTED  # the good row's
    assert count(IndustrialEstate) == 1


def test_the_command_refuses_an_estate_off_the_list_and_exits_3(runner: Any, sheet: Any
                                                                ) -> None:
    path = sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, [
        vacancy("U-1", industrial_estate="شهرک ناشناخته"), vacancy("U-2", unit_name="دیگر")]))
    result = runner.invoke(args=["import", "vacancies", str(path)])
    assert result.exit_code == 3, result.output
    assert f"ردیف ۲ — {ESTATE_COLUMN}: {UNKNOWN_ESTATE}" in result.output
    assert "ساخته‌شده: ۱" in result.output and "ردشده: ۱" in result.output
    assert count(IndustrialEstate) == 0 and find("U-1") is None


# Deadlines: a vacancy a row creates is open, so its deadline must not have passed.

NEW_PAST = ("مهلت ۱۴۰۴/۰۱/۰۱ گذشته است و این فرصت شغلی تازه، باز ثبت می‌شود؛ مهلت فرصت "
            "شغلی باز نمی‌تواند گذشته باشد. امروز ({today}) یا پس از آن را بنویسید، یا این خانه "
            "را خالی بگذارید. این ردیف ذخیره نشد.")


def test_a_new_vacancy_with_a_past_deadline_is_refused_and_nothing_of_it_written(
        office: FlaskClient, sheet: Any) -> None:
    page = upload(office, sheet,
                  vacancy("P-1", unit_name="شرکت تازه", deadline="1404/01/01"),
                  vacancy("T-1", deadline=jalali(today())),  # today is still open
                  vacancy("N-1", unit_name="شرکت دیگر", deadline=""))
    assert 'data-testid="created">۲<' in page and 'data-testid="refused">۱<' in page
    assert refusals(page) == [("۲", DEADLINE_COLUMN,
                               NEW_PAST.format(today=format_date(today())))]
    assert find("P-1") is None
    assert db.session.scalar(select(IndustrialUnit).where(
        IndustrialUnit.name == "شرکت تازه")) is None
    assert find("T-1").deadline == today() and find("N-1").deadline is None


@pytest.fixture
def expired(make_vacancy: Any) -> Vacancy:
    """An open vacancy of a unit nobody holds, whose deadline passed since it was stored."""
    unit = get_or_create_unit("شرکت مهلت‌گذشته", city="ساوه")
    db.session.commit()
    vacancy_ = make_vacancy(unit, ref="E-1", title="جوشکار", positions=2,
                            deadline=today() + timedelta(days=5))
    vacancy_.deadline = today() - timedelta(days=20)
    db.session.commit()
    return vacancy_


def exported_rows(client: FlaskClient, tmp_path: Path) -> list[list[str]]:
    response = client.get("/imports/export/vacancies.csv")
    (tmp_path / "vacancies.csv").write_bytes(response.data)
    return read_csv(tmp_path / "vacancies.csv")


def send_back(client: FlaskClient, sheet: Any, rows: list[list[str]]) -> str:
    path = sheet(rows[0], rows[1:], name="back.csv")
    response = post_form(client, PAGE, {"kind": "vacancies",
                                        "file": (io.BytesIO(path.read_bytes()), path.name)})
    return response.get_data(as_text=True)


def test_an_offices_export_of_an_expired_vacancy_reads_back_unchanged(
        office: FlaskClient, sheet: Any, expired: Vacancy, tmp_path: Path) -> None:
    before = (expired.updated_at, expired.deadline, expired.status)
    rows = exported_rows(office, tmp_path)
    assert rows[1][rows[0].index("مهلت")] == jalali(expired.deadline)
    page = send_back(office, sheet, rows)
    assert 'data-testid="unchanged">۱<' in page and 'data-testid="refused">۰<' in page
    assert 'data-testid="updated">۰<' in page
    db.session.expire_all()
    assert (expired.updated_at, expired.deadline, expired.status) == before


def test_an_expired_vacancy_read_back_with_another_change_keeps_its_deadline(
        office: FlaskClient, sheet: Any, expired: Vacancy, tmp_path: Path) -> None:
    rows = exported_rows(office, tmp_path)
    rows[1][rows[0].index("عنوان شغل")] = "انباردار"
    page = send_back(office, sheet, rows)
    assert 'data-testid="updated">۱<' in page and 'data-testid="refused">۰<' in page
    db.session.expire_all()
    assert (expired.title, expired.deadline) == ("انباردار", today() - timedelta(days=20))


@pytest.mark.parametrize("status", list(VacancyStatus))
def test_a_stored_vacancy_is_given_no_other_past_deadline(
        office: FlaskClient, sheet: Any, expired: Vacancy, tmp_path: Path,
        status: VacancyStatus) -> None:
    """Open, paused or closed: the deadline it has may stay, a new one lies ahead (as the
    edit form has it); the row's other changes are not written either."""
    expired.status = status
    db.session.commit()
    stored = expired.deadline
    rows = exported_rows(office, tmp_path)
    rows[1][rows[0].index("مهلت")] = jalali(today() - timedelta(days=3))
    rows[1][rows[0].index("عنوان شغل")] = "انباردار"
    page = send_back(office, sheet, rows)
    assert 'data-testid="updated">۰<' in page and 'data-testid="refused">۱<' in page
    (refusal,) = refusals(page)
    assert refusal[:2] == ("۲", "مهلت") and refusal[2] == (
        f"مهلت {format_date(today() - timedelta(days=3))} گذشته است؛ مهلت ثبت‌شدهٔ این فرصت "
        f"شغلی در بانک {format_date(stored)} است و مهلت را نمی‌توان به روزی گذشته برد. همان "
        f"مهلت ثبت‌شده را نگه دارید، یا امروز ({format_date(today())}) یا پس از آن را "
        "بنویسید. این ردیف ذخیره نشد.")
    db.session.expire_all()
    assert (expired.title, expired.deadline, expired.status) == ("جوشکار", stored, status)


def test_a_stored_vacancy_without_a_deadline_is_given_no_past_one_but_a_coming_one(
        runner: Any, sheet: Any, make_vacancy: Any) -> None:
    stored = make_vacancy(ref="D-1", title="جوشکار")
    unit = stored.unit.name
    past = sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, [vacancy(
        "D-1", unit_name=unit, deadline="1404/01/01")]), name="past.csv")
    result = runner.invoke(args=["import", "vacancies", str(past)])
    assert result.exit_code == 3, result.output
    assert ("ردیف ۲ — مهلت (deadline): مهلت ۱۴۰۴/۰۱/۰۱ گذشته است؛ این فرصت شغلی در بانک "
            "مهلتی ندارد و مهلت گذشته به آن داده نمی‌شود.") in result.output
    db.session.expire_all()
    assert (stored.deadline, stored.title) == (None, "جوشکار")
    coming = today() + timedelta(days=30)
    later = sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, [vacancy(
        "D-1", unit_name=unit, deadline=jalali(coming))]), name="later.csv")
    result = runner.invoke(args=["import", "vacancies", str(later)])
    assert result.exit_code == 0, result.output
    assert "به‌روزشده: ۱" in result.output
    db.session.expire_all()
    assert stored.deadline == coming


def test_the_page_says_which_estates_and_deadlines_a_vacancy_row_may_have(
        office: FlaskClient) -> None:
    page = office.get(PAGE).get_data(as_text=True)
    rules = page.split('data-testid="vacancy-rules">')[1].split("</p>")[0]
    assert "فهرست شهرک‌ها و نواحی صنعتی شهرستان" in rules
    assert "فرصت شغلی باز تازه مهلت گذشته نمی‌پذیرد" in rules and "ستون «وضعیت»" in rules
