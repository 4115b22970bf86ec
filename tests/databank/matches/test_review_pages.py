"""What the review pages tell the people who open them: a hire's start day and agency on its
proposal's page, which office holds a proposal another office opens, a refresh that keeps the
queue's filters, a proposal id the bank never gave said to be missing (not withdrawn), and a
graduate's card saying what comes after her introduction."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from flask import Flask
from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import format_date, persian_digits, today
from databank.matches.models import Proposal
from databank.matches.review import NOT_IN_QUEUE
from tests.conftest import PASSWORD, post_form
from tests.databank.matches.test_office_review import office_officer, one_proposal, token
from tests.databank.matches.test_review import move


def signed_in(app: Flask, user) -> FlaskClient:
    browser = app.test_client()
    assert post_form(browser, "/login", {"username": user.username,
                                         "password": PASSWORD}).status_code == 302
    return browser


def to_step(client: FlaskClient, proposal: Proposal, last: str) -> None:
    for step in ("shortlisted", "introduced", "interviewed", "hired"):
        extra = {"start_date": format_date(today())} if step == "hired" else {}
        assert move(client, proposal, step, **extra).status_code == 302, step
        if step == last:
            return


def test_a_hired_proposal_s_page_shows_the_start_day_and_the_agency_credited(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy, app) -> None:
    officer = office_officer(make_user, "دفتر کاریابی امید", "کمیته امداد امام خمینی")
    proposal = one_proposal(make_graduate, make_vacancy)
    login(officer)
    to_step(client, proposal, "hired")
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    hire = re.search(r'data-testid="hire">(.*?)</dl>', page, re.S).group(1)
    assert format_date(today()) in hire
    assert "کمیته امداد امام خمینی" in hire
    assert "در انتظار راستی‌آزمایی" in hire
    # another office sees no more of the hire than the records list would show her
    rival = signed_in(app, office_officer(make_user, "دفتر کاریابی فردا", None))
    assert 'data-testid="hire"' not in rival.get(f"/review/{proposal.id}").get_data(
        as_text=True)


def test_another_office_is_told_who_holds_the_proposal_and_what_is_left_to_her(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy, app) -> None:
    holder = office_officer(make_user, "دفتر کاریابی امید", None)
    proposal = one_proposal(make_graduate, make_vacancy)
    login(holder)
    to_step(client, proposal, "shortlisted")
    assert 'data-testid="held-elsewhere"' not in client.get(
        f"/review/{proposal.id}").get_data(as_text=True)
    rival = signed_in(app, office_officer(make_user, "دفتر کاریابی فردا", None))
    page = rival.get(f"/review/{proposal.id}").get_data(as_text=True)
    note = re.search(r'data-testid="held-elsewhere">([^<]*)<', page).group(1)
    assert note.startswith("این پیشنهاد در دست «دفتر کاریابی امید» است")
    assert "با همان دفتر در میان بگذارید" in note
    assert 'data-testid="move-' not in page
    refused = post_form(rival, f"/review/{proposal.id}", {"to": "introduced"},
                        action=f"/review/{proposal.id}/move")
    assert refused.status_code == 403


def test_refreshing_a_filtered_queue_comes_back_to_it_and_nowhere_else(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    officer = office_officer(make_user, "دفتر کاریابی امید", None)
    one_proposal(make_graduate, make_vacancy)
    login(officer)
    queue = client.get("/review?city=ساوه&status=&held=&next=//evil.example").get_data(
        as_text=True)
    form = re.search(r'data-testid="refresh-form">(.*?)</form>', queue, re.S).group(1)
    hidden = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form))
    assert hidden.pop("csrf_token")
    assert hidden == {"city": "ساوه", "status": "", "held": ""}
    answer = client.post("/review/refresh", data={**hidden, "csrf_token": token(queue),
                                                  "next": "//evil.example"})
    assert answer.status_code == 302
    target = urlsplit(answer.headers["Location"])
    assert target.netloc in ("", "localhost") and target.path == "/review"
    assert parse_qs(target.query, keep_blank_values=True) == {
        "city": ["ساوه"], "status": [""], "held": [""]}
    bare = client.post("/review/refresh", data={"csrf_token": token(queue)})
    assert urlsplit(bare.headers["Location"]).query == ""  # her to-do list stays hers


def test_an_id_the_bank_never_gave_is_not_said_to_have_left(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    """A removed proposal leaves no trace to tell it from a mistyped link: the page says it is
    not in the queue and names both ways that happens, never that it once was."""
    login(make_user(Role.PLACEMENT_OFFICER))
    proposal = one_proposal(make_graduate, make_vacancy)
    answer = client.get(f"/review/{proposal.id + 999_999}")
    assert answer.status_code == 404
    text = answer.get_data(as_text=True)
    assert NOT_IN_QUEUE in text and "یا نشانی درست نیست" in NOT_IN_QUEUE
    assert "دیگر در صف" not in text


def her_note(graduate: FlaskClient) -> str:
    page = graduate.get("/profile/proposals").get_data(as_text=True)
    return re.search(r'data-testid="interest-note">([^<]*)<', page).group(1)


def test_her_card_says_who_introduced_her_and_what_comes_next(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy, app) -> None:
    officer = office_officer(make_user, "دفتر کاریابی امید", None)
    officer.office.city = "ساوه"
    proposal = one_proposal(make_graduate, make_vacancy)
    unit, mobile = proposal.vacancy.unit.name, proposal.profile.person.mobile
    graduate = signed_in(app, make_user(Role.GRADUATE,
                                        person_id=proposal.profile.person_id))
    login(officer)
    to_step(client, proposal, "introduced")
    note = her_note(graduate)
    assert note.startswith(f"«دفتر کاریابی امید» (ساوه) شما را به «{unit}» معرفی کرده است.")
    assert f"واحد برای مصاحبه با شمارهٔ همراه {persian_digits(mobile)}" in note
    assert "به «دفتر کاریابی امید» (ساوه) مراجعه کنید" in note
    to_step(client, proposal, "interviewed")
    note = her_note(graduate)
    assert note.startswith(f"مصاحبهٔ شما با «{unit}» ثبت شده است. گام بعد:")
    assert "«دفتر کاریابی امید» (ساوه)" in note


def test_her_card_promises_no_call_once_she_withdrew_her_consent(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy, app) -> None:
    """The unit no longer sees her then: the page's banner asks for her consent instead."""
    officer = office_officer(make_user, "دفتر کاریابی امید", None)
    proposal = one_proposal(make_graduate, make_vacancy)
    graduate = signed_in(app, make_user(Role.GRADUATE,
                                        person_id=proposal.profile.person_id))
    login(officer)
    to_step(client, proposal, "introduced")
    proposal.profile.consent = False
    db.session.commit()
    page = graduate.get("/profile/proposals").get_data(as_text=True)
    assert "گام بعد" not in page and 'data-testid="no-consent"' in page


def test_the_county_list_reads_as_cards_on_a_phone(
        client: FlaskClient, make_user, login, make_vacancy) -> None:
    """Each cell but the link names its column (the browser test checks the drawing)."""
    make_vacancy()
    login(make_user(Role.PLACEMENT_OFFICER))
    page = client.get("/vacancies/county").get_data(as_text=True)
    assert re.search(r'<table class="[^"]*\btable-stack\b[^"]*" data-testid="county-vacancies"',
                     page)
    row = re.search(r'data-testid="county-vacancy">(.*?)</tr>', page, re.S).group(1)
    cells = re.findall(r"<td([^>]*)>", row)
    assert len(cells) == 9
    assert all("data-label=" in cell for cell in cells[:-1])
