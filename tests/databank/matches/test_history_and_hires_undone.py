"""A proposal's history says an interest taken back was taken back; and «رد» on a hire made by
mistake says who undoes it and how (an inspector rejecting its monitoring record), on the
office's page and on the employer's."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import format_date, today
from databank.matches.interest import mark_interest
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.review import HIRE_STANDS
from databank.matches.services import refresh_for_vacancy
from tests.conftest import PASSWORD, post_form
from tests.databank.matches.test_review import officer

__all__ = ["officer"]  # the fixture

S = ProposalStatus


@pytest.fixture
def proposal(make_graduate, make_vacancy) -> Proposal:
    make_graduate()
    refresh_for_vacancy(make_vacancy(positions=2))
    db.session.commit()
    return db.session.scalar(select(Proposal))


def move(client: FlaskClient, proposal: Proposal, to: str, **extra: str):
    return post_form(client, f"/review/{proposal.id}", {"to": to, **extra},
                     action=f"/review/{proposal.id}/move")


def history(client: FlaskClient, proposal: Proposal) -> list[list[str]]:
    """The history's rows, each as its cells' text."""
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    table = page[page.index('data-testid="history"'):page.index("</table>",
                                                                page.index('data-testid="history"'))]
    return [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", table)
            if "<td>" in row]


def test_the_history_says_each_side_took_its_interest_back(
        client: FlaskClient, login, make_user, officer, proposal: Proposal) -> None:
    graduate = make_user(Role.GRADUATE, person_id=proposal.profile.person_id)
    employer = make_user(Role.EMPLOYER, unit_id=proposal.vacancy.unit_id)
    for actor, interested in ((employer, True), (graduate, True), (employer, False),
                              (graduate, False)):
        mark_interest(actor, proposal.id, interested)
    db.session.commit()
    login(officer)
    steps = [row[3] for row in history(client, proposal)]
    assert steps == ["علاقه‌مندی کارفرما", "علاقه‌مندی دانش‌آموخته",
                     "انصراف از علاقه‌مندی کارفرما", "انصراف از علاقه‌مندی دانش‌آموخته"]


def hired(client: FlaskClient, proposal: Proposal) -> None:
    for step in ("shortlisted", "introduced", "interviewed"):
        assert move(client, proposal, step).status_code == 302
    assert move(client, proposal, "hired", start_date=format_date(today())).status_code == 302


def test_rejecting_a_hire_says_an_inspector_undoes_it_by_rejecting_its_record(
        client: FlaskClient, login, officer, proposal: Proposal) -> None:
    login(officer)
    hired(client, proposal)
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    assert 'data-testid="hire-stands"' in page and 'data-testid="move-rejected"' not in page
    refused = move(client, proposal, "rejected", reason="اشتباه ثبت شد")
    said = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert HIRE_STANDS in said and "بازرس راستی‌آزمایی" in said and "سوابق اشتغال" in said
    assert "نمی‌توان به «ردشده» رفت" not in said
    db.session.refresh(proposal)
    assert proposal.status is S.HIRED


def test_an_employer_rejecting_from_a_page_left_open_before_the_hire_is_told_the_same(
        app: Flask, client: FlaskClient, login, make_user, officer,
        proposal: Proposal) -> None:
    login(officer)
    hired(client, proposal)
    browser = app.test_client()
    employer = make_user(Role.EMPLOYER, unit_id=proposal.vacancy.unit_id)
    post_form(browser, "/login", {"username": employer.username, "password": PASSWORD})
    page = f"/vacancies/{proposal.vacancy_id}/candidates"
    refused = post_form(browser, page, {"to": "rejected", "reason": "نیامد"},
                        action=f"{page}/{proposal.id}/move")
    assert refused.status_code == 409
    assert re.search(r'data-testid="refused">([^<]*)<',
                     refused.get_data(as_text=True)).group(1) == HIRE_STANDS
