"""A graduate who holds a job (an active monitoring record) is proposed to nobody: no agency
could register another hire of hers, so an introduction would hand an employer her mobile for
nothing. When the job ends she is proposed again; a hire withdraws her untouched proposals."""

from __future__ import annotations

from datetime import timedelta

from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.jalali import days_from_today, format_date
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_vacancy
from databank.monitoring.services import create_record
from databank.organisations.services import get_or_create_agency, get_or_create_office
from databank.vocabulary import Sector
from tests.databank.matches.test_review import move


def proposed(profile_id: int) -> set[int]:
    return set(db.session.scalars(select(Proposal.vacancy_id)
                                  .where(Proposal.profile_id == profile_id)))


def test_a_graduate_with_a_job_is_proposed_to_nobody_until_it_ends(make_graduate,
                                                                   make_vacancy) -> None:
    working = make_graduate()
    free = make_graduate()
    agency = get_or_create_agency("کمیته امداد امام خمینی")
    record = create_record(None, working.person, agency, sector=Sector.INDUSTRY,
                           start_date=days_from_today(-30), employer_name="کارگاه نور")
    vacancy = make_vacancy()
    refresh_for_vacancy(vacancy)
    db.session.commit()
    assert proposed(working.id) == set() and proposed(free.id) == {vacancy.id}
    record.end_date = days_from_today(-1)
    db.session.commit()
    refresh_for_vacancy(vacancy)
    db.session.commit()
    assert proposed(working.id) == {vacancy.id}


def test_a_hire_withdraws_her_untouched_proposals_elsewhere(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    agency = get_or_create_agency("اداره تعاون، کار و رفاه اجتماعی")
    office = get_or_create_office("دفتر کاریابی امید", agency)
    graduate = make_graduate()
    first, second = make_vacancy(positions=1), make_vacancy(positions=1)
    for vacancy in (first, second):
        refresh_for_vacancy(vacancy)
    db.session.commit()
    assert proposed(graduate.id) == {first.id, second.id}
    hired = db.session.scalar(select(Proposal).where(Proposal.vacancy_id == first.id))
    hired.created_at -= timedelta(days=5)  # proposed days before she started
    db.session.commit()
    login(make_user(Role.PLACEMENT_OFFICER, office_id=office.id))
    for step in ("shortlisted", "introduced", "interviewed"):
        assert move(client, hired, step).status_code == 302
    start = format_date(days_from_today(0) - timedelta(days=1))
    assert move(client, hired, "hired", start_date=start).status_code == 302
    db.session.expire_all()
    assert proposed(graduate.id) == {first.id}
    assert db.session.get(Proposal, hired.id).status is ProposalStatus.HIRED
