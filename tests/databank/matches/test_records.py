"""The bridge hands the engine the keys stored beside each text, so that a match run keys
nothing again, and never a stale key of a row changed since it was written."""

from __future__ import annotations

import matching
from databank.db import db
from databank.matches.services import profile_record, vacancy_record
from matching import key


def test_a_saved_graduate_goes_to_the_engine_with_her_stored_keys(make_graduate) -> None:
    profile = make_graduate(field_of_study="مهندسي كامپيوتر گرایش نرم افزار",
                            skills=["اتوکد", "Excel"], desired_job="طراح", city="ساوه")
    record = profile_record(profile)
    assert record.field_key == profile.field_key == key("مهندسی کامپیوتر - نرم‌افزار")
    assert record.skill_keys == (key("اتوکد"), key("excel"))
    assert record.desired_job_key == key("طراح") and record.city_key == key("ساوه")


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
