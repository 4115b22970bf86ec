"""An import changes what is proposed: its graduates and vacancies are matched again at once,
and a graduate who holds an account is never written over by an office's file."""

from __future__ import annotations

from sqlalchemy import select

from databank.accounts.models import Role
from databank.db import db
from databank.imports import services
from databank.matches.models import Proposal
from databank.matches.services import refresh_for_vacancy
from databank.people.models import Person
from databank.vacancies.models import Vacancy
from tests.conftest import valid_national_id
from tests.databank.imports.conftest import (
    GRADUATE_HEADERS,
    VACANCY_HEADERS,
    as_rows,
    graduate,
    vacancy,
)


def proposals_of(national_id: str) -> list[Proposal]:
    return list(db.session.scalars(select(Proposal).join(Proposal.profile)
                                   .join(Person).where(Person.national_id == national_id)))


def import_graduates(sheet, *rows: dict, name: str = "file.csv") -> services.ImportResult:
    return services.import_file("graduates", sheet(GRADUATE_HEADERS,
                                                   as_rows(GRADUATE_HEADERS, rows), name=name))


def test_imported_graduates_are_proposed_to_the_open_vacancies(sheet, make_vacancy) -> None:
    make_vacancy(fields=["مهندسی کامپیوتر"], skills=["پایتون"], city="اراک")
    import_graduates(sheet, graduate(11, consent="بله"), graduate(12, consent="خیر"))
    found = proposals_of(valid_national_id(11))
    assert len(found) == 1 and found[0].rank == 1
    assert any("مهندسی کامپیوتر" in reason for reason in found[0].reasons)
    assert proposals_of(valid_national_id(12)) == []  # no consent, never proposed


def test_a_second_file_rewrites_the_reasons_and_a_withdrawn_consent_removes_the_proposal(
        sheet, make_vacancy) -> None:
    make_vacancy(fields=["مهندسی کامپیوتر", "حسابداری"], skills=["پایتون"], city="اراک")
    import_graduates(sheet, graduate(11, consent="بله"), graduate(12, consent="بله"))
    import_graduates(sheet, graduate(11, field_of_study="حسابداری"),
                     graduate(12, consent="خیر"), name="second.csv")
    (moved,) = proposals_of(valid_national_id(11))
    assert any("حسابداری" in reason for reason in moved.reasons)
    assert not any("مهندسی کامپیوتر" in reason for reason in moved.reasons)
    assert proposals_of(valid_national_id(12)) == []


def test_a_graduate_with_an_account_is_not_written_over_by_a_file(
        sheet, make_graduate, make_user, make_vacancy) -> None:
    profile = make_graduate(national_id=valid_national_id(11), consent=True)
    make_user(Role.GRADUATE, person_id=profile.person_id)
    refresh_for_vacancy(make_vacancy())
    db.session.commit()
    before = (profile.person.first_name, profile.person.mobile, profile.field_of_study)
    result = import_graduates(sheet, graduate(11, first_name="لیلا", consent="خیر"),
                              graduate(12))
    assert (result.created, result.updated) == (1, 0)
    (refused,) = result.refused
    assert refused.row == 2 and refused.problems[0].column == "کد ملی (national_id)"
    assert "حساب کاربری دارد" in refused.reason
    db.session.refresh(profile)
    db.session.refresh(profile.person)
    assert (profile.person.first_name, profile.person.mobile,
            profile.field_of_study) == before
    assert profile.consent is True
    assert len(proposals_of(valid_national_id(11))) == 1


def test_imported_vacancies_get_their_candidates(sheet, make_graduate) -> None:
    make_graduate(field_of_study="مهندسی مواد", skills=["اکسل"], city="اراک")
    rows = [vacancy("A-1"), vacancy("A-2")]
    services.import_file("vacancies", sheet(VACANCY_HEADERS, as_rows(VACANCY_HEADERS, rows)))
    for ref in ("A-1", "A-2"):
        found = db.session.scalars(select(Proposal).join(Vacancy).where(Vacancy.ref == ref))
        assert len(list(found)) == 1, ref
