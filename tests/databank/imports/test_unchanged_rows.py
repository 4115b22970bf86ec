"""A row that says just what the bank holds (an office's own export read back) is counted
«بی‌تغییر» and written nowhere: no update time moves, no proposal is recomputed, the audit log
gets the import's one entry. That holds for a graduate who keeps her own profile too; only a
row that would change her record is refused."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.audit.models import AuditEntry
from databank.db import db
from databank.organisations.services import get_or_create_estate, get_or_create_unit
from databank.people.models import GraduateProfile, Person
from databank.vacancies.models import Vacancy
from tests.conftest import post_form, valid_national_id
from tests.databank.imports.conftest import (
    GRADUATE_HEADERS,
    VACANCY_HEADERS,
    as_rows,
    graduate,
    read_csv,
    vacancy,
)

PAGE = "/imports/"
OWN_PROFILE = ("این دانش‌آموخته در سامانه حساب کاربری دارد و پروفایلش را خودش به‌روز می‌کند؛ "
               "این ردیف ذخیره نشد.")


def upload(client: FlaskClient, path: Path, kind: str) -> str:
    response = post_form(client, PAGE, {"kind": kind,
                                        "file": (io.BytesIO(path.read_bytes()), path.name)})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def download(client: FlaskClient, kind: str, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(client.get(f"/imports/export/{kind}.csv").data)
    return read_csv(path)


def figures(page: str) -> dict[str, str]:
    return {name: page.split(f'data-testid="{name}">')[1].split("<")[0]
            for name in ("created", "updated", "unchanged", "refused")
            if f'data-testid="{name}">' in page}


def times() -> dict[str, Any]:
    db.session.expire_all()
    return {**{f"person {p.national_id}": p.updated_at for p in db.session.scalars(
        select(Person))}, **{f"profile {p.person_id}": p.updated_at for p in db.session.scalars(
            select(GraduateProfile))}, **{f"vacancy {v.ref}": v.updated_at
                                          for v in db.session.scalars(select(Vacancy))}}


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


@pytest.fixture
def office(client: FlaskClient, make_user: Any, login: Any, sheet: Any) -> FlaskClient:
    """An office that imported three consenting graduates, the first of whom has since opened
    her own account (she keeps her profile herself)."""
    login(make_user(Role.PLACEMENT_OFFICER))
    rows = [graduate(number, consent="بله", mobile=f"0912111000{number}")
            for number in (1, 2, 3)]
    page = upload(client, sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows)),
                  "graduates")
    assert figures(page)["created"] == "۳"
    person = db.session.scalar(select(Person).where(
        Person.national_id == valid_national_id(1)))
    make_user(Role.GRADUATE, person_id=person.id)
    return client


def test_an_offices_graduates_export_reads_back_unchanged_her_own_account_included(
        office: FlaskClient, sheet: Any, tmp_path: Path) -> None:
    rows = download(office, "graduates", tmp_path)
    assert len(rows) == 4
    before, actions = times(), audit_actions()
    page = upload(office, sheet(rows[0], rows[1:], name="back.csv"), "graduates")
    assert figures(page) == {"created": "۰", "updated": "۰", "unchanged": "۳", "refused": "۰"}
    assert "این ردیف‌ها همان بود که در بانک است؛ چیزی از آن‌ها نوشته نشد." in page
    assert times() == before
    assert audit_actions() == [*actions, "import_graduates"]
    entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.details["unchanged"] == 3 and entry.details["updated"] == 0


def test_a_row_that_would_change_her_own_profile_is_still_refused(
        office: FlaskClient, sheet: Any, tmp_path: Path) -> None:
    rows = download(office, "graduates", tmp_path)
    mobile = rows[0].index("تلفن همراه")
    rows[1][mobile] = "09129999999"  # hers
    rows[2][mobile] = "09128888888"  # an office's graduate
    before = times()
    page = upload(office, sheet(rows[0], rows[1:], name="changed.csv"), "graduates")
    assert figures(page) == {"created": "۰", "updated": "۱", "unchanged": "۱", "refused": "۱"}
    assert f"<td>۲</td><td>کد ملی</td><td>{OWN_PROFILE}</td>" in page
    after = times()
    hers = db.session.scalar(select(Person).where(Person.national_id == valid_national_id(1)))
    assert hers.mobile == "09121110001"
    assert after[f"person {valid_national_id(1)}"] == before[f"person {valid_national_id(1)}"]
    assert after[f"person {valid_national_id(3)}"] == before[f"person {valid_national_id(3)}"]
    assert after[f"person {valid_national_id(2)}"] != before[f"person {valid_national_id(2)}"]


def test_the_command_counts_an_unchanged_graduates_file_and_exits_0(
        runner: Any, sheet: Any, tmp_path: Path, make_user: Any) -> None:
    """A university's name in another spelling leads to the same university: unchanged."""
    rows = [graduate(1), graduate(2, university="دانشگاه صنعتی اراک")]
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows))
    assert runner.invoke(args=["import", "graduates", str(path)]).exit_code == 0
    person = db.session.scalar(select(Person).where(
        Person.national_id == valid_national_id(2)))
    make_user(Role.GRADUATE, person_id=person.id)
    before = times()
    again = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [
        graduate(1, university="دانشگاه  اراك"), graduate(2, university="دانشگاه صنعتي اراک")]),
        name="again.xlsx")
    result = runner.invoke(args=["import", "graduates", str(again)])
    assert result.exit_code == 0, result.output
    assert "به‌روزشده: ۰" in result.output and "ردشده: ۰" in result.output
    assert "بی‌تغییر (همان که در بانک است؛ نوشته نشد): ۲" in result.output
    assert times() == before


def test_an_offices_vacancies_export_reads_back_unchanged_whoever_holds_the_units(
        office: FlaskClient, sheet: Any, make_user: Any, make_vacancy: Any,
        tmp_path: Path) -> None:
    get_or_create_estate("شهرک صنعتی کاوه")
    db.session.commit()
    path = sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, [
        vacancy("A-1", industrial_estate="شهرک صنعتی کاوه", workshop_code="5550001"),
        vacancy("A-2", description="شیفت شب\nبا بیمه", gender="زن", min_degree=""),
        vacancy("B-1", unit_name="لبنیات پگاه", sector="کشاورزی", city="")]))
    assert figures(upload(office, path, "vacancies"))["created"] == "۳"
    held = get_or_create_unit("شرکت فولاد سپهر ساوه", city="ساوه")
    db.session.commit()
    make_user(Role.EMPLOYER, unit_id=held.id)
    make_vacancy(held, ref="S-1", title="جوشکار")
    rows = download(office, "vacancies", tmp_path)
    before, actions = times(), audit_actions()
    page = upload(office, sheet(rows[0], rows[1:], name="back.xlsx"), "vacancies")
    assert figures(page) == {"created": "۰", "updated": "۰", "unchanged": "۴", "refused": "۰"}
    assert times() == before
    assert audit_actions() == [*actions, "import_vacancies"]
    rows[1][rows[0].index("تعداد")] = "5"
    page = upload(office, sheet(rows[0], rows[1:], name="changed.csv"), "vacancies")
    assert figures(page) == {"created": "۰", "updated": "۱", "unchanged": "۳", "refused": "۰"}
    assert db.session.scalar(select(Vacancy.positions).where(Vacancy.ref == "A-1")) == 5
