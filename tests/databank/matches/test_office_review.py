"""What a placement office meets on the review pages: the hire form names no agency by itself,
a graduate who works is not introduced elsewhere, a filled vacancy leaves the queue, and the
queue keeps its filters, says who holds each proposal and counts truly."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import days_from_today, format_date, persian_digits, today
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import match_bank, refresh_for_vacancy
from databank.monitoring.models import MonitoringRecord, Placement
from databank.monitoring.services import create_record
from databank.organisations.services import get_or_create_agency, get_or_create_office
from databank.vacancies.models import VacancyStatus
from databank.vocabulary import Sector
from tests.conftest import PASSWORD, post_form
from tests.databank.matches.test_review import move

AGENCY_SELECT = re.compile(r'<select[^>]*name="agency_id"[^>]*>(.*?)</select>', re.S)


def chosen_agency(page: str) -> str:
    """The value of the agency the hire form would send as it stands ('' for none)."""
    options = AGENCY_SELECT.search(page).group(1)
    return re.search(r'<option value="(\d*)"[^>]*\bselected\b', options).group(1)


def office_officer(make_user, office_name: str, agency_name: str | None):
    agency = get_or_create_agency(agency_name) if agency_name else None
    office = get_or_create_office(office_name, agency)
    db.session.commit()
    return make_user(Role.PLACEMENT_OFFICER, office_id=office.id)


def one_proposal(make_graduate, make_vacancy, **vacancy: object) -> Proposal:
    make_graduate()
    found = make_vacancy(**vacancy)
    refresh_for_vacancy(found)
    db.session.commit()
    return db.session.scalar(select(Proposal).where(Proposal.vacancy_id == found.id))


def to_interviewed(client: FlaskClient, proposal: Proposal) -> None:
    for step in ("shortlisted", "introduced", "interviewed"):
        assert move(client, proposal, step).status_code == 302


def test_the_hire_form_credits_no_agency_until_one_is_chosen(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    """Nothing the admin leaves untouched credits the first agency of the list."""
    get_or_create_agency("آموزش فنی و حرفه‌ای")
    chosen = get_or_create_agency("اداره تعاون، کار و رفاه اجتماعی")
    proposal = one_proposal(make_graduate, make_vacancy)
    login(make_user(Role.ADMIN))
    to_interviewed(client, proposal)
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    assert chosen_agency(page) == ""
    assert "دستگاه اعتبارگیرنده را انتخاب کنید" in page
    start = format_date(today())
    refused = move(client, proposal, "hired", start_date=start, agency_id="")
    assert refused.status_code == 400
    answer = refused.get_data(as_text=True)
    assert "دستگاه اجرایی که این اشتغال به نام آن ثبت می‌شود را انتخاب کنید" in answer
    assert f'value="{start}"' in answer  # what she typed is still there
    assert db.session.scalar(select(func.count(Placement.id))) == 0
    assert move(client, proposal, "hired", start_date=start,
                agency_id=str(chosen.id)).status_code == 302
    assert db.session.scalar(select(MonitoringRecord.agency_id)) == chosen.id


def test_the_hire_form_offers_the_agency_of_the_office_that_followed_it(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    get_or_create_agency("آموزش فنی و حرفه‌ای")
    officer = office_officer(make_user, "دفتر کاریابی امید", "اداره تعاون، کار و رفاه اجتماعی")
    proposal = one_proposal(make_graduate, make_vacancy)
    login(officer)
    to_interviewed(client, proposal)
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    assert chosen_agency(page) == str(officer.office.agency_id)


@pytest.fixture
def working_graduate(make_user, make_graduate, make_vacancy):
    """A shortlisted proposal, and then the graduate finds a job elsewhere."""
    officer = office_officer(make_user, "دفتر کاریابی امید", "اداره تعاون، کار و رفاه اجتماعی")
    proposal = one_proposal(make_graduate, make_vacancy, positions=2)
    proposal.status, proposal.office_id = ProposalStatus.SHORTLISTED, officer.office_id
    record = create_record(None, proposal.profile.person,
                           get_or_create_agency("کمیته امداد امام خمینی"),
                           sector=Sector.SERVICES, start_date=days_from_today(-10),
                           employer_name="کارگاه خیاطی نور")
    db.session.commit()
    return officer, proposal, record


def test_a_graduate_who_works_is_not_introduced_until_her_job_ends(
        client: FlaskClient, login, working_graduate) -> None:
    officer, proposal, record = working_graduate
    login(officer)
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    assert "«کارگاه خیاطی نور»" in page and "شاغل ثبت شده است" in page
    assert 'data-testid="move-introduced"' not in page
    refused = move(client, proposal, "introduced")
    assert refused.status_code == 409 and "کارگاه خیاطی نور" in refused.get_data(as_text=True)
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.SHORTLISTED
    record.end_date = days_from_today(-1)
    db.session.commit()
    assert move(client, proposal, "introduced").status_code == 302


def test_a_hire_before_her_current_job_ends_names_the_day_it_may_start(
        client: FlaskClient, login, working_graduate) -> None:
    """A job ending on a known day does not hold her back; her next one starts from then."""
    officer, proposal, record = working_graduate
    ends = days_from_today(20)
    record.end_date = ends
    db.session.commit()
    login(officer)
    for step in ("introduced", "interviewed"):
        assert move(client, proposal, step).status_code == 302
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)  # said before a date
    assert 'data-testid="busy-until">' in page
    assert f"از {format_date(ends)} یا پس از آن شروع می‌شود" in page
    early = move(client, proposal, "hired", start_date=format_date(today()))
    assert early.status_code == 409
    answer = early.get_data(as_text=True)
    assert "کارگاه خیاطی نور" in answer and f"پیش از {format_date(ends)}" in answer
    assert "ثبت دوباره لازم نیست" not in answer
    assert db.session.scalar(select(func.count(Placement.id))) == 0
    assert move(client, proposal, "hired", start_date=format_date(ends)).status_code == 302
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.HIRED
    assert 'data-testid="busy-until"' not in client.get(f"/review/{proposal.id}").get_data(
        as_text=True)


def test_the_hire_that_fills_a_vacancy_takes_its_untouched_proposals_out_of_the_queue(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    officer = office_officer(make_user, "دفتر کاریابی امید", "اداره تعاون، کار و رفاه اجتماعی")
    for _ in range(3):
        make_graduate()
    vacancy = make_vacancy(positions=1)
    refresh_for_vacancy(vacancy)
    db.session.commit()
    hired, followed, untouched = db.session.scalars(select(Proposal).order_by(Proposal.id))
    login(officer)
    to_interviewed(client, hired)
    assert move(client, followed, "shortlisted").status_code == 302
    assert move(client, hired, "hired", start_date=format_date(today())).status_code == 302
    db.session.expire_all()
    left = {p.id: p.status for p in db.session.scalars(select(Proposal))}
    assert left == {hired.id: ProposalStatus.HIRED, followed.id: ProposalStatus.SHORTLISTED}
    queue = client.get("/review").get_data(as_text=True)
    assert queue.count('data-testid="queue-row"') == 1  # her to-do list: the hire is done
    whole = client.get("/review", query_string={"status": "", "held": ""})
    assert whole.get_data(as_text=True).count('data-testid="queue-row"') == 2
    assert move(client, followed, "rejected", reason="ظرفیت پر شد").status_code == 302


def test_a_run_over_the_bank_withdraws_untouched_proposals_of_vacancies_no_longer_open(
        make_graduate, make_vacancy) -> None:
    """A vacancy closed outside the forms (a script, the database) loses its untouched
    proposals on the next run; one a graduate showed interest in stays."""
    make_graduate()
    make_graduate()
    vacancy = make_vacancy()
    match_bank()
    db.session.commit()
    wanted, other = db.session.scalars(select(Proposal).order_by(Proposal.id))
    wanted.graduate_interested = True  # she said she is interested
    vacancy.status = VacancyStatus.CLOSED
    db.session.commit()
    match_bank()
    db.session.commit()
    assert list(db.session.scalars(select(Proposal.id))) == [wanted.id]


def two_offices_queue(make_user, make_graduate, make_vacancy):
    first = office_officer(make_user, "دفتر کاریابی امید", "اداره تعاون، کار و رفاه اجتماعی")
    second = office_officer(make_user, "دفتر کاریابی فردا", None)
    make_graduate(city="نوبران")
    make_graduate(city="ساوه")
    vacancy = make_vacancy()
    refresh_for_vacancy(vacancy)
    taken, free = db.session.scalars(select(Proposal).order_by(Proposal.id))
    taken.status, taken.office_id = ProposalStatus.SHORTLISTED, first.office_id
    db.session.commit()
    return first, second, taken, free


def token(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def rows(client: FlaskClient, query: str) -> list[str]:
    page = client.get(f"/review?{query}").get_data(as_text=True)
    return re.findall(r'href="/review/(\d+)', page)


def test_the_queue_says_which_office_holds_each_proposal_and_filters_by_it(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy, app) -> None:
    first, second, taken, free = two_offices_queue(make_user, make_graduate, make_vacancy)
    login(first)
    page = client.get("/review").get_data(as_text=True)
    held = re.findall(r'data-testid="held-by">([^<]*)<', page)
    assert sorted(held) == sorted(["دفتر کاریابی امید", "—"])
    assert rows(client, "held=mine") == [str(taken.id)]
    assert rows(client, "held=free") == [str(free.id)]
    assert rows(client, "held=others") == []
    bad = client.get("/review?held=everyone")
    assert bad.status_code == 400  # named: the bar has eight filters
    assert "در دست: یکی از گزینه‌های فهرست" in bad.get_data(as_text=True)
    other = app.test_client()
    post_form(other, "/login", {"username": second.username, "password": PASSWORD})
    assert rows(other, "held=others") == [str(taken.id)]
    assert rows(other, "held=mine") == []


def test_one_wrong_filter_keeps_the_others(client: FlaskClient, make_user, login,
                                           make_graduate, make_vacancy) -> None:
    first, _, _, _ = two_offices_queue(make_user, make_graduate, make_vacancy)
    login(first)
    answer = client.get("/review?city=نوبران&min_score=abc")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400 and "یک عدد وارد کنید" in page
    assert page.count('data-testid="queue-row"') == 1 and 'value="نوبران"' in page


def test_a_proposal_opened_from_a_filtered_queue_leads_back_to_it(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    first, _, taken, free = two_offices_queue(make_user, make_graduate, make_vacancy)
    login(first)
    queue = client.get("/review?held=free&status=proposed").get_data(as_text=True)
    link = re.search(rf'href="(/review/{free.id}\?[^"]*)"', queue).group(1).replace("&amp;", "&")
    page = client.get(link).get_data(as_text=True)
    back = re.search(r'href="([^"]*)" data-testid="back-to-queue"', page).group(1)
    assert parse_qs(urlsplit(back.replace("&amp;", "&")).query) == {"held": ["free"],
                                                                    "status": ["proposed"]}
    action = re.search(r'<form method="post" action="([^"]*)"[^>]*data-testid="move-shortlisted"',
                       page).group(1).replace("&amp;", "&")
    moved = client.post(action, data={"to": "shortlisted", "csrf_token": token(page)})
    assert moved.status_code == 302
    target = urlsplit(moved.headers["Location"])
    assert target.path == f"/review/{free.id}"
    assert parse_qs(target.query) == {"held": ["free"], "status": ["proposed"]}


def test_refreshing_says_how_many_proposals_the_queue_holds(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    first, _, taken, _ = two_offices_queue(make_user, make_graduate, make_vacancy)
    taken.status, taken.rejection_reason = ProposalStatus.REJECTED, "مناسب نبود"
    db.session.commit()
    login(first)
    queue = client.get("/review").get_data(as_text=True)
    page = client.post("/review/refresh", data={"csrf_token": token(queue)},
                       follow_redirects=True).get_data(as_text=True)
    total = db.session.scalar(select(func.count(Proposal.id)))
    whole = client.get("/review", query_string={"status": "", "held": ""})
    assert whole.get_data(as_text=True).count('data-testid="queue-row"') == total
    assert f"{persian_digits(total)} پیشنهاد دارد" in page
    assert f"برای {persian_digits(1)} فرصت شغلی باز" in page


def test_a_run_over_the_bank_withdraws_the_untouched_proposals_of_a_graduate_now_working(
        make_graduate, make_vacancy) -> None:
    """A job an agency registered outside the bank: her untouched proposals leave the queue
    at the next run; one an office shortlisted stays, to be rejected."""
    working = make_graduate()
    make_vacancy()
    make_vacancy()
    match_bank()
    db.session.commit()
    kept, dropped = db.session.scalars(select(Proposal).where(
        Proposal.profile_id == working.id).order_by(Proposal.id))
    kept.status = ProposalStatus.SHORTLISTED
    create_record(None, working.person, get_or_create_agency("کمیته امداد امام خمینی"),
                  sector=Sector.SERVICES, start_date=days_from_today(-1),
                  employer_name="کارگاه نور")
    db.session.commit()
    match_bank()
    db.session.commit()
    assert list(db.session.scalars(select(Proposal.id).where(
        Proposal.profile_id == working.id))) == [kept.id]


def test_the_proposal_page_keeps_her_contacts_from_another_office_and_after_she_withdraws(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy, app) -> None:
    holder = office_officer(make_user, "دفتر کاریابی امید", "اداره تعاون، کار و رفاه اجتماعی")
    other = office_officer(make_user, "دفتر کاریابی فردا", None)
    proposal = one_proposal(make_graduate, make_vacancy)
    national_id, mobile = proposal.profile.person.national_id, proposal.profile.person.mobile
    login(holder)
    assert move(client, proposal, "shortlisted").status_code == 302
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    assert persian_digits(national_id) in page and persian_digits(mobile) in page
    elsewhere = app.test_client()
    post_form(elsewhere, "/login", {"username": other.username, "password": PASSWORD})
    seen = elsewhere.get(f"/review/{proposal.id}").get_data(as_text=True)
    assert persian_digits(national_id) not in seen and persian_digits(mobile) not in seen
    assert "در دست دفتر دیگری است" in seen
    proposal.profile.consent = False
    db.session.commit()
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    assert persian_digits(national_id) not in page and "اجازهٔ معرفی را پس گرفته است" in page
    admin = app.test_client()
    post_form(admin, "/login", {"username": make_user(Role.ADMIN).username,
                                "password": PASSWORD})
    assert persian_digits(national_id) in admin.get(f"/review/{proposal.id}").get_data(
        as_text=True)


def test_a_job_an_agency_registers_takes_her_untouched_proposals_out_of_the_queue(
        client: FlaskClient, make_user, make_graduate, make_vacancy, app) -> None:
    working = make_graduate()
    make_vacancy()
    match_bank()
    db.session.commit()
    assert db.session.scalar(select(func.count(Proposal.id)).where(
        Proposal.profile_id == working.id)) == 1
    agency = get_or_create_agency("کمیته امداد امام خمینی")
    db.session.commit()
    officer = make_user(Role.AGENCY_OFFICER, agency_id=agency.id)
    post_form(client, "/login", {"username": officer.username, "password": PASSWORD})
    person = working.person
    answer = post_form(client, "/monitoring/records/new", {
        "national_id": person.national_id, "first_name": person.first_name,
        "last_name": person.last_name, "gender": "زن", "sector": "services",
        "start_date": format_date(today())})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Proposal.id)).where(
        Proposal.profile_id == working.id)) == 0


def test_a_hire_with_neither_day_nor_agency_says_both_at_once(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    get_or_create_agency("اداره تعاون، کار و رفاه اجتماعی")
    proposal = one_proposal(make_graduate, make_vacancy)
    login(make_user(Role.ADMIN))  # in no office: no agency is chosen for her
    to_interviewed(client, proposal)
    refused = move(client, proposal, "hired", start_date="", agency_id="")
    assert refused.status_code == 400
    answer = refused.get_data(as_text=True)
    assert "تاریخ شروع به کار را وارد کنید." in answer
    assert "دستگاه اجرایی که این اشتغال به نام آن ثبت می‌شود را انتخاب کنید" in answer
    assert db.session.scalar(select(func.count(Placement.id))) == 0
