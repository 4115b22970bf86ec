"""An employer who accepts «فنی و مهندسی» or «همهٔ رشته‌ها» instead of naming fields: the form
offers those names, and the proposals read them as she meant (matching.lexicon.groups)."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import select

from databank.db import db
from databank.matches.models import Proposal
from databank.vacancies.models import Vacancy
from tests.conftest import post_form
from tests.databank.vacancies.test_employer_pages import VACANCY, employer

__all__ = ["employer"]  # the fixture

TECHNICIAN = {**VACANCY, "title": "تکنسین تعمیرات", "skills": "PLC", "min_degree": "2"}


def proposals_by_field(vacancy: Vacancy) -> dict[str, Proposal]:
    return {p.profile.field_of_study: p for p in db.session.scalars(
        select(Proposal).where(Proposal.vacancy_id == vacancy.id))}


def test_the_vacancy_form_offers_the_broad_names_beside_the_fields(
        client: FlaskClient, employer) -> None:
    page = client.get("/vacancies/new").get_data(as_text=True)
    offered = re.search(r'<datalist id="dl-fields">(.*?)</datalist>', page, re.S).group(1)
    names = re.findall(r'<option value="([^"]+)">', offered)
    assert names[:2] == ["رشته‌های فنی و مهندسی", "رشته‌های علوم پایه"]
    assert "همهٔ رشته‌ها" in names and "مهندسی مکانیک" in names
    assert "رشته‌های معمول این شغل" in page  # the help says what an empty box means


def test_engineering_in_general_proposes_every_engineer_as_the_field_asked(
        client: FlaskClient, employer, make_graduate) -> None:
    for field in ("مهندسی مکانیک", "مهندسی برق", "حسابداری"):
        make_graduate(field_of_study=field, skills=["PLC زیمنس"], degree=3)
    assert post_form(client, "/vacancies/new",
                     {**TECHNICIAN, "fields": "کلیه رشته‌های فنی و مهندسی"}).status_code == 302
    vacancy = db.session.scalar(select(Vacancy))
    found = proposals_by_field(vacancy)
    for field in ("مهندسی مکانیک", "مهندسی برق"):
        assert found[field].reasons[0] == (f"رشتهٔ «{field}» از رشته‌های فنی و مهندسی است که "
                                           "خواسته شده است.")
        assert "مهارت‌های دارا: PLC (۱ از ۱)." in found[field].reasons  # Siemens is a PLC
    assert "حسابداری" not in found or found["حسابداری"].score < found["مهندسی برق"].score


def test_any_field_weighs_no_field_and_calls_nobody_a_misfit(
        client: FlaskClient, employer, make_graduate) -> None:
    for field in ("مهندسی مکانیک", "زبان و ادبیات فارسی"):
        make_graduate(field_of_study=field, skills=["PLC"], degree=3, desired_job=None)
    assert post_form(client, "/vacancies/new",
                     {**TECHNICIAN, "fields": "همهٔ رشته‌ها"}).status_code == 302
    found = proposals_by_field(db.session.scalar(select(Vacancy)))
    assert set(found) == {"مهندسی مکانیک", "زبان و ادبیات فارسی"}
    assert found["مهندسی مکانیک"].score == found["زبان و ادبیات فارسی"].score
    assert not any("رشته" in reason for p in found.values() for reason in p.reasons)
