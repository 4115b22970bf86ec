"""What a graduate's card says and allows when interest cannot be said: while she holds a job
no interest in another vacancy is taken (her page says where she works, a post is refused
with 409), and a vacancy that recruits nobody (paused, closed, filled) is named on the card
whatever her interest. Taking interest back stays open in every case. Each interest button
names its vacancy for a screen reader; the office's hire form labels its start date."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import days_from_today, format_date
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_vacancy
from databank.monitoring.services import create_record
from databank.organisations.services import get_or_create_agency, get_or_create_office
from databank.vacancies.models import VacancyStatus
from databank.vocabulary import Sector
from tests.conftest import PASSWORD, post_form
from tests.databank.matches.test_review import move

S = ProposalStatus
SAY, TAKE_BACK = 'data-testid="interest-say"', 'data-testid="interest-take_back"'
NO_MORE = "تا پایان آن اشتغال، علاقه‌مندی به فرصت دیگر ثبت نمی‌شود."


def signed_in(app: Flask, user) -> FlaskClient:
    browser = app.test_client()
    response = post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def cards(graduate: FlaskClient) -> dict[int, str]:
    """Her cards on her proposals page, by the title of their vacancy."""
    page = graduate.get("/profile/proposals").get_data(as_text=True)
    found = {}
    for card in page.split('data-testid="proposal"')[1:]:
        title = re.search(r'<h2 class="h5 card-title">([^<]*)<', card).group(1)
        found[title] = card
    return found


def say(graduate: FlaskClient, proposal: Proposal, interested: bool):
    return post_form(graduate, "/profile/proposals", {"interested": "1" if interested else "0"},
                     action=f"/profile/proposals/{proposal.id}/interest")


def refused(response) -> str:
    return re.search(r'data-testid="refused">([^<]*)<', response.get_data(as_text=True)).group(1)


@pytest.fixture
def two(make_graduate, make_vacancy) -> tuple[Proposal, Proposal]:
    """Her proposals for two vacancies of two units, in the order made."""
    graduate = make_graduate()
    vacancies = [make_vacancy(title="برنامه‌نویس وب", positions=1),
                 make_vacancy(title="کارشناس پایگاه داده", positions=1)]
    for vacancy in vacancies:
        refresh_for_vacancy(vacancy)
    db.session.commit()
    by_vacancy = {p.vacancy_id: p for p in db.session.scalars(
        select(Proposal).where(Proposal.profile_id == graduate.id))}
    return by_vacancy[vacancies[0].id], by_vacancy[vacancies[1].id]


@pytest.mark.parametrize("ends_in", [None, 90])
def test_with_a_job_an_agency_registered_she_says_no_new_interest_but_takes_it_back(
        app: Flask, make_user, two: tuple[Proposal, Proposal], ends_in: int | None) -> None:
    liked, other = two
    liked.graduate_interested = True
    person = liked.profile.person
    start = days_from_today(-10)
    end = days_from_today(ends_in) if ends_in else None
    create_record(None, person, get_or_create_agency("کمیته امداد امام خمینی"),
                  sector=Sector.INDUSTRY, start_date=start, end_date=end,
                  employer_name="کارگاه نور")
    db.session.commit()
    why = (f"شما از {format_date(start)}{f' تا {format_date(end)}' if end else ''} در "
           f"«کارگاه نور» (به نام «کمیته امداد امام خمینی») شاغل ثبت شده‌اید؛ {NO_MORE}")
    her = signed_in(app, make_user(Role.GRADUATE, person_id=person.id))

    shown = cards(her)
    assert TAKE_BACK in shown["برنامه‌نویس وب"] and why in shown["برنامه‌نویس وب"]
    assert SAY not in shown["کارشناس پایگاه داده"] and why in shown["کارشناس پایگاه داده"]
    for proposal in (liked, other):  # said again, or said anew: refused, nothing written
        response = say(her, proposal, True)
        assert response.status_code == 409 and refused(response) == why
    db.session.refresh(other)
    assert not other.graduate_interested
    assert say(her, liked, False).status_code == 302  # a signal is always taken back
    db.session.refresh(liked)
    assert not liked.graduate_interested
    shown = cards(her)
    assert SAY not in shown["برنامه‌نویس وب"] and why in shown["برنامه‌نویس وب"]


def test_once_hired_her_other_interest_can_only_be_taken_back(
        app: Flask, client: FlaskClient, login, make_user,
        two: tuple[Proposal, Proposal]) -> None:
    hired, liked = two
    liked.graduate_interested = True
    hired.created_at -= timedelta(days=5)
    office = get_or_create_office("دفتر کاریابی امید", get_or_create_agency("اداره کار"))
    db.session.commit()
    login(make_user(Role.PLACEMENT_OFFICER, office_id=office.id))
    for step in ("shortlisted", "introduced", "interviewed"):
        assert move(client, hired, step).status_code == 302
    start = format_date(days_from_today(-1))
    assert move(client, hired, "hired", start_date=start).status_code == 302
    her = signed_in(app, make_user(Role.GRADUATE, person_id=liked.profile.person_id))

    card = cards(her)["کارشناس پایگاه داده"]
    assert TAKE_BACK in card and f"شما از {start} در «" in card and NO_MORE in card
    response = say(her, liked, True)
    assert response.status_code == 409 and NO_MORE in refused(response)
    hired_card = cards(her)["برنامه‌نویس وب"]  # her hire: no note, no vacancy state
    assert NO_MORE not in hired_card and 'data-testid="vacancy-state"' not in hired_card


@pytest.mark.parametrize(("status", "state", "note"), [
    (VacancyStatus.PAUSED, "متوقف",
     "این فرصت شغلی اکنون «متوقف» است و علاقه‌مندی تازه برای آن ثبت نمی‌شود"),
    (VacancyStatus.CLOSED, "بسته",
     "این فرصت شغلی اکنون «بسته» است و علاقه‌مندی تازه برای آن ثبت نمی‌شود"),
])
@pytest.mark.parametrize("interested", [True, False])
def test_a_vacancy_recruiting_nobody_is_named_on_her_card_whatever_her_interest(
        app: Flask, make_user, two: tuple[Proposal, Proposal], status: VacancyStatus,
        state: str, note: str, interested: bool) -> None:
    proposal = two[0]
    proposal.graduate_interested = interested
    proposal.vacancy.status = status
    db.session.commit()
    her = signed_in(app, make_user(Role.GRADUATE, person_id=proposal.profile.person_id))
    card = cards(her)["برنامه‌نویس وب"]
    assert note in card
    assert f'data-testid="vacancy-state">فرصت {state}<' in card
    assert (TAKE_BACK in card) is interested and SAY not in card
    assert ("علاقه‌مندی شما ثبت شده است" in card) is interested
    untouched = cards(her)["کارشناس پایگاه داده"]
    assert 'data-testid="interest-note"' not in untouched and SAY in untouched


def test_a_filled_vacancy_reads_filled_on_the_card_of_a_graduate_interested_in_it(
        app: Flask, client: FlaskClient, login, make_user, make_graduate,
        two: tuple[Proposal, Proposal]) -> None:
    liked = two[0]
    liked.graduate_interested = True
    rival = make_graduate()
    refresh_for_vacancy(liked.vacancy)
    winner = db.session.scalar(select(Proposal).where(Proposal.profile_id == rival.id,
                                                      Proposal.vacancy_id == liked.vacancy_id))
    winner.created_at -= timedelta(days=5)
    office = get_or_create_office("دفتر کاریابی امید", get_or_create_agency("اداره کار"))
    db.session.commit()
    login(make_user(Role.PLACEMENT_OFFICER, office_id=office.id))
    for step in ("shortlisted", "introduced", "interviewed"):
        assert move(client, winner, step).status_code == 302
    hired = move(client, winner, "hired", start_date=format_date(days_from_today(-1)))
    assert hired.status_code == 302
    db.session.refresh(liked)
    assert liked.vacancy.status is VacancyStatus.CLOSED  # its one position taken
    her = signed_in(app, make_user(Role.GRADUATE, person_id=liked.profile.person_id))
    card = cards(her)["برنامه‌نویس وب"]
    assert "ظرفیت این فرصت شغلی پر شده است" in card and TAKE_BACK in card
    assert 'data-testid="vacancy-state">فرصت پر شده<' in card


def test_an_introduced_card_says_its_vacancy_is_paused(app: Flask, make_user,
                                                       two: tuple[Proposal, Proposal]) -> None:
    proposal = two[0]
    proposal.status = S.INTRODUCED
    proposal.vacancy.status = VacancyStatus.PAUSED
    db.session.commit()
    her = signed_in(app, make_user(Role.GRADUATE, person_id=proposal.profile.person_id))
    card = cards(her)["برنامه‌نویس وب"]
    assert "این فرصت شغلی اکنون «متوقف» است و کارفرما فعلاً نیروی تازه نمی‌گیرد." in card
    assert SAY not in card and TAKE_BACK not in card


def test_each_interest_button_names_its_vacancy_and_unit(
        app: Flask, make_user, two: tuple[Proposal, Proposal]) -> None:
    liked, other = two
    liked.graduate_interested = True
    db.session.commit()
    her = signed_in(app, make_user(Role.GRADUATE, person_id=liked.profile.person_id))
    shown = cards(her)
    take_back = (f'aria-label="انصراف از علاقه‌مندی به «برنامه‌نویس وب» در '
                 f'«{liked.vacancy.unit.name}»">انصراف</button>')
    say_it = (f'aria-label="به این فرصت علاقه‌مندم: «کارشناس پایگاه داده» در '
              f'«{other.vacancy.unit.name}»">به این فرصت علاقه‌مندم</button>')
    assert take_back in shown["برنامه‌نویس وب"]
    assert say_it in shown["کارشناس پایگاه داده"]


def test_the_hire_form_labels_its_start_date_visibly(
        client: FlaskClient, login, make_user, two: tuple[Proposal, Proposal]) -> None:
    proposal = two[0]
    office = get_or_create_office("دفتر کاریابی امید", get_or_create_agency("اداره کار"))
    db.session.commit()
    login(make_user(Role.PLACEMENT_OFFICER, office_id=office.id))
    for step in ("shortlisted", "introduced", "interviewed"):
        assert move(client, proposal, step).status_code == 302
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    form = page.split('data-testid="move-hired"')[1].split("</form>")[0]
    label = re.search(r'<label [^>]*for="([^"]+)"[^>]*>تاریخ شروع به کار</label>', form)
    assert label and f'id="{label.group(1)}" name="start_date"' in form
