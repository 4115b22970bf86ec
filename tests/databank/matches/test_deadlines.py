"""A vacancy whose deadline passed recruits no more: no run proposes anyone for it, and what
was proposed and left untouched is withdrawn; what an office acted on stays."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from databank.db import db
from databank.jalali import today
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import match_bank, refresh_for_profile, refresh_for_vacancy


def proposals_of(vacancy) -> list[Proposal]:
    return list(db.session.scalars(select(Proposal).where(Proposal.vacancy_id == vacancy.id)))


def test_the_last_day_still_recruits_the_day_after_does_not(make_graduate, make_vacancy
                                                            ) -> None:
    make_graduate()
    make_graduate()
    last_day, passed = make_vacancy(), make_vacancy()
    match_bank()
    db.session.commit()
    assert len(proposals_of(passed)) == 2
    acted = proposals_of(passed)[0]
    acted.status = ProposalStatus.SHORTLISTED
    last_day.deadline, passed.deadline = today(), today() - timedelta(days=1)
    db.session.commit()
    match_bank()
    db.session.commit()
    assert len(proposals_of(last_day)) == 2
    assert [p.id for p in proposals_of(passed)] == [acted.id]


def test_a_profile_or_vacancy_refresh_skips_a_vacancy_past_its_deadline(
        make_graduate, make_vacancy) -> None:
    profile = make_graduate()
    vacancy = make_vacancy()
    vacancy.deadline = today() - timedelta(days=3)
    db.session.commit()
    assert refresh_for_vacancy(vacancy) == 0
    assert refresh_for_profile(profile) == 0
    db.session.commit()
    assert proposals_of(vacancy) == []
