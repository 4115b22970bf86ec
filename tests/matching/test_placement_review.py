"""What a placement officer's review of the proposals found wrong: job titles guessed through
their rank word, qualifiers in a title, unfinished degrees passing a minimum, typed lists not
split into their skills or fields, a bare family name accepting one field of the family, school
streams read inconsistently, and skills counted as held that are another skill. On the real
lexicon, as the officer reads the proposals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from matching import Engine, Lexicon, ProfileIn, VacancyIn, degree_level, map_occupation, split_list

Make = Callable[..., ProfileIn]
MakeVacancy = Callable[..., VacancyIn]
CITY = "ساوه"


def _ranked(lexicon: Lexicon, profiles: list[ProfileIn], vacancy: VacancyIn,
            **options: Any) -> dict[object, Any]:
    engine = Engine(profiles, lexicon=lexicon, min_score=0)
    return {p.profile_id: p for p in engine.top_candidates(vacancy, len(profiles), **options)}


@pytest.mark.parametrize(("title", "occupation"), [
    ("کارشناس R&D", "rd-expert"),  # was «کارشناس منابع انسانی», through «کارشناس» alone
    ("کارشناس تحقیق و توسعه", "rd-expert"),
    ("کارشناس تعمیرات", "maintenance-engineer"),  # was «مهندس عمران»
    ("کارشناس مالی", "accountant"),  # was «کارشناس حمل و نقل»
    ("کارمند مالی", "bookkeeper"),  # was «کارمند اداری»
    ("تکنسین تعمیرات", "maintenance-technician"),  # was «تکنسین برق»
    ("تعمیرکار", "maintenance-technician"),
    ("مسئول فنی کارخانه", "production-manager"),  # was «داروساز»
    ("کارشناس متدولوژی", None),  # was «کارشناس مواد و متالورژی»
    ("کارشناس PMC", None),  # was «کارشناس نت»
    ("حسابدار مسلط به سپیدار", "accountant"),  # a qualifier made it nothing
    ("حسابدار مسلط به همکاران سیستم", "accountant"),
    ("انباردار مسلط به اکسل", "warehouse-keeper"),
    ("حسابدار ارشد مسلط به قوانین مالیاتی", "accountant"),
    ("کارشناس تضمین کیفیت", "quality-assurance-expert"),
    ("مهندس تولید", "industrial-engineer"), ("سرپرست خط", "production-supervisor"),
    ("کارگزینی", "hr-expert"), ("کارشناس مالیاتی", "accountant"),
    ("کارشناس پلیمر", "chemical-engineer"), ("اپراتور اتاق کنترل", "process-operator"),
    ("مکانیک", "maintenance-technician"), ("پشتیبان شبکه", "network-admin"),
    ("کارشناس بهداشت و ایمنی", "hse-officer"), ("مسئول آزمایشگاه", "lab-technician"),
    ("لیفتراک", "forklift-driver"),
])
def test_a_job_title_maps_by_the_job_not_by_its_rank_word(title: str,
                                                          occupation: str | None) -> None:
    found = map_occupation(title)
    assert (found.code if found else None) == occupation


def test_an_rd_vacancy_proposes_the_rd_engineer_and_tells_no_hr_graduate_her_job_fits(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    hr = make_profile("مدیریت منابع انسانی", id="hr", desired_job="کارشناس منابع انسانی")
    rd = make_profile("مهندسی شیمی", id="rd", desired_job="کارشناس تحقیق و توسعه")
    found = _ranked(lexicon, [hr, rd], make_vacancy("کارشناس R&D", min_degree=3))
    assert ("شغل دلخواه «کارشناس تحقیق و توسعه» با عنوان «کارشناس R&D» هم‌خوان است."
            in found["rd"].reasons)
    assert "hr" not in found or not any("منابع انسانی" in r and "هم‌خوان" in r
                                        for r in found["hr"].reasons)
    assert "hr" not in found or found["rd"].score > found["hr"].score


@pytest.mark.parametrize("degree", ["انصرافی ارشد", "ارشد نیمه تمام", "ارشد ترم آخر"])
def test_an_unfinished_masters_does_not_pass_a_masters_minimum(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, degree: str) -> None:
    dropout = make_profile("حسابداری", id="dropout", degree=degree_level(degree))
    master = make_profile("حسابداری", id="master", degree=degree_level("کارشناسی ارشد"))
    found = _ranked(lexicon, [dropout, master],
                    make_vacancy("حسابدار", fields=("حسابداری",), min_degree=4))
    assert list(found) == ["master"]


def test_each_skill_of_a_joined_item_is_held_or_missing_on_its_own(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    """«آشنایی با PLC و مدار فرمان» had stayed one skill, mapped to «برق صنعتی» only: a
    candidate with PLC alone was told it was missing, one with «مدار فرمان» alone that she had
    it all (۱ از ۱)."""
    plc = make_profile("برق", id="plc", skills=("PLC",))
    wiring = make_profile("برق", id="wiring", skills=("مدار فرمان",))
    vacancy = make_vacancy("تکنسین برق", fields=("برق",),
                           skills=tuple(split_list("آشنایی با PLC و مدار فرمان", "skill")))
    found = _ranked(lexicon, [plc, wiring], vacancy)
    assert found["plc"].matched_skills == ("آشنایی با PLC",)
    assert found["plc"].missing_skills == ("مدار فرمان",)
    assert "مهارت‌های دارا: آشنایی با PLC (۱ از ۲)." in found["plc"].reasons
    assert found["wiring"].matched_skills == ("مدار فرمان",)
    assert "مهارت‌های دارا: مدار فرمان (۱ از ۲)." in found["wiring"].reasons


@pytest.mark.parametrize("written", ["برق/الکترونیک", "برق-الکترونیک", "برق و الکترونیک"])
def test_two_fields_joined_by_a_slash_dash_or_and_accept_both(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, written: str) -> None:
    power = make_profile("مهندسی برق قدرت", id="power")
    electronics = make_profile("الکترونیک", id="electronics")
    vacancy = make_vacancy("تکنسین برق", fields=tuple(split_list(written, "field")))
    found = _ranked(lexicon, [power, electronics], vacancy)
    assert found["power"].field_fit == found["electronics"].field_fit == "same"
    assert not any("مهندسی برق - الکترونیک" in r for r in found["power"].reasons)


@pytest.mark.parametrize(("asked", "studied"), [
    ("برق", "کاردانی برق صنعتی"), ("برق", "الکتروتکنیک"), ("برق", "کاردانی فنی برق"),
    ("برق", "مهندسی برق قدرت"), ("مکانیک", "کاردانی مکانیک"), ("کامپیوتر", "کاردانی کامپیوتر"),
    ("کامپیوتر", "علوم کامپیوتر"), ("عمران", "کاردانی عمران"),
    ("حسابداری", "حسابداری صنعتی"), ("حسابداری", "حسابداری بازرگانی"),
    ("حسابداری", "حسابداری دولتی")])
def test_a_bare_family_name_accepts_every_field_of_the_family_as_the_field_asked(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, asked: str,
        studied: str) -> None:
    found = _ranked(lexicon, [make_profile(studied, id="p")], make_vacancy("", fields=(asked,)))
    assert found["p"].field_fit == "same"
    assert found["p"].reasons[0].endswith(f"از رشته‌های {asked} است که خواسته شده است.")


def test_a_bare_family_name_is_not_offered_as_a_group_and_a_graduate_typing_it_keeps_her_field(
        lexicon: Lexicon) -> None:
    assert "رشته‌های برق" not in lexicon.field_group_names()
    assert lexicon.map_field("برق").code == "electrical-engineering"
    assert not lexicon.names_a_group("حسابداری")


def test_an_accounting_bare_name_does_not_take_in_insurance_or_banking(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy) -> None:
    found = _ranked(lexicon, [make_profile("مدیریت بیمه", id="insurance")],
                    make_vacancy("حسابدار", fields=("حسابداری",)))
    assert found["insurance"].field_fit == "family"


@pytest.mark.parametrize("stream", ["هنرستان برق", "دیپلم برق", "کاردانش برق"])
def test_every_school_stream_of_the_field_asked_is_read_alike_and_said_a_school_stream(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, stream: str) -> None:
    pupil = make_profile(stream, id="pupil", degree=1)
    associate = make_profile("کاردانی برق صنعتی", id="associate", degree=2)
    found = _ranked(lexicon, [pupil, associate],
                    make_vacancy("برقکار صنعتی", fields=("برق",), min_degree=1))
    assert found["pupil"].field_fit == "similar"
    assert found["pupil"].reasons[0] == (f"رشتهٔ «{stream}» رشته‌ای دبیرستانی (دیپلم) است و "
                                         "موضوعش به رشته‌های برق نزدیک است.")
    assert found["associate"].score > found["pupil"].score  # a stream counts below a field


@pytest.mark.parametrize(("asked", "held"), [
    ("تعمیرات برق", "تعمیر برد"),  # both were board repair
    ("سیم‌کشی صنعتی", "سیم کشی ساختمان"),
    ("کنترل کیفیت", "آزمایشگاه"),
])
def test_a_skill_that_is_another_trade_is_not_counted_as_held(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, asked: str,
        held: str) -> None:
    found = _ranked(lexicon, [make_profile("", id="p", degree=1, skills=(held,))],
                    make_vacancy("", skills=(asked,)))
    assert "p" not in found or found["p"].matched_skills == ()


@pytest.mark.parametrize(("asked", "held"), [
    ("کار آزمایشگاهی", "کنترل کیفیت"), ("ارزیابی ریسک", "HAZOP"), ("PLC", "LOGO"),
    ("جوشکاری آرگون", "جوش تیگ")])
def test_a_kind_of_the_skill_asked_covers_it(
        lexicon: Lexicon, make_profile: Make, make_vacancy: MakeVacancy, asked: str,
        held: str) -> None:
    found = _ranked(lexicon, [make_profile("", id="p", degree=1, skills=(held,))],
                    make_vacancy("", skills=(asked,)))
    assert found["p"].matched_skills == (asked,)
