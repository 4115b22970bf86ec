"""An industrial unit's journey: register the unit, post vacancies, see candidates; and the
walls between units and around graduates' contact details."""

from __future__ import annotations

from datetime import date, timedelta

import jdatetime
import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import today
from databank.matches.models import Proposal, ProposalStatus
from databank.organisations.models import IndustrialEstate, IndustrialUnit
from databank.organisations.services import get_or_create_estate
from databank.vacancies.models import Vacancy, VacancyStatus
from databank.vocabulary import Gender, Sector
from tests.conftest import post_form

UNIT = {"name": "شرکت لبنيات آوای دشت", "industrial_estate": "شهرک صنعتی کاظم‌آباد",
        "sector": "industry", "city": "ساوه", "address": "خیابان اول", "phone": "۰۸۶-۴۲۲۲۳۳۴۴",
        "workshop_code": "5100037"}
DEADLINE = today() + timedelta(days=100)


def jalali(day: date) -> str:
    return jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")


VACANCY = {"title": "کارشناس کنترل کیفیت", "positions": "۲", "min_degree": "3",
           "gender": "any", "deadline": jalali(DEADLINE),
           "fields": "علوم و صنایع غذایی، مهندسی شیمی", "skills": "HACCP، ISO 9001",
           "description": "تمام‌وقت", "city": "ساوه"}


def register_unit(client: FlaskClient) -> None:
    """The signed-in employer describes her unit, in an estate on the admin's list."""
    get_or_create_estate(UNIT["industrial_estate"], "ساوه")
    db.session.commit()
    assert post_form(client, "/unit", UNIT).status_code == 302


@pytest.fixture
def employer(client: FlaskClient, make_user, login):
    user = make_user(Role.EMPLOYER)
    login(user)
    register_unit(client)
    return user


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_an_employer_without_a_unit_is_sent_to_register_it(client: FlaskClient, make_user,
                                                             login) -> None:
    login(make_user(Role.EMPLOYER))
    assert client.get("/vacancies").headers["Location"] == "/unit"
    assert client.get("/vacancies/new").headers["Location"] == "/unit"


def test_registering_the_unit_creates_or_reuses_its_estate(employer) -> None:
    unit = db.session.get(IndustrialUnit, employer.unit_id)
    assert unit.name == "شرکت لبنیات آوای دشت" and unit.sector is Sector.INDUSTRY  # ي folded
    assert unit.estate.name == "شهرک صنعتی کاظم‌آباد" and unit.workshop_code == "5100037"
    assert count(IndustrialEstate) == 1


def test_a_second_employer_cannot_take_a_unit_that_has_an_owner(employer, app) -> None:
    from databank.accounts.services import create_user

    other = create_user(username="other-employer", password="correct-horse-battery",
                        display_name="دیگری", role=Role.EMPLOYER)
    db.session.commit()
    client = app.test_client()
    post_form(client, "/login", {"username": "other-employer",
                                 "password": "correct-horse-battery"})
    response = post_form(client, "/unit", {**UNIT, "name": "شرکت لبنیات آوای  دشت"})
    assert response.status_code == 409
    assert "کاربر دیگری دارد" in response.get_data(as_text=True)
    db.session.refresh(other)
    assert other.unit_id is None


def test_she_posts_a_vacancy_and_sees_proposed_candidates_without_contacts(
        client: FlaskClient, employer, make_graduate) -> None:
    graduate = make_graduate(field_of_study="صنایع غذایی", skills=["HACCP", "GMP"],
                             mobile="09129876543")
    response = post_form(client, "/vacancies/new", VACANCY)
    assert response.status_code == 302
    vacancy = db.session.scalar(select(Vacancy))
    assert vacancy.positions == 2 and vacancy.deadline == DEADLINE
    assert vacancy.fields == ["علوم و صنایع غذایی", "مهندسی شیمی"]
    assert vacancy.gender is None and vacancy.status is VacancyStatus.OPEN
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "صنایع غذایی" in page and "HACCP" in page
    person = graduate.person
    for secret in (person.national_id, person.mobile, "۰۹۱۲۹۸۷۶۵۴۳", person.last_name):
        assert secret not in page


def test_contact_details_appear_once_an_office_introduces_the_graduate(
        client: FlaskClient, employer, make_graduate) -> None:
    graduate = make_graduate(field_of_study="علوم و صنایع غذایی", skills=["HACCP"],
                             mobile="09129876543")
    post_form(client, "/vacancies/new", VACANCY)
    proposal = db.session.scalar(select(Proposal).where(Proposal.profile_id == graduate.id))
    proposal.status = ProposalStatus.INTRODUCED
    db.session.commit()
    page = client.get(f"/vacancies/{proposal.vacancy_id}/candidates").get_data(as_text=True)
    assert "۰۹۱۲۹۸۷۶۵۴۳" in page and graduate.person.last_name in page
    assert graduate.person.national_id not in page


def test_bad_vacancy_input_is_refused_in_persian_and_stores_nothing(client: FlaskClient,
                                                                    employer) -> None:
    bad = {**VACANCY, "positions": "0", "deadline": "1405/12/31", "min_degree": "9",
           "gender": "hermaphrodite", "title": ""}
    response = post_form(client, "/vacancies/new", bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    for message in ("عدد باید بین", "روز ۳۱ در آن نیست", "مقطع تحصیلی شناخته نشد",
                    "«فرقی ندارد»", "این بخش را پر کنید"):
        assert message in page
    assert count(Vacancy) == 0


def test_she_edits_pauses_closes_and_reopens_her_vacancy(client: FlaskClient, employer,
                                                         make_graduate) -> None:
    make_graduate(field_of_study="علوم و صنایع غذایی", skills=["HACCP"])
    post_form(client, "/vacancies/new", VACANCY)
    vacancy = db.session.scalar(select(Vacancy))
    edit = post_form(client, f"/vacancies/{vacancy.id}/edit",
                     {**VACANCY, "title": "مسئول فنی", "positions": "3"})
    assert edit.status_code == 302
    db.session.refresh(vacancy)
    assert vacancy.title == "مسئول فنی" and vacancy.positions == 3
    for status in ("paused", "closed", "open"):
        post_form(client, "/vacancies", {"status": status},
                  action=f"/vacancies/{vacancy.id}/status")
        db.session.refresh(vacancy)
        assert vacancy.status.value == status
        expected = 1 if status == "open" else 0
        assert count(Proposal) == expected


def test_she_marks_interest_in_a_candidate(client: FlaskClient, employer,
                                           make_graduate) -> None:
    make_graduate(field_of_study="علوم و صنایع غذایی", skills=["HACCP"])
    post_form(client, "/vacancies/new", VACANCY)
    proposal = db.session.scalar(select(Proposal))
    page = f"/vacancies/{proposal.vacancy_id}/candidates"
    post_form(client, page, {"interested": "1"},
              action=f"{page}/{proposal.id}/interest")
    db.session.refresh(proposal)
    assert proposal.employer_interested
    assert "انصراف" in client.get(page).get_data(as_text=True)


def test_a_candidate_past_the_introduction_offers_no_interest_button(
        client: FlaskClient, employer, make_graduate) -> None:
    """The server refuses interest once the office has moved her on; the page offers none."""
    from databank.matches.models import ProposalStatus

    make_graduate(field_of_study="علوم و صنایع غذایی", skills=["HACCP"])
    post_form(client, "/vacancies/new", VACANCY)
    proposal = db.session.scalar(select(Proposal))
    page = f"/vacancies/{proposal.vacancy_id}/candidates"
    assert 'data-testid="employer-interest"' in client.get(page).get_data(as_text=True)
    proposal.status, proposal.rejection_reason = ProposalStatus.REJECTED, "سابقهٔ کار کم است"
    db.session.commit()
    assert 'data-testid="employer-interest"' not in client.get(page).get_data(as_text=True)


def test_another_units_vacancy_is_not_found_by_changing_the_id(
        client: FlaskClient, employer, make_vacancy, make_graduate) -> None:
    make_graduate()
    foreign = make_vacancy()
    from databank.matches.services import refresh_for_vacancy

    refresh_for_vacancy(foreign)
    db.session.commit()
    proposal = db.session.scalar(select(Proposal))
    base = f"/vacancies/{foreign.id}"
    assert client.get(f"{base}/edit").status_code == 404
    assert client.get(f"{base}/candidates").status_code == 404
    assert post_form(client, "/vacancies", {"status": "closed"},
                     action=f"{base}/status").status_code == 404
    assert post_form(client, "/vacancies", {**VACANCY},
                     action=f"{base}/edit").status_code == 404
    own = post_form(client, "/vacancies/new", VACANCY)
    own_id = int(own.headers["Location"].split("/")[2])
    assert post_form(client, "/vacancies", {"interested": "1"},
                     action=f"/vacancies/{own_id}/candidates/{proposal.id}/interest"
                     ).status_code == 404
    db.session.refresh(foreign)
    db.session.refresh(proposal)
    assert foreign.status is VacancyStatus.OPEN and not proposal.employer_interested


def test_gender_preference_keeps_other_candidates_out(client: FlaskClient, employer,
                                                      make_graduate) -> None:
    make_graduate(field_of_study="علوم و صنایع غذایی", skills=["HACCP"], gender=Gender.MALE)
    post_form(client, "/vacancies/new", {**VACANCY, "gender": "female"})
    assert count(Proposal) == 0


def test_employer_pages_are_for_employers(client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.GRADUATE))
    for page in ("/unit", "/vacancies", "/vacancies/new"):
        assert client.get(page).status_code == 403


def status_of(vacancy: Vacancy) -> VacancyStatus:
    db.session.refresh(vacancy)
    return vacancy.status


def change(client: FlaskClient, vacancy: Vacancy, status: str):
    return post_form(client, "/vacancies", {"status": status},
                     action=f"/vacancies/{vacancy.id}/status", follow_redirects=True)


def buttons(client: FlaskClient) -> list[str]:
    page = client.get("/vacancies").get_data(as_text=True)
    return [label for label in ("بازگشایی", "ادامه", "توقف", "بستن")
            if f">{label}</button>" in page]


def test_each_state_offers_only_the_moves_it_allows(client: FlaskClient, employer) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    vacancy = db.session.scalar(select(Vacancy))
    assert buttons(client) == ["توقف", "بستن"]
    change(client, vacancy, "paused")
    assert buttons(client) == ["ادامه", "بستن"]
    change(client, vacancy, "closed")
    assert buttons(client) == ["بازگشایی"]


def test_closing_and_pausing_ask_first_naming_the_vacancy(client: FlaskClient,
                                                          employer) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    page = client.get("/vacancies").get_data(as_text=True)
    title = VACANCY["title"]
    assert f'data-confirm="«{title}» بسته شود؟' in page
    assert f'data-confirm="«{title}» متوقف شود؟' in page


def test_a_vacancy_created_with_no_candidate_says_so_and_a_closed_one_says_why_it_has_none(
        client: FlaskClient, employer) -> None:
    created = post_form(client, "/vacancies/new", VACANCY, follow_redirects=True)
    page = created.get_data(as_text=True)
    assert "فعلاً نامزد مناسبی در بانک پیدا نشد" in page and "پیشنهاد شدند" not in page
    vacancy = db.session.scalar(select(Vacancy))
    change(client, vacancy, "paused")
    page = client.get(f"/vacancies/{vacancy.id}/candidates").get_data(as_text=True)
    assert 'data-testid="not-recruiting"' in page and "«متوقف» است" in page
    assert "با «ادامه» در صفحهٔ فرصت‌های شغلی" in page  # the paused vacancy's own button
    assert "فعلاً نامزد مناسبی پیدا نشد" not in page


@pytest.mark.parametrize(("start", "to"), [("closed", "paused"), ("open", "open"),
                                           ("closed", "closed"), ("paused", "paused")])
def test_a_move_the_state_does_not_allow_is_refused_in_persian(
        client: FlaskClient, employer, start: str, to: str) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    vacancy = db.session.scalar(select(Vacancy))
    if start != "open":
        change(client, vacancy, start)
    response = change(client, vacancy, to)
    said = "از پیش" if start == to else "نمی‌توان آن را به وضعیت"  # a second click, or a skip
    assert said in response.get_data(as_text=True)
    assert status_of(vacancy).value == start


@pytest.mark.parametrize(("deadline", "message"), [
    ("1390/01/01", "نمی‌تواند گذشته باشد"),
    (-1, "نمی‌تواند گذشته باشد"),  # days from today, counted when the test runs
    (366, "حداکثر یک سال بعد"),
])
def test_a_new_vacancy_with_an_implausible_deadline_is_refused(
        client: FlaskClient, employer, deadline: str | int, message: str) -> None:
    typed = jalali(today() + timedelta(days=deadline)) if isinstance(deadline, int) else deadline
    response = post_form(client, "/vacancies/new", {**VACANCY, "deadline": typed})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(Vacancy) == 0


def test_a_deadline_of_today_is_accepted(client: FlaskClient, employer) -> None:
    response = post_form(client, "/vacancies/new", {**VACANCY, "deadline": jalali(today())})
    assert response.status_code == 302
    assert db.session.scalar(select(Vacancy.deadline)) == today()


def test_an_open_vacancy_cannot_be_given_a_past_deadline(client: FlaskClient,
                                                          employer) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    vacancy = db.session.scalar(select(Vacancy))
    response = post_form(client, f"/vacancies/{vacancy.id}/edit",
                         {**VACANCY, "deadline": "1390/01/01"})
    assert response.status_code == 400
    assert "نمی‌تواند گذشته باشد" in response.get_data(as_text=True)
    db.session.refresh(vacancy)
    assert vacancy.deadline == DEADLINE


def expire(vacancy: Vacancy, status: VacancyStatus) -> None:
    """The deadline passed while the vacancy was in `status` (as time does)."""
    vacancy.deadline, vacancy.status = today() - timedelta(days=3), status
    db.session.commit()


def test_a_closed_vacancy_keeps_its_past_deadline_when_edited(client: FlaskClient,
                                                              employer) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    vacancy = db.session.scalar(select(Vacancy))
    expire(vacancy, VacancyStatus.CLOSED)
    response = post_form(client, f"/vacancies/{vacancy.id}/edit",
                         {**VACANCY, "deadline": jalali(vacancy.deadline), "title": "انباردار"})
    assert response.status_code == 302
    db.session.refresh(vacancy)
    assert vacancy.title == "انباردار" and vacancy.deadline == today() - timedelta(days=3)


@pytest.mark.parametrize("status", [VacancyStatus.PAUSED, VacancyStatus.CLOSED])
def test_an_expired_vacancy_is_reopened_only_after_its_deadline_is_extended(
        client: FlaskClient, employer, status: VacancyStatus) -> None:
    post_form(client, "/vacancies/new", VACANCY)
    vacancy = db.session.scalar(select(Vacancy))
    expire(vacancy, status)
    assert "بازگشایی" not in buttons(client)
    response = change(client, vacancy, "open")
    assert "پیش از بازگشایی، مهلت را در صفحهٔ ویرایش تمدید کنید" in \
        response.get_data(as_text=True)
    assert status_of(vacancy) is status
    post_form(client, f"/vacancies/{vacancy.id}/edit", VACANCY)
    change(client, vacancy, "open")
    assert status_of(vacancy) is VacancyStatus.OPEN


def test_a_vacancy_code_in_persian_digits_is_the_same_code(client: FlaskClient,
                                                           employer) -> None:
    assert post_form(client, "/vacancies/new", {**VACANCY, "ref": "002-01"}).status_code == 302
    again = post_form(client, "/vacancies/new", {**VACANCY, "ref": "۰۰۲-۰۱"})
    assert again.status_code == 409 and "با همین کد" in again.get_data(as_text=True)
    assert count(Vacancy) == 1
    assert post_form(client, "/vacancies/new", {**VACANCY, "ref": "۰۰۳-۰۱",
                                                "title_checked": "1"}).status_code == 302
    assert set(db.session.scalars(select(Vacancy.ref))) == {"002-01", "003-01"}
