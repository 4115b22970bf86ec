"""A vacancy posted again (Back and «انتشار» once more, or the form sent twice) is not posted a
second time silently: a title like that of a vacancy the unit has open or paused is asked
about, showing that vacancy, and posted only when the employer says it is another one."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.db import db
from databank.jalali import format_date, local_day
from databank.matches.models import Proposal
from databank.organisations.services import get_or_create_unit
from databank.vacancies.models import Vacancy, VacancyStatus
from databank.vacancies.services import SAME_TITLE, save_vacancy
from tests.conftest import post_form
from tests.databank.vacancies.test_employer_pages import VACANCY, count, employer

__all__ = ["employer"]  # the fixture


def test_posting_the_same_vacancy_again_shows_the_open_one_and_posts_nothing(
        client: FlaskClient, employer, make_graduate) -> None:
    make_graduate(field_of_study="علوم و صنایع غذایی", skills=["HACCP"])
    assert post_form(client, "/vacancies/new", VACANCY).status_code == 302
    first = db.session.scalar(select(Vacancy))
    proposals = count(Proposal)
    # the same form sent again, its title typed with an Arabic ي and doubled spaces
    again = post_form(client, "/vacancies/new",
                      {**VACANCY, "title": "  كارشناس  کنترل كيفيت "})
    page = again.get_data(as_text=True)
    assert again.status_code == 409
    assert SAME_TITLE in page
    shown = re.search(r'data-testid="namesake">(.*?)</li>', page, re.S).group(1)
    assert f'<bdi dir="ltr" class="text-nowrap">{first.ref}</bdi>' in shown
    assert format_date(local_day(first.created_at)) in shown and "ظرفیت ۲ نفر" in shown
    assert f'href="/vacancies/{first.id}/edit"' in shown
    assert 'name="title_checked"' in page
    assert 'value="  كارشناس  کنترل كيفيت "' in page  # the form keeps what she typed
    assert 'value="HACCP، ISO 9001"' in page
    assert count(Vacancy) == 1 and count(Proposal) == proposals


def test_the_employer_who_says_it_is_another_vacancy_posts_it(client: FlaskClient,
                                                               employer) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    posted = post_form(client, "/vacancies/new", {**VACANCY, "title_checked": "1"})
    assert posted.status_code == 302
    assert count(Vacancy) == 2


@pytest.mark.parametrize(("status", "asked"), [(VacancyStatus.PAUSED, True),
                                               (VacancyStatus.CLOSED, False)])
def test_a_paused_vacancy_of_that_title_is_asked_about_and_a_closed_one_is_not(
        client: FlaskClient, employer, status: VacancyStatus, asked: bool) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    post_form(client, "/vacancies", {"status": status.value},
              action=f"/vacancies/{db.session.scalar(select(Vacancy.id))}/status")
    response = post_form(client, "/vacancies/new", VACANCY)
    assert response.status_code == (409 if asked else 302)
    assert count(Vacancy) == (1 if asked else 2)


def test_another_units_vacancy_of_that_title_is_not_asked_about(client: FlaskClient,
                                                                 employer) -> None:
    save_vacancy(get_or_create_unit("شرکت دیگر", city="ساوه"),
                 {"ref": "X-1", "title": VACANCY["title"]})
    db.session.commit()
    assert post_form(client, "/vacancies/new", VACANCY).status_code == 302


def test_a_code_already_taken_is_said_before_the_title(client: FlaskClient, employer) -> None:
    post_form(client, "/vacancies/new", {**VACANCY, "ref": "Q-1"})
    again = post_form(client, "/vacancies/new", {**VACANCY, "ref": "Q-1"})
    page = again.get_data(as_text=True)
    assert again.status_code == 409 and "با همین کد" in page and SAME_TITLE not in page


def test_a_form_refused_for_another_error_asks_the_title_question_with_it(
        client: FlaskClient, employer) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    refused = post_form(client, "/vacancies/new", {**VACANCY, "deadline": "1403/13/01"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert SAME_TITLE in page and 'data-testid="namesake"' in page
    assert 'name="title_checked"' in page and "مهلت" in page
    assert count(Vacancy) == 1


def test_her_tick_is_kept_on_a_form_refused_for_another_error_and_then_it_posts(
        client: FlaskClient, employer) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    ticked = {**VACANCY, "title_checked": "1"}
    refused = post_form(client, "/vacancies/new", {**ticked, "positions": "-3"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and SAME_TITLE not in page
    assert re.search(r'name="title_checked"[^>]* checked', page)
    assert count(Vacancy) == 1
    assert post_form(client, "/vacancies/new", ticked).status_code == 302
    assert count(Vacancy) == 2


def test_a_code_taken_names_the_vacancy_that_holds_it(client: FlaskClient, employer) -> None:
    post_form(client, "/vacancies/new", {**VACANCY, "ref": "Q-1"})
    again = post_form(client, "/vacancies/new", {**VACANCY, "title": "انباردار", "ref": "q-1"})
    page = again.get_data(as_text=True)
    assert again.status_code == 409
    assert "فرصت شغلی «کارشناس کنترل کیفیت» (باز) با همین کد" in page
    assert count(Vacancy) == 1


def test_renaming_a_vacancy_to_the_title_of_another_in_play_is_asked_about(
        client: FlaskClient, employer) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    post_form(client, "/vacancies/new", {**VACANCY, "title": "انباردار"})
    first, second = db.session.scalars(select(Vacancy).order_by(Vacancy.id)).all()
    edit = {**VACANCY, "title": "كارشناس كنترل کیفیت"}  # Arabic kaf: the same title
    asked = post_form(client, f"/vacancies/{second.id}/edit", edit)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 409 and SAME_TITLE in page
    shown = re.findall(r'data-testid="namesake">(.*?)</li>', page, re.S)
    assert len(shown) == 1 and first.ref in shown[0]  # never itself
    db.session.expire_all()
    assert db.session.get(Vacancy, second.id).title == "انباردار"
    kept = post_form(client, f"/vacancies/{second.id}/edit", {**edit, "title_checked": "1"})
    assert kept.status_code == 302
    db.session.expire_all()
    assert db.session.get(Vacancy, second.id).title == "كارشناس كنترل کیفیت".replace(
        "ك", "ک")


def test_an_edit_that_keeps_its_title_is_not_asked_about(client: FlaskClient,
                                                         employer) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    post_form(client, "/vacancies/new", {**VACANCY, "title_checked": "1"})  # two on purpose
    second = db.session.scalars(select(Vacancy).order_by(Vacancy.id.desc())).first()
    saved = post_form(client, f"/vacancies/{second.id}/edit", {**VACANCY, "positions": "3"})
    assert saved.status_code == 302


def test_reopening_a_closed_vacancy_beside_an_open_one_of_its_title_asks_first(
        client: FlaskClient, employer) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    closed = db.session.scalar(select(Vacancy))
    post_form(client, "/vacancies", {"status": "closed"},
              action=f"/vacancies/{closed.id}/status")
    post_form(client, "/vacancies/new", VACANCY)  # not asked: the other one is closed
    assert count(Vacancy) == 2
    listed = client.get("/vacancies").get_data(as_text=True)
    assert "با بازگشایی این یکی، نامزدها دو بار پیشنهاد می‌شوند" in listed
    assert 'name="title_checked" value="1"' in listed
    older = post_form(client, "/vacancies", {"status": "open"},
                      action=f"/vacancies/{closed.id}/status", follow_redirects=True)
    assert "هنوز باز است؛ با بازگشایی این یکی" in older.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Vacancy, closed.id).status is VacancyStatus.CLOSED
    post_form(client, "/vacancies", {"status": "open", "title_checked": "1"},
              action=f"/vacancies/{closed.id}/status")
    db.session.expire_all()
    assert db.session.get(Vacancy, closed.id).status is VacancyStatus.OPEN


def test_a_tick_given_is_kept_beside_a_code_already_taken(client: FlaskClient,
                                                          employer) -> None:
    post_form(client, "/vacancies/new", {**VACANCY, "ref": "Q-1"})
    again = post_form(client, "/vacancies/new",
                      {**VACANCY, "ref": "q-1", "title_checked": "1"})
    page = again.get_data(as_text=True)
    assert again.status_code == 409 and "با همین کد" in page and SAME_TITLE not in page
    assert re.search(r'name="title_checked"[^>]*checked', page)
    assert post_form(client, "/vacancies/new", {**VACANCY, "ref": "Q-2",
                                                "title_checked": "1"}).status_code == 302


def test_the_edit_pages_question_speaks_of_saving(client: FlaskClient, employer) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    post_form(client, "/vacancies/new", {**VACANCY, "title": "انباردار"})
    second = db.session.scalars(select(Vacancy).order_by(Vacancy.id.desc())).first()
    page = post_form(client, f"/vacancies/{second.id}/edit", VACANCY).get_data(as_text=True)
    assert "این فرصت دیگری است؛ با همین عنوان ذخیره شود" in page
    assert "«انتشار»" not in page
