"""A pair is proposed when its vacancy's top candidates hold it or its graduate's top
vacancies do: a vacancy's run never takes away what a graduate's own run proposed to her,
and an untouched pair is withdrawn only when neither top holds it."""

from __future__ import annotations

from sqlalchemy import select

from databank.db import db
from databank.matches.models import Proposal
from databank.matches.services import match_bank, refresh_for_profile, refresh_for_vacancy


def pairs() -> set[tuple[int, int]]:
    return set(db.session.execute(select(Proposal.vacancy_id, Proposal.profile_id)).tuples())


def test_a_vacancy_run_keeps_what_the_graduates_own_run_proposed(make_graduate,
                                                                  make_vacancy) -> None:
    best = make_graduate(skills=["پایتون", "SQL"], city="ساوه")
    she = make_graduate(skills=[], desired_job="", city="اراک")
    vacancy = make_vacancy(skills=["پایتون"])
    refresh_for_vacancy(vacancy, top=1)
    db.session.commit()
    assert pairs() == {(vacancy.id, best.id)}
    refresh_for_profile(she)  # she registers: her own top vacancies
    db.session.commit()
    assert pairs() == {(vacancy.id, best.id), (vacancy.id, she.id)}
    refresh_for_vacancy(vacancy, top=1)  # the vacancy's run ranks only the best one...
    match_bank(top=1)  # ...and so does a full run
    db.session.commit()
    assert pairs() == {(vacancy.id, best.id), (vacancy.id, she.id)}  # ...hers stays
    ranks = dict(db.session.execute(select(Proposal.profile_id, Proposal.rank)).tuples().all())
    assert ranks == {best.id: 1, she.id: 2}

    she.field_of_study = "ادبیات فارسی"
    she.desired_job = "آشپز"
    db.session.commit()
    refresh_for_profile(she, top=0)  # her own top no longer holds the vacancy
    db.session.commit()
    assert pairs() == {(vacancy.id, best.id)}


def test_a_pair_her_top_holds_goes_when_she_no_longer_meets_the_vacancy(make_graduate,
                                                                       make_vacancy) -> None:
    make_graduate(skills=["پایتون", "SQL"])
    she = make_graduate(skills=[])
    vacancy = make_vacancy(skills=["پایتون"], min_degree=2)
    refresh_for_vacancy(vacancy, top=1)
    refresh_for_profile(she)
    db.session.commit()
    assert len(pairs()) == 2
    vacancy.min_degree = 5  # a doctorate now: she holds a bachelor's
    db.session.commit()
    refresh_for_vacancy(vacancy, top=1)
    db.session.commit()
    assert (vacancy.id, she.id) not in pairs()


def written() -> dict[int, object]:
    """When each graduate's proposal was last written."""
    return dict(db.session.execute(select(Proposal.profile_id, Proposal.updated_at))
                .tuples().all())


def test_a_run_that_finds_the_same_proposals_rewrites_none_of_them(make_graduate,
                                                                   make_vacancy) -> None:
    """Equal scores are ranked by the bank (score, then graduate), not by the engine's order:
    a second run over an unchanged bank writes nothing, and the ranks stay 1, 2, 3..."""
    graduates = [make_graduate(skills=["پایتون"], city="ساوه") for _ in range(4)]
    vacancy = make_vacancy(skills=["پایتون"])
    match_bank()
    db.session.commit()
    first = written()
    assert set(first) == {graduate.id for graduate in graduates}
    match_bank()
    db.session.commit()
    db.session.expire_all()
    assert written() == first
    ranked = db.session.execute(select(Proposal.rank, Proposal.score, Proposal.profile_id)
                                .where(Proposal.vacancy_id == vacancy.id)
                                .order_by(Proposal.rank)).tuples().all()
    assert [rank for rank, _, _ in ranked] == [1, 2, 3, 4]
    assert ranked == sorted(ranked, key=lambda row: (-row[1], row[2]))


def test_a_proposal_the_session_holds_follows_a_run(make_graduate, make_vacancy) -> None:
    """A page that loaded a proposal and then refreshed the bank reads the new score, not
    the one it loaded."""
    she = make_graduate(skills=["پایتون"])
    vacancy = make_vacancy(skills=["پایتون", "SQL"])
    refresh_for_vacancy(vacancy)
    db.session.commit()
    held = db.session.scalar(select(Proposal))
    before = held.score
    she.skills = ["پایتون", "SQL"]
    db.session.flush()
    refresh_for_vacancy(vacancy)
    assert held.score > before
    db.session.commit()
    assert db.session.scalar(select(Proposal.score)) == held.score
