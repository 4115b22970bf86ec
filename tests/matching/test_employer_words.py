"""Words employers and graduates write that the lexicon reads beyond a spelling: broad names
instead of fields («فنی و مهندسی», «کلیه رشته‌ها», «رشته‌های مرتبط»), skills that are kinds of
the one asked for (PLC زیمنس is a PLC), and jobs of another ISCO group that are still near
(«بازرس کیفیت» and «کارشناس کنترل کیفیت»). On the real lexicon, as a placement officer reads
the proposals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from matching import Engine, Lexicon, ProfileIn, VacancyIn, map_field, map_skill
from matching.normalize import key

Make = Callable[..., ProfileIn]
MakeVacancy = Callable[..., VacancyIn]

ENGINEERS = ("مهندسی مکانیک", "مهندسی برق - قدرت", "مهندسی کامپیوتر",
             "مهندسی عمران", "مهندسی صنایع")


def _ranked(lexicon: Lexicon, profiles: list[ProfileIn], vacancy: VacancyIn,
            **options: Any) -> dict[object, Any]:
    engine = Engine(profiles, lexicon=lexicon, min_score=0)
    found = engine.top_candidates(vacancy, len(profiles), **options)
    return {p.profile_id: p for p in found}


@pytest.mark.parametrize("written", ["فنی و مهندسی", "کلیه رشته‌های فنی", "فنی مهندسی",
                                     "کلیه رشته های فنی و مهندسی", "مهندسی (کلیه گرایش‌ها)",
                                     "رشته‌های مهندسی", "مهندسی"])
def test_engineering_in_general_accepts_every_engineer_as_the_field_asked(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, written: str) -> None:
    profiles = [make_profile(field, id=field) for field in ENGINEERS]
    profiles += [make_profile("علوم کامپیوتر", id="cs"), make_profile("حسابداری", id="acc")]
    vacancy = make_vacancy("تکنسین", fields=(written,))
    found = _ranked(lexicon, profiles, vacancy)
    for field in ENGINEERS:
        assert found[field].field_fit == "same", field
        assert found[field].reasons[0].endswith(
            "از رشته‌های فنی و مهندسی است که خواسته شده است."), found[field].reasons[0]
    assert found["cs"].field_fit == "family"  # computer science is not engineering
    assert "acc" not in found or found["acc"].field_fit == "none"
    assert found[ENGINEERS[0]].score > found["cs"].score


def test_a_group_beside_a_named_field_keeps_the_named_fields_own_sentence(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profiles = [make_profile("مهندسی برق", id="ee"), make_profile("مدیریت صنعتی", id="im"),
                make_profile("شیمی", id="chem")]
    vacancy = make_vacancy("سرپرست تولید", fields=("مهندسی برق", "کلیه رشته‌های مدیریت"))
    found = _ranked(lexicon, profiles, vacancy)
    assert found["ee"].reasons[0] == "رشتهٔ «مهندسی برق» همان رشتهٔ خواسته‌شده است."
    assert found["im"].field_fit == "same"
    assert found["im"].reasons[0] == ("رشتهٔ «مدیریت صنعتی» از رشته‌های مدیریت است که خواسته "
                                      "شده است.")
    assert found["chem"].field_fit == "none"


def test_basic_sciences_hold_chemistry_physics_and_mathematics(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profiles = [make_profile(field, id=field) for field in ("شیمی", "فیزیک", "ریاضی", "زیست شناسی")]
    profiles.append(make_profile("مهندسی شیمی", id="chemical"))
    found = _ranked(lexicon, profiles, make_vacancy("آزمایشگر", fields=("علوم پایه",)))
    assert {p for p, f in found.items() if f.field_fit == "same"} == {
        "شیمی", "فیزیک", "ریاضی", "زیست شناسی"}
    assert found["chemical"].field_fit == "close"


@pytest.mark.parametrize("written", ["کلیه رشته‌ها", "همه رشته ها", "تمامی رشته‌ها",
                                     "فرقی نمی‌کند", "هر رشته‌ای"])
def test_any_field_is_not_weighed_and_not_called_a_misfit(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, written: str) -> None:
    profiles = [make_profile(field, id=field, skills=("اکسل",))
                for field in ("حسابداری", "مهندسی مکانیک", "زبان انگلیسی")]
    vacancy = make_vacancy("انباردار", fields=(written,), skills=("اکسل", "انبارداری"))
    found = _ranked(lexicon, profiles, vacancy)
    assert len(found) == 3
    assert len({p.score for p in found.values()}) == 1  # the field weighs nothing
    for proposal in found.values():
        assert not any("رشته" in reason for reason in proposal.reasons), proposal.reasons


@pytest.mark.parametrize("written", ["رشته‌های مرتبط", "رشته مرتبط با شغل", "مرتبط"])
def test_related_fields_are_the_jobs_usual_fields_as_when_none_is_written(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, written: str) -> None:
    profiles = [make_profile(field, id=field, skills=("اکسل",))
                for field in ("مهندسی صنایع", "حسابداری", "مهندسی مکانیک")]
    title = "کارشناس کنترل کیفیت"
    related = _ranked(lexicon, profiles, make_vacancy(title, id=1, fields=(written,)))
    unnamed = _ranked(lexicon, profiles, make_vacancy(title, id=1, fields=()))
    assert {p: (f.score, f.reasons) for p, f in related.items()} == {
        p: (f.score, f.reasons) for p, f in unnamed.items()}
    assert related["مهندسی صنایع"].reasons[0] == ("رشتهٔ «مهندسی صنایع» از رشته‌های معمول این "
                                                 "شغل است.")
    assert not any(written in reason for f in related.values() for reason in f.reasons)


def test_a_broad_name_typed_as_a_graduates_field_maps_to_no_single_field() -> None:
    for vague in ("مهندسی", "فنی", "فنی و مهندسی", "کلیه رشته‌ها", "علوم پایه"):
        assert map_field(vague) is None, vague
    assert map_field("مهندسی مکانیک").code == "mechanical-engineering"
    assert map_field("مدیریت").code == "business-administration"  # a field, not the group
    assert map_field("کامپیوتر").code == "computer-engineering"


def test_no_group_name_is_the_spelling_of_a_field(lexicon: Lexicon) -> None:
    """A vacancy reads a group before a field: a group spelled as a field would hide it."""
    spellings = lexicon.field_vocabulary.spellings()
    groups = lexicon.field_groups
    for name in groups.groups.values():
        assert lexicon.group_fields[name.id], name.id
    for spelled, field in spellings.items():
        read = groups.read(spelled)
        if read is not None:  # «مدیریت»: read as the group, it only widens what is accepted
            assert field in lexicon.group_fields[read], (spelled, read)
    assert groups.read(key("مهندسی مکانیک")) is None
    assert groups.read(key("غیر مرتبط")) is None


@pytest.mark.parametrize("has", ["PLC زیمنس", "S7-300", "TIA Portal", "PLC دلتا"])
def test_a_kind_of_the_skill_asked_covers_it(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, has: str) -> None:
    profile = make_profile("مهندسی برق", id="p", skills=(has,))
    vacancy = make_vacancy("تکنسین اتوماسیون", fields=("مهندسی برق",), skills=("PLC", "اکسل"))
    [found] = Engine([profile], lexicon=lexicon, min_score=0).top_candidates(vacancy, 1)
    assert found.matched_skills == ("PLC",)  # as the employer wrote it
    assert found.missing_skills == ("اکسل",)


def test_the_general_skill_does_not_cover_a_specific_one_asked(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    general = make_profile("مهندسی برق", id="general", skills=("پی ال سی",))
    specific = make_profile("مهندسی برق", id="specific", skills=("زیمنس S7",))
    vacancy = make_vacancy("تکنسین اتوماسیون", fields=("مهندسی برق",), skills=("PLC زیمنس",))
    found = _ranked(lexicon, [general, specific], vacancy)
    assert found["specific"].matched_skills == ("PLC زیمنس",)
    assert found["general"].missing_skills == ("PLC زیمنس",)
    assert found["specific"].score > found["general"].score


def test_kinds_reach_through_more_than_one_step(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    """«اتوماسیون صنعتی» is held by a PLC programmer, and so by one of Siemens PLCs."""
    profiles = [make_profile("مهندسی برق", id=i, skills=(s,))
                for i, s in enumerate(("S7-1200", "اسکادا", "آردوینو"))]
    found = _ranked(lexicon, profiles, make_vacancy("", skills=("اتوماسیون صنعتی",)))
    assert [found[i].matched_skills for i in range(2)] == [("اتوماسیون صنعتی",)] * 2
    assert found[2].missing_skills == ("اتوماسیون صنعتی",)
    assert map_skill("PLC S7").code == "siemens-s7"
    assert map_skill("اپراتوری").code == "machine-operation"


def test_the_index_finds_what_scoring_everyone_finds_with_groups_and_kinds(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    fields = ("مهندسی مکانیک", "مهندسی برق", "حسابداری", "شیمی", "فیزیک", "مدیریت صنعتی",
              "مهندسی کامپیوتر", "زبان انگلیسی")
    skills = (("PLC زیمنس",), ("هلو", "اکسل"), ("جوشکاری آرگون",), ("MySQL",), ())
    profiles = [make_profile(fields[i % len(fields)], id=i, skills=skills[i % len(skills)],
                             degree=2 + i % 3) for i in range(400)]
    vacancies = [make_vacancy("تکنسین", id=1, fields=("فنی و مهندسی",), skills=("PLC",)),
                 make_vacancy("حسابدار", id=2, fields=("کلیه رشته‌ها",),
                              skills=("نرم افزار حسابداری",)),
                 make_vacancy("جوشکار", id=3, fields=("علوم پایه", "مهندسی مکانیک"),
                              skills=("جوشکاری", "SQL"))]
    engine = Engine(profiles, lexicon=lexicon)
    indexed = engine.match_all(vacancies, 20)
    exhaustive = engine.match_all(vacancies, 20, exhaustive=True)
    for vacancy in vacancies:
        assert [(p.profile_id, p.score) for p in indexed[vacancy.id]] == [
            (p.profile_id, p.score) for p in exhaustive[vacancy.id]]
        assert len(indexed[vacancy.id]) == 20


@pytest.mark.parametrize(("desired", "title"), [
    ("کارشناس آزمایشگاه", "کارشناس شیمی"), ("کمک حسابدار", "حسابدار"),
    ("برنامه نویس CNC", "اپراتور CNC")])
def test_a_related_job_of_another_group_is_said_to_be_partly_near(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, desired: str,
        title: str) -> None:
    near = make_profile("مهندسی صنایع", id="near", desired_job=desired)
    other = make_profile("مهندسی صنایع", id="other", desired_job="راننده لیفتراک")
    found = _ranked(lexicon, [near, other], make_vacancy(title, skills=("اکسل",)))
    assert f"شغل دلخواه «{desired}» تا اندازه‌ای به «{title}» نزدیک است." in found["near"].reasons
    assert "other" not in found or found["near"].score > found["other"].score


@pytest.mark.parametrize(("desired", "title"), [
    ("بازرس کیفیت", "کارشناس کنترل کیفیت"), ("کارشناس کنترل کیفیت", "بازرس کنترل کیفیت"),
    ("کارشناس آزمایشگاه", "کارشناس کنترل کیفیت"), ("کارشناس تضمین کیفیت", "کارشناس کنترل کیفیت"),
    ("تکنسین برق", "تکنسین برق صنعتی")])
def test_a_job_that_does_the_same_work_in_another_group_is_said_near(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, desired: str,
        title: str) -> None:
    """A quality inspector, a laboratory expert and a QA expert do what a QC expert does (the
    QA expert was a systems-and-methods expert and scored 0); an electrical technician is an
    industrial electrician's job: «نزدیک», not «تا اندازه‌ای», and above production planning,
    which only shares an ISCO unit group with quality control."""
    near = make_profile("مهندسی صنایع", id="near", desired_job=desired)
    other = make_profile("مهندسی صنایع", id="other", desired_job="راننده لیفتراک")
    found = _ranked(lexicon, [near, other], make_vacancy(title, skills=("اکسل",)))
    assert f"شغل دلخواه «{desired}» به «{title}» نزدیک است." in found["near"].reasons
    assert "other" not in found or found["near"].score > found["other"].score


def test_a_field_alike_in_writing_to_a_group_names_the_group_not_its_dozens_of_fields(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    typo = make_profile("زپشکی", id="typo")  # «پزشکی» with two letters swapped
    [found] = _ranked(lexicon, [typo], make_vacancy("", fields=("علوم پزشکی",))).values()
    assert found.field_fit == "similar"
    assert found.reasons[0] == ("رشتهٔ «زپشکی» از نظر نوشتار به یکی از رشته‌های علوم پزشکی "
                                "نزدیک است.")


@pytest.mark.parametrize(("written", "field"), [
    ("مکانیک و رشته‌های مرتبط", "mechanical-engineering"),
    ("رشته‌های مرتبط با صنایع غذایی", "food-science"),
    ("شیمی و مرتبط", "chemistry"), ("مهندسی برق یا رشته های مرتبط", "electrical-engineering")])
def test_and_related_reads_as_the_field_it_is_said_of(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, written: str,
        field: str) -> None:
    own = lexicon.fields[field].name
    profiles = [make_profile(own, id="own"), make_profile("زبان انگلیسی", id="other")]
    found = _ranked(lexicon, profiles, make_vacancy("کارشناس", fields=(written,)))
    assert found["own"].field_fit == "same"
    assert "other" not in found or found["other"].field_fit == "none"


def test_related_to_the_job_and_engineering_and_related_read_as_before(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    profiles = [make_profile("مهندسی عمران", id="civil"), make_profile("حسابداری", id="acc")]
    engineering = _ranked(lexicon, profiles, make_vacancy("", fields=("فنی مهندسی مرتبط",)))
    assert engineering["civil"].field_fit == "same"
    title = "کارشناس کنترل کیفیت"
    job = _ranked(lexicon, profiles, make_vacancy(title, id=1, fields=("مرتبط با این شغل",)))
    unnamed = _ranked(lexicon, profiles, make_vacancy(title, id=1, fields=()))
    assert {p: f.score for p, f in job.items()} == {p: f.score for p, f in unnamed.items()}
    assert lexicon.field_groups.core(key("غیر مرتبط")) == key("غیر مرتبط")


def test_engineering_in_general_holds_the_engineers_of_food_plants_and_safety(
        lexicon: Lexicon) -> None:
    held = set(lexicon.group_fields["engineering"])
    assert {"food-science", "environmental-engineering", "industrial-safety",
            "agricultural-machinery"} <= held
    assert not {"agronomy", "nursing", "accounting"} & held


def test_a_pair_with_no_evidence_is_not_proposed_for_its_city_alone(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    """A vacancy open to any field and asking no skill: city and degree would carry half of
    its score. Only those wanting such a job are proposed."""
    nurse = make_profile("پرستاری", id="nurse", city="ساوه")
    operator = make_profile("پرستاری", id="operator", city="ساوه",
                            desired_job="اپراتور خط تولید")
    vacancy = make_vacancy("اپراتور تولید", fields=("همهٔ رشته‌ها",), city="ساوه")
    found = Engine([nurse, operator], lexicon=lexicon).top_candidates(vacancy, 5)
    assert [p.profile_id for p in found] == ["operator"]
    scored = _ranked(lexicon, [nurse, operator], vacancy)
    assert scored["nurse"].score == 0.0


def test_a_graduates_field_typed_as_a_groups_name_is_compared_with_nothing(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    vague = make_profile("مهندسی", id="vague", skills=("اکسل",))
    found = _ranked(lexicon, [vague], make_vacancy("تکنسین برق", fields=("مهندسی برق",),
                                                    skills=("اکسل", "PLC")))
    assert found["vague"].field_fit == "none"
    assert found["vague"].reasons[0] == "رشتهٔ «مهندسی» با رشته‌های خواسته‌شده جور نیست."


def test_close_to_a_group_names_the_group(lexicon: Lexicon, make_profile: Make,
                                          make_vacancy: MakeVacancy) -> None:
    chemist = make_profile("شیمی", id="chemist")
    found = _ranked(lexicon, [chemist], make_vacancy("", fields=("کلیه رشته‌های فنی",)))
    assert found["chemist"].field_fit == "close"
    assert found["chemist"].reasons[0] == ("رشتهٔ «شیمی» از گروهی نزدیک به رشته‌های فنی و "
                                           "مهندسی است.")
