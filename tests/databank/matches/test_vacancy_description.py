"""The vacancy's description («شرح کار و شرایط») is shown where a graduate decides on her
interest and where a placement office reviews the proposal: escaped, its line breaks kept."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.matches.models import Proposal
from databank.matches.services import refresh_for_vacancy

DESCRIPTION = "دو شیفت، ساعت ۷ تا ۱۵\n<b>بیمه</b> از روز اول"
SHOWN = ('data-testid="description">دو شیفت، ساعت ۷ تا ۱۵<br>&lt;b&gt;بیمه&lt;/b&gt; '
         "از روز اول</div>")


@pytest.fixture
def proposal(make_graduate, make_vacancy) -> Proposal:
    make_graduate()
    refresh_for_vacancy(make_vacancy(description=DESCRIPTION))
    db.session.commit()
    return db.session.scalar(select(Proposal))


def test_her_proposals_page_shows_the_description(client: FlaskClient, login, make_user,
                                                  proposal: Proposal) -> None:
    login(make_user(Role.GRADUATE, person_id=proposal.profile.person_id))
    page = client.get("/profile/proposals").get_data(as_text=True)
    assert SHOWN in page and "<b>بیمه" not in page


@pytest.mark.parametrize("role", [Role.PLACEMENT_OFFICER, Role.ADMIN])
def test_the_office_review_page_shows_the_description(client: FlaskClient, login, make_user,
                                                      proposal: Proposal, role: Role) -> None:
    login(make_user(role))
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    assert SHOWN in page and "<b>بیمه" not in page


def test_a_vacancy_without_a_description_shows_no_empty_heading(
        client: FlaskClient, login, make_user, make_graduate, make_vacancy) -> None:
    make_graduate()
    refresh_for_vacancy(make_vacancy())
    db.session.commit()
    proposal = db.session.scalar(select(Proposal))
    login(make_user(Role.GRADUATE, person_id=proposal.profile.person_id))
    assert "شرح کار و شرایط" not in client.get("/profile/proposals").get_data(as_text=True)
