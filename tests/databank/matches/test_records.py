"""The bridge hands the engine the keys stored beside each text, so that a match run keys
nothing again, and never a stale key of a row changed since it was written."""

from __future__ import annotations

from sqlalchemy import select

import matching
from databank.db import db
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import (
    NO_LONGER_ELIGIBLE,
    consenting_records,
    profile_record,
    refresh_for_vacancy,
    vacancy_record,
)
from matching import key


def test_a_saved_graduate_goes_to_the_engine_with_her_stored_keys(make_graduate) -> None:
    profile = make_graduate(field_of_study="مهندسي كامپيوتر گرایش نرم افزار",
                            skills=["اتوکد", "Excel"], desired_job="طراح", city="ساوه")
    record = profile_record(profile)
    assert record.field_key == profile.field_key == key("مهندسی کامپیوتر - نرم‌افزار")
    assert record.skill_keys == (key("اتوکد"), key("excel"))
    assert record.desired_job_key == key("طراح") and record.city_key == key("ساوه")


def test_a_match_run_reads_the_graduates_who_consent_as_their_own_records(
        make_graduate) -> None:
    """A run reads every profile as plain rows, not objects (consenting_records): the records
    must be those profile_record makes of each graduate, keys and all."""
    shown = [make_graduate(field_of_study="مهندسي كامپيوتر", skills=["اتوکد", "Excel"],
                           desired_job="طراح", city="ساوه", gender="female"),
             make_graduate(field_of_study="حسابداری", skills=[], desired_job=None, city=None,
                           gender=None, degree=0)]
    make_graduate(field_of_study="حسابداری", consent=False)
    assert consenting_records() == [profile_record(p) for p in shown]
    shown[0].skills = ["اکسل"]  # changed and not flushed: the run reads it written
    [changed, _] = consenting_records()
    assert changed.skills == ("اکسل",) and changed.skill_keys == (key("اکسل"),)


def test_a_saved_vacancy_goes_to_the_engine_with_its_stored_keys(make_vacancy) -> None:
    vacancy = make_vacancy(title="حسابدار ارشد", fields=["حسابداري"], skills=["سپیدار", "اکسل"],
                           city="اراک")
    record = vacancy_record(vacancy)
    assert record.title_key == key("حسابدار ارشد")
    assert record.field_keys == (key("حسابداری"),)
    assert record.skill_keys == (key("سپیدار"), key("اکسل")) and record.city_key == key("اراک")


def test_a_row_changed_since_it_was_written_is_keyed_by_the_engine(make_graduate,
                                                                   make_vacancy) -> None:
    accountant = make_graduate(field_of_study="حسابداری", skills=["اکسل"], desired_job="")
    vacancy = make_vacancy(title="تکنسین جوشکاری", fields=["جوشکاری"], skills=["جوشکاری"])
    with db.session.no_autoflush:  # the twins of the changes below are not written yet
        vacancy.fields, vacancy.skills = ["حسابداری"], ["اکسل"]
        accountant.skills = ["اکسل", "سپیدار"]
        changed, profile = vacancy_record(vacancy), profile_record(accountant)
    assert changed.field_keys is None and changed.skill_keys is None
    assert profile.skill_keys is None and profile.field_key is None
    assert profile.city_key == key("ساوه")  # her person row is unchanged
    [proposal] = matching.top_candidates(changed, [profile], 5)
    assert proposal.field_fit == "same" and proposal.matched_skills == ("اکسل",)


def test_a_followed_proposal_out_of_the_top_gets_its_own_score_and_reasons_again(
        app, make_graduate, make_vacancy) -> None:
    followed = make_graduate(field_of_study="مهندسی کامپیوتر - نرم‌افزار")
    make_graduate(field_of_study="مهندسی کامپیوتر - نرم‌افزار")
    vacancy = make_vacancy(fields=["مهندسی کامپیوتر - نرم‌افزار", "حسابداری"], min_degree=2)
    refresh_for_vacancy(vacancy)
    row = db.session.scalar(select(Proposal).where(Proposal.profile_id == followed.id))
    row.status = ProposalStatus.SHORTLISTED
    followed.field_of_study = "حسابداری"
    db.session.commit()
    refresh_for_vacancy(vacancy, top=1)  # the other graduate alone is ranked
    db.session.commit()
    db.session.refresh(row)
    assert row.status is ProposalStatus.SHORTLISTED
    assert any("«حسابداری»" in reason for reason in row.reasons)
    assert not any("نرم‌افزار" in reason for reason in row.reasons if "رشته" in reason)

    followed.degree = 1  # below the vacancy's minimum now
    db.session.commit()
    refresh_for_vacancy(vacancy, top=1)
    db.session.commit()
    db.session.refresh(row)
    assert row.score == 0 and row.reasons == [NO_LONGER_ELIGIBLE]
