"""What a graduate types as her university on the public sign-up (anonymous, no approval) is
stored for her but offered to nobody until the admin confirms or merges it; a name close to
one on the county's list is asked about; a name carrying a phone number is refused."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from databank.imports import services as imports
from databank.organisations import university_merge
from databank.organisations.models import University, UniversityKind
from databank.organisations.services import (
    find_by_name,
    get_or_create_university,
    university_names,
)
from databank.people.models import GraduateProfile, Person
from tests.conftest import PASSWORD, post_form
from tests.databank.imports.conftest import GRADUATE_HEADERS, as_rows, graduate, write_csv

REGISTER = "/graduates/register"
ADMIN_PAGE = "/admin/organisations/universities"
LISTED = "دانشگاه آزاد اسلامی واحد ساوه"
ADVERT = "برای کار فوری با ۰۹۱۲۹۹۹۸۸۷۷ تماس بگیرید"
NEW = "آموزشکده فنی شهید رجایی نوبران"
REFUSED = "نام دانشگاه شمارهٔ تلفن یا رشتهٔ بلندی از رقم ندارد"
ASKED = "در فهرست دانشگاه‌های شهرستان نیست، ولی به"
TICK = 'name="university_checked"'
REGISTRATION = {
    "national_id": "۰۰۱۳۵۴۲۴۱۹", "username": "maryam.ahmadi", "password": "a-long-enough-pass",
    "password_confirm": "a-long-enough-pass", "first_name": "مریم", "last_name": "احمدی",
    "gender": "female", "birth_year": "۱۳۷۶", "mobile": "09123456789", "city": "ساوه",
    "university": NEW, "degree": "3", "field_of_study": "مهندسی کامپیوتر",
    "graduation_year": "1399", "skills": "پایتون", "desired_job": "برنامه‌نویس وب",
    "consent": "1",
}


@pytest.fixture
def county(app: Flask) -> University:
    """The county's list, as the admin (or the demo seed) keeps it: one university."""
    university = get_or_create_university(LISTED, UniversityKind.AZAD, "ساوه")
    db.session.commit()
    return university


@pytest.fixture
def admin(app: Flask, make_user) -> FlaskClient:
    return signed_in(app, make_user(Role.ADMIN))


def signed_in(app: Flask, user: User) -> FlaskClient:
    browser = app.test_client()
    response = post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def page_text(response: Any) -> str:
    return html.unescape(response.get_data(as_text=True))


def offered(client: FlaskClient, page: str = REGISTER) -> list[str]:
    """The names of the dl-universities datalist on `page`."""
    body = page_text(client.get(page))
    start = body.index('<datalist id="dl-universities">')
    datalist = body[start:body.index("</datalist>", start)]
    return [part.split('"', 1)[0] for part in datalist.split('<option value="')[1:]]


def register(client: FlaskClient, **values: str) -> Any:
    return post_form(client, REGISTER, {**REGISTRATION, **values})


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def her_university() -> University | None:
    db.session.expire_all()
    return db.session.scalar(select(Person)).profile.university


def pending(admin: FlaskClient) -> str:
    """The admin's table of names waiting to be confirmed ('' when there is none)."""
    body = page_text(admin.get(ADMIN_PAGE))
    if 'data-testid="pending"' not in body:
        return ""
    start = body.index('data-testid="pending"')
    return body[start:body.index("</table>", start)]


# ---------------------------------------------------------------- kept off the suggestions


def test_a_strangers_typed_university_is_stored_for_her_but_offered_to_nobody(
        client: FlaskClient, app: Flask, county: University) -> None:
    assert register(client).status_code == 302
    typed = her_university()
    assert typed.name == NEW and not typed.listed
    assert offered(app.test_client()) == [LISTED]  # the next visitor
    assert NEW not in university_names()
    # not even to her who typed it, though her own box holds it
    assert offered(client, "/profile") == [LISTED]
    assert f'value="{NEW}"' in page_text(client.get("/profile"))


def test_the_admin_sees_the_typed_name_apart_and_confirming_it_puts_it_on_offer(
        client: FlaskClient, admin: FlaskClient, county: University) -> None:
    assert register(client).status_code == 302
    typed = her_university()
    waiting = pending(admin)
    assert f'aria-label="نام {NEW}"' in waiting and 'data-testid="confirm"' in waiting
    assert f"/universities/{typed.id}/merge" in waiting  # or merged into a listed one
    assert LISTED not in waiting
    confirmed = post_form(admin, ADMIN_PAGE, {"name": NEW, "kind": "technical_vocational",
                                              "city": "نوبران"},
                          action=f"{ADMIN_PAGE}/{typed.id}")
    assert confirmed.status_code == 302
    assert pending(admin) == ""
    assert offered(client.application.test_client()) == sorted(
        [LISTED, NEW], key=university_names().index)
    assert NEW in university_names()
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.entity == "university")
                               .order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.entity_id, entry.details.get("verified")) == (
        "edit_organisation", typed.id, True)


def test_the_admin_adding_a_name_someone_typed_confirms_that_university(
        client: FlaskClient, admin: FlaskClient, county: University) -> None:
    assert register(client).status_code == 302
    typed = her_university()
    assert post_form(admin, ADMIN_PAGE, {"name": f" {NEW} ", "kind": "other"}
                     ).status_code == 302
    db.session.expire_all()
    assert count(University) == 2 and db.session.get(University, typed.id).listed
    assert NEW in university_names()


def test_merging_a_typed_name_into_a_listed_one_offers_only_the_one_kept(
        client: FlaskClient, app: Flask, county: University, make_user) -> None:
    assert register(client, university="آزاد واحد ساوه", university_checked="1"
                    ).status_code == 302
    typed = her_university()
    university_merge.merge_universities(make_user(Role.ADMIN), typed.id, county.id)
    db.session.commit()
    assert offered(app.test_client()) == [LISTED]
    assert her_university().id == county.id


def test_an_import_rows_new_university_waits_for_the_admin_too(
        app: Flask, tmp_path: Path, county: University) -> None:
    rows = [graduate(81, university="دانشگاه آزاد  اسلامی واحد ساوه"),
            graduate(82, university="مرکز آموزش عالی امام خمینی")]
    path = write_csv(tmp_path / "graduates.csv", GRADUATE_HEADERS,
                     as_rows(GRADUATE_HEADERS, rows))
    result = imports.import_file("graduates", path)
    assert (result.created, result.refused) == (2, [])
    assert find_by_name(University, LISTED).id == county.id
    assert not find_by_name(University, "مرکز آموزش عالی امام خمینی").listed
    assert university_names() == [LISTED]


# ---------------------------------------------------------------- close names


@pytest.mark.parametrize("typed", ["دانشگاه آزاد ساوه", "آزاد", "آزاد اسلامي ساوه"])
def test_a_name_close_to_a_listed_university_is_asked_about_and_nothing_is_written(
        client: FlaskClient, county: University, typed: str) -> None:
    response = register(client, university=typed)
    body = page_text(response)
    assert response.status_code == 400
    shown = typed.replace("ي", "ی")  # as the form stores it: Persian letters
    assert f"«{shown}» {ASKED} «{LISTED}» نزدیک است" in body
    assert 'id="f-university-error"' in body and TICK in body
    assert count(Person) == count(User) == count(GraduateProfile) == 0
    assert count(University) == 1


def test_picking_the_listed_university_after_the_question_links_her_to_it(
        client: FlaskClient, county: University) -> None:
    assert register(client, university="دانشگاه آزاد ساوه").status_code == 400
    assert register(client, university=LISTED).status_code == 302
    assert her_university().id == county.id
    assert count(University) == 1


def test_ticking_that_hers_is_another_stores_it_unlisted(
        client: FlaskClient, app: Flask, county: University) -> None:
    response = register(client, university="دانشگاه آزاد ساوه", university_checked="1")
    assert response.status_code == 302
    typed = her_university()
    assert typed.name == "دانشگاه آزاد ساوه" and not typed.listed and typed.id != county.id
    assert offered(app.test_client()) == [LISTED]


def test_her_tick_is_kept_when_another_field_is_refused(
        client: FlaskClient, county: University) -> None:
    response = register(client, university="آزاد", university_checked="1", mobile="021")
    body = page_text(response)
    assert response.status_code == 400
    assert TICK in body and "checked" in body.split(TICK, 1)[1].split(">", 1)[0]


def test_the_question_never_names_a_university_nobody_confirmed(
        client: FlaskClient, app: Flask, make_graduate) -> None:
    make_graduate(university="آزاد ساوه تماس بگیرید")  # a stranger's text, unlisted
    response = register(client, university="آزاد ساوه")
    assert response.status_code == 302
    assert "تماس بگیرید" not in page_text(app.test_client().get(REGISTER))


def test_her_profile_keeps_her_unlisted_university_without_asking_again(
        client: FlaskClient, county: University) -> None:
    assert register(client, university="دانشگاه آزاد ساوه", university_checked="1"
                    ).status_code == 302
    typed = her_university()
    form = {**REGISTRATION, "university": "دانشگاه آزاد ساوه", "desired_job": "تحلیلگر داده"}
    for secret in ("national_id", "username", "password", "password_confirm"):
        form.pop(secret)
    assert post_form(client, "/profile", form).status_code == 302
    assert her_university().id == typed.id
    asked = post_form(client, "/profile", {**form, "university": "آزاد"})
    assert asked.status_code == 400 and ASKED in page_text(asked)
    assert her_university().id == typed.id


# ---------------------------------------------------------------- no advertisements


@pytest.mark.parametrize("typed", [
    ADVERT, "دانشگاه ساوه 0912 999 88 77", "تماس (086) 4222-3344", "دانشگاه ۱۲۳۴۵۶۷",
])
def test_a_university_name_carrying_a_phone_number_is_refused_and_nothing_is_written(
        client: FlaskClient, county: University, typed: str) -> None:
    response = register(client, university=typed)
    body = page_text(response)
    assert response.status_code == 400
    error = body.split('id="f-university-error">', 1)[1].split("</div>", 1)[0]
    assert REFUSED in error
    assert count(Person) == count(User) == count(GraduateProfile) == 0
    assert count(University) == 1


@pytest.mark.parametrize("typed", ["دانشگاه آزاد اسلامی واحد ۲ تهران", "مجتمع آموزش عالی ۱۵ خرداد"])
def test_a_university_name_with_a_few_digits_is_still_a_name(
        client: FlaskClient, typed: str) -> None:
    assert register(client, university=typed).status_code == 302
    assert her_university().name == typed


def test_the_phone_number_rule_holds_on_her_profile_and_the_admins_list(
        client: FlaskClient, admin: FlaskClient, county: University) -> None:
    assert register(client).status_code == 302
    form = {**REGISTRATION, "university": ADVERT}
    for secret in ("national_id", "username", "password", "password_confirm"):
        form.pop(secret)
    refused = post_form(client, "/profile", form)
    assert refused.status_code == 400 and REFUSED in page_text(refused)
    assert her_university().name == NEW
    added = post_form(admin, ADMIN_PAGE, {"name": ADVERT})
    assert added.status_code == 400 and REFUSED in page_text(added)
    assert count(University) == 2


def test_an_import_row_whose_university_carries_a_phone_number_is_refused(
        app: Flask, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "graduates.csv", GRADUATE_HEADERS,
                     as_rows(GRADUATE_HEADERS, [graduate(83, university=ADVERT)]))
    result = imports.import_file("graduates", path)
    assert result.created == 0 and len(result.refused) == 1
    assert count(University) == count(Person) == 0


# ---------------------------------------------------------------- the demo county


def test_the_demo_county_offers_its_universities(app: Flask) -> None:
    from databank.demo import data
    from databank.demo.seed import seed_demo

    seed_demo()
    db.session.commit()
    assert set(university_names()) == {name for name, _ in data.UNIVERSITIES}
    assert offered(app.test_client()) == university_names()


def test_one_submission_names_every_problem_of_a_registration(
        client: FlaskClient, county: University, make_user) -> None:
    """A mistyped mobile, a username already held and a university to ask about are said
    together: she retypes her password once, not once a round."""
    held = make_user(Role.EMPLOYER)
    refused = post_form(client, REGISTER, {
        **REGISTRATION, "mobile": "0935123456", "username": held.username, "university": "آزاد",
        "password_confirm": "something-else-1"})
    said = page_text(refused)
    assert refused.status_code == 400
    assert "این نام کاربری قبلاً گرفته شده است" in said
    assert ASKED in said and TICK in said
    assert "تکرار گذرواژه با خود گذرواژه یکی نیست" in said
    assert "شمارهٔ همراه" in said
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_an_employers_sign_up_names_a_held_username_with_its_other_errors(
        client: FlaskClient, make_user) -> None:
    held = make_user(Role.EMPLOYER)
    refused = post_form(client, "/register", {
        "role": "employer", "display_name": "", "username": held.username,
        "password": "a-long-enough-pass", "password_confirm": "a-long-enough-pass"})
    said = page_text(refused)
    assert refused.status_code == 400
    assert "این نام کاربری قبلاً گرفته شده است" in said and "این بخش را پر کنید" in said
