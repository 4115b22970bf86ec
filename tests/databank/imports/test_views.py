"""The upload page, the error-file download, exports and the duplicates list, as a placement
officer or admin uses them; every other role is refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.db import db
from databank.organisations.services import get_or_create_unit
from databank.people.models import Person
from databank.vacancies.models import Vacancy
from tests.conftest import PASSWORD, post_form, valid_national_id
from tests.databank.imports.conftest import (
    GRADUATE_HEADERS,
    VACANCY_HEADERS,
    as_rows,
    graduate,
    read_csv,
    read_xlsx,
    vacancy,
)

PAGE = "/imports/"


def error_link(page: str) -> str:
    return page.split('data-testid="error-file" href="')[1].split('"')[0]


def persons() -> int:
    return db.session.scalar(select(func.count(Person.id)))


def upload(client: FlaskClient, path: Path, kind: str = "graduates", **fields: str):
    return post_form(client, PAGE, {"kind": kind, **fields,
                                    "file": (io.BytesIO(path.read_bytes()), path.name)})


@pytest.fixture
def officer(client, make_user, login):
    user = make_user(Role.PLACEMENT_OFFICER)
    login(user)
    return user


def test_an_officer_uploads_a_csv_sees_the_summary_and_downloads_the_error_file(
        client, officer, sheet, tmp_path: Path) -> None:
    rows = [graduate(1), graduate(2, national_id="0000000000"), graduate(3)]
    response = upload(client, sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows),
                                    name="university.csv"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'data-testid="created">۲<' in page and 'data-testid="refused">۱<' in page
    assert "university.csv" in page
    assert ("<td>۳</td><td>کد ملی (national_id)</td><td>کد ملی با همهٔ ارقام یکسان معتبر نیست.</td>"
            in page)
    assert persons() == 2

    link = page.split('data-testid="error-file" href="')[1].split('"')[0]
    download = client.get(link)
    assert download.status_code == 200
    assert download.headers["Cache-Control"] == "no-store"
    assert "attachment" in download.headers["Content-Disposition"]
    (tmp_path / "errors.csv").write_bytes(download.data)
    table = read_csv(tmp_path / "errors.csv")
    assert table[0] == [*GRADUATE_HEADERS, "دلیل رد"] and table[1][0] == "0000000000"
    assert "ستون «دلیل رد» هنگام ورود نادیده گرفته می‌شود" in page and "reason" not in page
    stored = list(Path(client.application.instance_path, "imports", "errors",
                       str(officer.id)).iterdir())
    assert len(stored) == 1 and stored[0].name.split(".")[0] in link
    assert not list(Path(client.application.instance_path, "imports", "uploads").iterdir())


def test_an_admin_uploads_vacancies_as_xlsx_and_gets_an_xlsx_error_file(
        client, make_user, login, sheet, tmp_path: Path) -> None:
    login(make_user(Role.ADMIN))
    rows = [vacancy("A-1"), vacancy("A-2", title="")]
    response = upload(client, sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, rows),
                                    name="estate.xlsx"), kind="vacancies")
    page = response.get_data(as_text=True)
    assert 'data-testid="created">۱<' in page
    link = page.split('data-testid="error-file" href="')[1].split('"')[0]
    (tmp_path / "e.xlsx").write_bytes(client.get(link).data)
    assert read_xlsx(tmp_path / "e.xlsx")[1][0] == "A-2"


def test_an_officer_sees_why_rows_about_an_employers_unit_or_a_close_name_were_refused(
        client, officer, make_user, sheet, tmp_path: Path) -> None:
    held = get_or_create_unit("شرکت فولاد سپهر ساوه")
    db.session.commit()
    make_user(Role.EMPLOYER, unit_id=held.id)
    rows = [vacancy("S-1", unit_name="شرکت فولاد سپهر ساوه"),
            vacancy("N-1", unit_name="شرکت فولاد سپهر"), vacancy("A-1")]
    response = upload(client, sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, rows),
                                    name="estate.csv"), kind="vacancies")
    page = response.get_data(as_text=True)
    assert 'data-testid="created">۱<' in page and 'data-testid="refused">۲<' in page
    assert ("<td>۲</td><td>نام واحد (unit_name)</td><td>واحد «شرکت فولاد سپهر ساوه» در سامانه "
            "حساب کارفرما دارد و فرصت‌های شغلی‌اش را کارفرما خودش ثبت و به‌روز می‌کند؛ این ردیف "
            "ذخیره نشد.</td>") in page
    assert ("<td>۳</td><td>نام واحد (unit_name)</td><td>واحدی با نام «شرکت فولاد سپهر» در "
            "بانک نیست، ولی این واحدها نامی نزدیک دارند: «شرکت فولاد سپهر ساوه».") in page
    assert [v.ref for v in db.session.scalars(select(Vacancy))] == ["A-1"]
    (tmp_path / "e.csv").write_bytes(client.get(error_link(page)).data)
    reasons = [row[-1] for row in read_csv(tmp_path / "e.csv")[1:]]
    assert reasons[0].startswith("ردیف ۲ — نام واحد (unit_name): واحد «شرکت فولاد سپهر ساوه»")
    assert "ستون «واحد تازه» (new_unit)" in reasons[1]


def test_the_page_lists_the_new_unit_column_and_says_what_it_is_for(client, officer) -> None:
    page = client.get(PAGE).get_data(as_text=True)
    assert 'واحد تازه <span dir="ltr">(new_unit)</span>' in page
    assert "فرصت‌های شغلی آن را کارفرما خودش ثبت و به‌روز می‌کند" in page


def test_strict_upload_stores_nothing(client, officer, sheet) -> None:
    rows = [graduate(1), graduate(2, degree="")]
    response = upload(client, sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows)),
                      strict="1")
    page = response.get_data(as_text=True)
    assert "هیچ ردیفی از این فایل ذخیره نشد" in page
    # the error file holds the refused row alone: the good one must come from the first file
    assert 'data-testid="strict-resend"' in page and "فایل اصلی" in page
    assert "همان فایل را دوباره بفرستید" not in page
    assert persons() == 0


def test_a_file_of_headers_alone_says_it_held_no_rows(client, officer, sheet) -> None:
    response = upload(client, sheet(GRADUATE_HEADERS, []))
    page = response.get_data(as_text=True)
    assert 'data-testid="no-rows"' in page and "ردیفی نداشت" in page
    assert persons() == 0


@pytest.mark.parametrize(("name", "content", "message"), [
    ("graduates.xls", b"\xd0\xcf\x11\xe0", "قالب فایل پشتیبانی نمی‌شود"),
    ("graduates.xlsx", b"not a zip", "فایل اکسل خراب است"),
    ("graduates.csv", b"national_id,first_name\n", "«مقطع تحصیلی» (degree)"),
])
def test_an_unreadable_upload_is_refused_beside_the_file_field(
        client, officer, tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    response = upload(client, path)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert persons() == 0


def test_an_upload_without_a_file_or_with_an_unknown_kind_is_refused(client, officer,
                                                                      sheet) -> None:
    no_file = post_form(client, PAGE, {"kind": "graduates"})
    assert no_file.status_code == 400
    assert "فایلی برای ورود انتخاب کنید" in no_file.get_data(as_text=True)
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(1)]))
    bad_kind = upload(client, path, kind="persons")
    assert bad_kind.status_code == 400 and persons() == 0


def test_an_upload_without_the_csrf_token_is_refused(client, officer, sheet) -> None:
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(1)]))
    response = client.post(PAGE, data={"kind": "graduates",
                                       "file": (io.BytesIO(path.read_bytes()), "g.csv")})
    assert response.status_code == 400 and persons() == 0


def test_a_repeated_national_id_is_refused_on_the_page_and_in_the_error_file(
        client, officer, sheet, tmp_path: Path) -> None:
    rows = [graduate(1, city="اراک"), graduate(2), graduate(1, city="ساوه")]
    page = upload(client, sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows))
                  ).get_data(as_text=True)
    assert 'data-testid="created">۲<' in page and 'data-testid="refused">۱<' in page
    assert ("<td>۴</td><td>کد ملی (national_id)</td><td>این کد ملی در ردیف ۲ همین فایل هم آمده "
            "است؛ اطلاعات هر فرد را در یک ردیف بیاورید.</td>") in page
    (tmp_path / "errors.csv").write_bytes(client.get(error_link(page)).data)
    [header, row] = read_csv(tmp_path / "errors.csv")
    assert row[:2] == [valid_national_id(1), "زهرا"] and row[6] == "ساوه"
    assert row[-1].startswith("ردیف ۴ — کد ملی (national_id): این کد ملی در ردیف ۲")
    assert db.session.scalar(select(Person.city).where(
        Person.national_id == valid_national_id(1))) == "اراک"


@pytest.mark.parametrize("role", [Role.PLACEMENT_OFFICER, Role.ADMIN])
def test_an_error_file_opens_only_for_the_officer_who_imported(
        app, client, officer, make_user, sheet, role: Role) -> None:
    page = upload(client, sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [
        graduate(1, degree="؟")]))).get_data(as_text=True)
    other = app.test_client()
    assert post_form(other, "/login", {"username": make_user(role).username,
                                       "password": PASSWORD}).status_code == 302
    assert other.get(error_link(page)).status_code == 404
    assert client.get(error_link(page)).status_code == 200


@pytest.mark.parametrize("token", ["../../secret_key", "..%2F..%2Fsecret_key",
                                   "a" * 32, "x" * 31 + "/"])
def test_error_files_cannot_be_reached_by_guessing_or_path_traversal(client, officer,
                                                                      token: str) -> None:
    assert client.get(f"/imports/errors/{token}").status_code == 404


@pytest.mark.parametrize("role", [Role.GRADUATE, Role.EMPLOYER, Role.AGENCY_OFFICER,
                                  Role.INSPECTOR])
def test_other_roles_are_refused_every_import_page(client, make_user, login, sheet,
                                                   role: Role) -> None:
    login(make_user(role))
    for url in (PAGE, "/imports/duplicates", "/imports/export/graduates.csv",
                "/imports/errors/" + "a" * 32):
        assert client.get(url).status_code == 403, url
    token = client.get("/").get_data(as_text=True).split('name="csrf_token" value="')[1]
    path = sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, [graduate(1)]))
    response = client.post(PAGE, data={"kind": "graduates", "csrf_token": token.split('"')[0],
                                       "file": (io.BytesIO(path.read_bytes()), "g.csv")})
    assert response.status_code == 403 and persons() == 0


def test_anonymous_visitors_are_sent_to_login(client) -> None:
    response = client.get(PAGE)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_duplicates_page_lists_persons_with_the_same_name_and_birth_year(
        client, officer, sheet) -> None:
    rows = [graduate(1, first_name="مریم", last_name="احمدی", birth_year="1370",
                     consent="بله"),
            graduate(2, first_name="مريم", last_name="احمدي", birth_year="1370",
                     consent="بله"),
            graduate(3, first_name="مریم", last_name="احمدی", birth_year="1371",
                     consent="بله")]
    summary = upload(client, sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows)))
    assert "احتمالاً تکراری" in summary.get_data(as_text=True)
    page = client.get("/imports/duplicates").get_data(as_text=True)
    assert page.count('data-testid="duplicate-group"') == 1
    assert fa_digits(valid_national_id(1)) in page
    assert fa_digits(valid_national_id(2)) in page
    assert fa_digits(valid_national_id(3)) not in page


def test_an_office_sees_the_ids_on_the_duplicates_page_only_of_those_who_consented(
        client, make_user, login, sheet) -> None:
    login(make_user(Role.PLACEMENT_OFFICER))
    rows = [graduate(1, first_name="مریم", last_name="احمدی", birth_year="1370",
                     mobile="09121110001", consent="بله"),
            graduate(2, first_name="مریم", last_name="احمدی", birth_year="1370",
                     mobile="09121110002", consent="خیر")]
    upload(client, sheet(GRADUATE_HEADERS, as_rows(GRADUATE_HEADERS, rows)))
    page = client.get("/imports/duplicates").get_data(as_text=True)
    assert page.count('data-testid="duplicate-group"') == 1
    assert fa_digits(valid_national_id(1)) in page and fa_digits("09121110001") in page
    assert fa_digits(valid_national_id(2)) not in page and fa_digits("09121110002") not in page
    assert page.count('data-testid="contacts-hidden"') == 1
    post_form(client, "/", {}, action="/logout")
    login(make_user(Role.ADMIN))
    page = client.get("/imports/duplicates").get_data(as_text=True)
    assert fa_digits(valid_national_id(2)) in page and fa_digits("09121110002") in page
    assert 'data-testid="contacts-hidden"' not in page


def fa_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def test_the_nav_shows_the_import_page_to_officers_only(client, make_user, login) -> None:
    login(make_user(Role.PLACEMENT_OFFICER))
    assert 'href="/imports/"' in client.get("/").get_data(as_text=True)
    post_form(client, "/", {}, action="/logout")
    login(make_user(Role.GRADUATE))
    assert 'href="/imports/"' not in client.get("/").get_data(as_text=True)
