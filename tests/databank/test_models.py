"""The database, not only the code, enforces the data model's rules."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError, StatementError

from databank.db import db
from databank.monitoring.models import MonitoringRecord, RecordStatus
from databank.organisations.models import Agency, IndustrialUnit
from databank.people.models import GraduateProfile, Person
from databank.vacancies.models import Vacancy
from databank.vocabulary import Sector


def person(national_id: str = "0013542419", **values: object) -> Person:
    return Person(national_id=national_id, first_name="زهرا", last_name="کریمی", **values)


def refused(*objects: object) -> None:
    db.session.add_all(objects)
    with pytest.raises((IntegrityError, StatementError)):
        db.session.flush()
    db.session.rollback()


def test_one_person_per_national_id(app) -> None:
    db.session.add(person())
    db.session.commit()
    refused(person())


@pytest.mark.parametrize("national_id", ["123", "00135424190"])
def test_a_national_id_is_ten_characters(app, national_id: str) -> None:
    refused(person(national_id))


def test_a_profile_needs_an_existing_person(app) -> None:
    refused(GraduateProfile(person_id=4242, degree=3, field_of_study="شیمی"))


def test_a_vacancy_needs_an_existing_unit_and_positive_positions(app) -> None:
    refused(Vacancy(unit_id=4242, ref="A", title="حسابدار"))
    unit = IndustrialUnit(name="شرکت نمونه")
    db.session.add(unit)
    db.session.commit()
    refused(Vacancy(unit=unit, ref="A", title="حسابدار", positions=0))


def test_a_units_reference_is_unique_within_the_unit(app) -> None:
    unit = IndustrialUnit(name="شرکت نمونه")
    db.session.add(Vacancy(unit=unit, ref="A", title="حسابدار"))
    db.session.commit()
    refused(Vacancy(unit=unit, ref="A", title="انباردار"))


def test_degree_levels_outside_the_scale_are_refused(app) -> None:
    someone = person()
    refused(someone, GraduateProfile(person=someone, degree=9, field_of_study="شیمی"))


def test_an_enum_column_refuses_unknown_values_in_the_database(app) -> None:
    db.session.add(person())
    db.session.commit()
    with pytest.raises(IntegrityError):
        db.session.execute(db.text("UPDATE persons SET gender = 'unknown'"))
        db.session.flush()
    db.session.rollback()


def test_organisation_names_are_unique_by_normalised_spelling(app) -> None:
    db.session.add(Agency(name="اداره صنعت، معدن و تجارت"))
    db.session.commit()
    refused(Agency(name="اداره  صنعت، معدن و تجارت"))
    refused(Agency(name="اداره صنعت، معدن و تجارت".replace("ی", "ي")))


def test_free_text_gets_its_normalised_twin_when_written(app) -> None:
    someone = person(city="ساوه")
    someone.first_name = "علي"
    db.session.add(someone)
    db.session.flush()
    assert someone.full_name == "علي کریمی"
    assert someone.name_key == "علی کریمی"
    someone.last_name = "كريمي"
    db.session.flush()
    assert someone.name_key == "علی کریمی"


def _record(someone: Person, agency: Agency, **values: object) -> MonitoringRecord:
    values.setdefault("start_date", date(2024, 5, 1))
    return MonitoringRecord(person=someone, agency=agency, sector=Sector.INDUSTRY, **values)


def test_one_active_monitoring_record_per_person_and_again_after_it_ends(app) -> None:
    someone, first, second = person(), Agency(name="جهاد کشاورزی"), Agency(name="بهزیستی")
    held = _record(someone, first)
    db.session.add_all([someone, first, second, held])
    db.session.commit()
    refused(_record(someone, second))
    held.end_date = date(2024, 9, 1)
    db.session.commit()
    refused(_record(someone, second))  # reaching back into the days the first held
    db.session.add(_record(someone, second, start_date=date(2024, 9, 1)))
    db.session.commit()


def test_a_rejected_record_does_not_hold_the_person(app) -> None:
    someone, agency = person(), Agency(name="بهزیستی")
    db.session.add_all([someone, agency, _record(someone, agency, status=RecordStatus.REJECTED,
                                                 rejection_reason="بیمه نشده")])
    db.session.commit()
    db.session.add(_record(someone, agency))
    db.session.commit()


def test_a_record_cannot_end_before_it_starts(app) -> None:
    someone, agency = person(), Agency(name="بهزیستی")
    refused(someone, agency, _record(someone, agency, end_date=date(2024, 1, 1)))
