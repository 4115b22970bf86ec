"""The review queue opened from the menu is an officer's to-do list: proposals still in play
(before a hire or a rejection) that no office holds yet or her own office holds. Hired and
rejected ones, and those another office follows, are one choice away in the filters."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_vacancy
from tests.databank.matches.test_office_review import office_officer

ROW = re.compile(r'<tr data-testid="queue-row">.*?</tr>', re.S)


def queue(make_user, make_graduate, make_vacancy):
    """Five proposals of one vacancy: free, hers in play, hers hired, hers rejected, and one
    another office follows."""
    mine = office_officer(make_user, "دفتر کاریابی امید", "اداره تعاون، کار و رفاه اجتماعی")
    other = office_officer(make_user, "دفتر کاریابی فردا", None)
    for city in ("ساوه", "نوبران", "غرق‌آباد", "آوه", "زاویه"):
        make_graduate(city=city)
    vacancy = make_vacancy(positions=5)
    refresh_for_vacancy(vacancy)
    free, shortlisted, hired, rejected, others = db.session.scalars(
        select(Proposal).order_by(Proposal.id))
    ours, theirs = mine.office_id, other.office_id
    rejected.rejection_reason = "مناسب نبود"
    for proposal, status, office_id in ((shortlisted, ProposalStatus.SHORTLISTED, ours),
                                        (hired, ProposalStatus.HIRED, ours),
                                        (rejected, ProposalStatus.REJECTED, ours),
                                        (others, ProposalStatus.INTRODUCED, theirs)):
        proposal.status, proposal.office_id = status, office_id
    db.session.commit()
    return mine, {"free": free, "shortlisted": shortlisted, "hired": hired,
                  "rejected": rejected, "others": others}


def cities(page: str) -> set[str]:
    return {city for row in ROW.findall(page)
            for city in ("ساوه", "نوبران", "غرق‌آباد", "آوه", "زاویه") if city in row}


def test_the_bare_queue_lists_what_she_may_still_move_on(client: FlaskClient, make_user, login,
                                                         make_graduate, make_vacancy) -> None:
    officer, _ = queue(make_user, make_graduate, make_vacancy)
    login(officer)
    page = client.get("/review").get_data(as_text=True)
    assert cities(page) == {"ساوه", "نوبران"}  # the free one and her shortlisted one
    assert 'data-testid="to-do"' in page
    assert re.search(r'<option value="in_play" selected>', page)
    assert re.search(r'<option value="workable" selected>', page)


def test_the_whole_queue_is_one_link_away(client: FlaskClient, make_user, login,
                                          make_graduate, make_vacancy) -> None:
    officer, _ = queue(make_user, make_graduate, make_vacancy)
    login(officer)
    page = client.get("/review").get_data(as_text=True)
    link = re.search(r'href="([^"]+)" data-testid="whole-queue"', page).group(1)
    whole = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert cities(whole) == {"ساوه", "نوبران", "غرق‌آباد", "آوه", "زاویه"}
    assert 'data-testid="to-do"' not in whole


def test_each_filter_still_narrows_as_chosen(client: FlaskClient, make_user, login,
                                             make_graduate, make_vacancy) -> None:
    officer, _ = queue(make_user, make_graduate, make_vacancy)
    login(officer)
    hired = client.get("/review", query_string={"status": "hired", "held": ""})
    assert cities(hired.get_data(as_text=True)) == {"غرق‌آباد"}
    in_play = client.get("/review", query_string={"status": "in_play", "held": ""})
    assert cities(in_play.get_data(as_text=True)) == {"ساوه", "نوبران", "زاویه"}
    unknown = client.get("/review", query_string={"status": "deleted"})
    assert unknown.status_code == 400


def test_the_admin_s_to_do_is_every_proposal_in_play(client: FlaskClient, make_user, login,
                                                     make_graduate, make_vacancy) -> None:
    queue(make_user, make_graduate, make_vacancy)
    login(make_user(Role.ADMIN))
    page = client.get("/review").get_data(as_text=True)
    assert cities(page) == {"ساوه", "نوبران", "زاویه"}
