"""Vacancy codes are one code whatever the case they are typed in (the form, a spreadsheet row,
the queue's filter), stored in capitals so that the unique (unit, code) holds; an import's
workshop code follows the unit forms' rule; and the upgrade brings stored codes to capitals."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.audit.models import AuditEntry
from databank.db import db
from databank.imports import services as imports
from databank.matches.services import refresh_for_vacancy
from databank.organisations.models import IndustrialUnit
from databank.vacancies.models import Vacancy, vacancy_code
from databank.vacancies.schemas import VacancyImportSchema
from tests.conftest import empty_database, post_form, write_xlsx
from tests.databank.imports.conftest import VACANCY_HEADERS, as_rows
from tests.databank.imports.conftest import vacancy as vacancy_row
from tests.databank.vacancies.test_employer_pages import VACANCY, register_unit

WORKSHOP_RULE = "کد کارگاه بیمه را با رقم وارد کنید"


@pytest.mark.parametrize(("typed", "stored"), [
    ("v-3edb81a5", "V-3EDB81A5"), (" V-3EDB81A5 ", "V-3EDB81A5"), ("۰۰۲-۰۱", "002-01"),
    ("abc-١٢", "ABC-12"), ("straße-1", "STRAßE-1"),  # ß's capital is two letters: kept
])
def test_a_code_is_stored_in_capitals_and_latin_digits(typed: str, stored: str) -> None:
    assert vacancy_code(typed) == stored


def test_a_code_typed_in_small_letters_is_the_unit_s_code_in_capitals(
        client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.EMPLOYER))
    register_unit(client)
    assert post_form(client, "/vacancies/new", {**VACANCY, "ref": "V-3EDB81A5"}
                     ).status_code == 302
    again = post_form(client, "/vacancies/new", {**VACANCY, "ref": "v-3edb81a5",
                                                 "title_checked": "1"})
    assert again.status_code == 409 and "با همین کد" in again.get_data(as_text=True)
    posted = post_form(client, "/vacancies/new", {**VACANCY, "ref": "q-7",
                                                  "title_checked": "1"})
    assert posted.status_code == 302
    assert sorted(db.session.scalars(select(Vacancy.ref))) == ["Q-7", "V-3EDB81A5"]
    listed = client.get("/vacancies").get_data(as_text=True)
    assert '<bdi dir="ltr" class="text-nowrap">V-3EDB81A5</bdi>' in listed


def test_the_queue_finds_a_vacancy_by_its_code_in_small_letters(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    make_graduate()
    refresh_for_vacancy(make_vacancy(ref="V-3EDB81A5"))
    refresh_for_vacancy(make_vacancy(ref="V-00000001"))
    db.session.commit()
    login(make_user(Role.ADMIN))
    for typed in ("v-3edb81a5", "V-3EDB81A5", " v-3EDB81a5"):
        page = client.get(f"/review?vacancy={typed}").get_data(as_text=True)
        assert page.count('data-testid="queue-row"') == 1
        assert '<bdi class="small text-muted text-nowrap" dir="ltr">V-3EDB81A5</bdi>' in page


def test_an_import_row_with_the_code_in_small_letters_updates_the_vacancy(
        app, tmp_path: Path) -> None:
    def import_row(ref: str, name: str, **values: str) -> imports.ImportResult:
        rows = as_rows(VACANCY_HEADERS, [vacancy_row(ref, **values)])
        return imports.import_file("vacancies", write_xlsx(tmp_path / name, VACANCY_HEADERS,
                                                           rows))

    assert import_row("R-1", "first.xlsx").created == 1
    assert import_row("r-1", "second.xlsx", positions="4").updated == 1
    assert db.session.scalar(select(func.count(Vacancy.id))) == 1
    assert db.session.scalar(select(Vacancy.positions)) == 4


def test_two_rows_of_one_file_whose_codes_differ_only_in_case_are_one_vacancy(
        app, tmp_path: Path) -> None:
    rows = as_rows(VACANCY_HEADERS, [vacancy_row("R-1"), vacancy_row("r-1", title="تراشکار")])
    result = imports.import_file("vacancies", write_xlsx(tmp_path / "twice.xlsx",
                                                         VACANCY_HEADERS, rows))
    assert (result.created, len(result.refused)) == (1, 1)
    assert "در ردیف ۲ همین فایل هم آمده" in result.refused[0].reason


@pytest.mark.parametrize("typed", ["ABC-12", "-12345", "12345-", "۵۱۰۰۰۳۷الف", "1234567890123"])
def test_an_import_row_s_workshop_code_follows_the_unit_forms_rule(typed: str) -> None:
    errors = VacancyImportSchema().validate({**vacancy_row("R-1"), "workshop_code": typed})
    assert WORKSHOP_RULE in " ".join(errors["workshop_code"])


@pytest.mark.parametrize(("typed", "stored"), [("51 00 999", "5100999"),
                                               ("۵۱۰۰-۰۳۷", "5100037"), ("0051", "0051")])
def test_an_import_row_s_workshop_code_is_stored_as_digits_only(
        app, tmp_path: Path, typed: str, stored: str) -> None:
    rows = as_rows(VACANCY_HEADERS, [vacancy_row("R-1", workshop_code=typed)])
    result = imports.import_file("vacancies", write_xlsx(tmp_path / "units.xlsx",
                                                         VACANCY_HEADERS, rows))
    assert result.created == 1, result.refused
    assert db.session.scalar(select(IndustrialUnit.workshop_code)) == stored


def test_the_upgrade_brings_stored_codes_to_capitals_and_keeps_each_vacancy(app) -> None:
    """A unit that held «v-1» and «V-1» as two vacancies keeps both: the one already in
    capitals keeps its code, the other gets a suffix, said in the audit log."""
    empty_database()
    upgrade(revision="4f6b2d9e1a07")
    units = sa.table("industrial_units", sa.column("id", sa.Integer),
                     sa.column("name", sa.String), sa.column("name_key", sa.String),
                     sa.column("sector", sa.String), sa.column("created_at", sa.DateTime))
    vacancies = sa.table(
        "vacancies", *(sa.column(name, sa.Integer) for name in ("id", "unit_id", "positions")),
        *(sa.column(name, sa.String) for name in ("ref", "title", "title_key", "status",
                                                  "fields_key", "skills_key")),
        sa.column("fields", sa.JSON), sa.column("skills", sa.JSON),
        sa.column("created_at", sa.DateTime), sa.column("updated_at", sa.DateTime))
    now = datetime(2026, 1, 1)
    with db.engine.begin() as connection:
        for unit_id in (1, 2):
            connection.execute(units.insert().values(
                id=unit_id, name=f"واحد {unit_id}", name_key=f"واحد {unit_id}",
                sector="industry", created_at=now))
        for vacancy_id, unit_id, ref in ((1, 1, "v-1"), (2, 1, "V-1"), (3, 1, "abc"),
                                         (4, 1, "۰۰۲-۰۱"), (5, 2, "v-1"), (6, 1, "V-1-2")):
            connection.execute(vacancies.insert().values(
                id=vacancy_id, unit_id=unit_id, ref=ref, title="حسابدار", title_key="حسابدار",
                status="open", positions=1, fields=[], skills=[], fields_key="",
                skills_key="", created_at=now, updated_at=now))
    upgrade()
    with db.engine.connect() as connection:
        codes = dict(connection.execute(sa.select(vacancies.c.id, vacancies.c.ref)).all())
    assert codes == {1: "V-1-3", 2: "V-1", 3: "ABC", 4: "002-01", 5: "V-1", 6: "V-1-2"}
    entries = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "vacancy_code_changed")).all()
    assert [(e.entity_id, e.details) for e in entries] == [
        (1, {"previous_code": "v-1", "code": "V-1-3"})]


def test_a_code_already_held_is_said_with_the_forms_other_errors(
        client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.EMPLOYER))
    register_unit(client)
    assert post_form(client, "/vacancies/new", {**VACANCY, "ref": "Q-7"}).status_code == 302
    refused = post_form(client, "/vacancies/new", {**VACANCY, "ref": "q-7", "positions": "0",
                                                   "title_checked": "1"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "با همین کد در واحد شما ثبت شده است" in page  # not only once «ظرفیت» is fixed
    assert 'id="f-positions"' in page and 'aria-invalid="true"' in page
    assert db.session.scalar(select(func.count(Vacancy.id))) == 1
