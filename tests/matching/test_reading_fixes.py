"""Readings a placement officer's evaluation found wrong: degree levels that open a hard filter,
school streams read as university fields, institution names after the field, reasons that say
more than the vacancy did, and the ranking of vacancies whose fields are only inferred."""

from __future__ import annotations

import pytest

from matching import Engine, ProfileIn, VacancyIn, degree_level, map_field, map_skill
from matching.normalize import key
from matching.reasons import _title_sentence
from matching.scoring import TITLE_LEVELS, job_compact

CITY = "ساوه"


@pytest.mark.parametrize("text", [
    "فوق دیپلم فنی و حرفه‌ای", "فوق دیپلم فنی و حرفه ای", "فوق‌دیپلم فنی وحرفه ای",
    "فوقدیپلم فنی و حرفه‌ای", "فوق دیپلم فنی حرفه ای", "فوق دیپلم  فنی‌و‌حرفه‌ای",
])
def test_an_associate_of_the_technical_and_vocational_university_is_an_associate(
        text: str) -> None:
    assert degree_level(text) == 2


@pytest.mark.parametrize(("text", "level"), [
    ("دانشجوی کارشناسی", 1),  # admitted with a diploma
    ("دانشجوی کاردانی", 1),
    ("دانشجوی کارشناسی ناپیوسته", 2),  # admitted with an associate's
    ("دانشجوی کارشناسی ارشد", 3),
    ("دانشجوی دکتری", 4),
    ("کارشناسی (در حال تحصیل)", 1),
    # a degree not finished is held as a student's is
    ("انصرافی ارشد", 3), ("ارشد نیمه تمام", 3), ("ارشد ترم آخر", 3),
    ("لیسانس ناتمام", 1), ("کارشناسی نیمه‌تمام", 1), ("کارشناسی (ترم ۶)", 1),
    ("فوق دیپلم ناقص", 1), ("کارشناسی ناپیوسته ناتمام", 2),
])
def test_a_student_holds_the_degree_the_studies_require(text: str, level: int) -> None:
    assert degree_level(text) == level


def test_degrees_held_are_read_as_before() -> None:
    assert [degree_level(t) for t in ("دیپلم فنی و حرفه‌ای", "فوق دیپلم", "کارشناسی",
                                      "کارشناسی ارشد", "دکترای عمومی")] == [1, 2, 3, 4, 5]


def test_a_student_of_a_bachelors_does_not_pass_a_bachelors_minimum() -> None:
    student = ProfileIn(1, "حسابداری", degree=degree_level("دانشجوی کارشناسی"), city=CITY)
    vacancy = VacancyIn("v", "حسابدار", fields=("حسابداری",), min_degree=3, city=CITY)
    assert Engine([student]).top_candidates(vacancy, 5) == []


@pytest.mark.parametrize("text", ["دیپلم ریاضی فیزیک", "دیپلم کامپیوتر", "دیپلم علوم تجربی",
                                  "هنرستان برق", "دیپلم فنی جوشکاری", "کاردانش حسابداری"])
def test_a_school_stream_is_not_a_university_field(text: str) -> None:
    assert map_field(text) is None


def test_a_school_stream_is_not_the_same_field_for_a_vacancy() -> None:
    pupil = ProfileIn(1, "دیپلم کامپیوتر", degree=1, city=CITY)
    vacancy = VacancyIn("v", "برنامه‌نویس", fields=("مهندسی کامپیوتر",), city=CITY)
    found = Engine([pupil], min_score=0).top_candidates(vacancy, 5)
    assert all(p.field_fit != "same" for p in found)


@pytest.mark.parametrize(("text", "name"), [
    ("مهندسی مکانیک (دانشگاه آزاد اسلامی واحد ساوه)", "مهندسی مکانیک"),
    ("مهندسي مکانیک (دانشگاه آزاد اسلامی واحد ساوه)", "مهندسی مکانیک"),
    ("مهندسی مکانیک - دانشگاه آزاد ساوه", "مهندسی مکانیک"),
    ("مکانیک (آزاد ساوه)", "مهندسی مکانیک"),
    ("حسابداری - پیام نور", "حسابداری"),
    ("حسابداری (دانشگاه پیام نور مرکز ساوه)", "حسابداری"),
    ("مهندسی برق (پیام نور)", "مهندسی برق"),
    ("کاردانی برق صنعتی (فنی و حرفه‌ای شهید شمسی‌پور)", "کاردانی برق صنعتی"),
    ("مهندسی برق از دانشگاه آزاد", "مهندسی برق"),
    ("حسابداری از پیام نور", "حسابداری"),
    ("کامپیوتر در دانشگاه آزاد اسلامی", "مهندسی کامپیوتر"),
])
def test_an_institution_after_the_field_is_not_part_of_it(text: str, name: str) -> None:
    found = map_field(text)
    assert found is not None and (found.name, found.confidence) == (name, 1.0)


def test_a_field_word_that_is_not_an_institution_stays() -> None:
    assert map_field("مدیریت دولتی").name == "مدیریت دولتی"  # «دولتی» is no institution


def test_the_reason_shows_a_field_with_an_institution_without_doubled_brackets() -> None:
    text = "کاردانی برق صنعتی (فنی و حرفه‌ای شهید شمسی‌پور)"
    profile = ProfileIn(1, text, degree=2, city=CITY)
    vacancy = VacancyIn("v", "تابلوساز", fields=("کاردانی برق صنعتی",), city=CITY)
    [proposal] = Engine([profile]).top_candidates(vacancy, 5)
    assert proposal.reasons[0] == f"رشتهٔ «{text}» همان رشتهٔ خواسته‌شده است."


def test_inferred_fields_are_called_the_usual_fields_of_the_job() -> None:
    profiles = [ProfileIn(1, "مدیریت صنعتی", degree=3, skills=("اکسل",), city=CITY),
                ProfileIn(2, "حسابداری", degree=3, skills=("اکسل",), city=CITY)]
    vacancy = VacancyIn("v", "انباردار", skills=("انبارداری", "اکسل"), min_degree=1, city=CITY)
    reasons = [r for p in Engine(profiles, min_score=0).top_candidates(vacancy, 5)
               for r in p.reasons]
    assert "رشتهٔ «مدیریت صنعتی» از رشته‌های معمول این شغل است." in reasons
    assert any("هم‌خانوادهٔ رشته‌های معمول این شغل" in r for r in reasons)
    assert not any("خواسته‌شده است" in r for r in reasons if r.startswith("رشتهٔ"))


@pytest.mark.parametrize(("desired", "title"), [
    ("انباردار", "حسابدار"), ("کارشناس فروش", "کارشناس کیفیت"),
    ("اپراتور تولید", "اپراتور CNC"), ("مسئول خرید", "مسئول انبار"),
])
def test_shared_letters_or_rank_words_do_not_make_jobs_alike(desired: str, title: str) -> None:
    from rapidfuzz import fuzz
    similarity = int(fuzz.ratio(job_compact(key(desired)), job_compact(key(title))))
    assert TITLE_LEVELS[similarity] == 0.0


@pytest.mark.parametrize(("desired", "title"), [
    ("مسئول HSE", "کارشناس HSE"), ("کنترل کیفیت", "کارشناس کنترل کیفیت (لبنیات)"),
])
def test_rank_words_do_not_hide_the_same_job(desired: str, title: str) -> None:
    from rapidfuzz import fuzz
    similarity = int(fuzz.ratio(job_compact(key(desired)), job_compact(key(title))))
    assert TITLE_LEVELS[similarity] > 0.0


def test_no_desired_job_reason_for_jobs_that_do_not_score() -> None:
    profile = ProfileIn(1, "حسابداری", degree=3, desired_job="انباردار", city=CITY)
    vacancy = VacancyIn("v", "حسابدار", fields=("حسابداری",), city=CITY)
    [proposal] = Engine([profile]).top_candidates(vacancy, 5)
    assert not any("شغل دلخواه" in r for r in proposal.reasons)
    assert _title_sentence("کارشناس کیفیت", "کارشناس تضمین کیفیت", False)  # still said


def _storekeeper_pool() -> tuple[list[ProfileIn], VacancyIn]:
    profiles = [
        ProfileIn("a-manager", "مدیریت صنعتی", degree=3, skills=("MSP", "اکسل"), city=CITY,
                  gender="male"),
        ProfileIn("b-accountant", "حسابداری", degree=3, skills=("هلو", "excel"), city=CITY,
                  gender="male", desired_job="حسابدار"),
        ProfileIn("c-business", "مدیریت بازرگانی", degree=3, skills=("فروش",), city=CITY,
                  gender="male"),
        ProfileIn("z-storekeeper", "دیپلم ریاضی فیزیک", degree=1,
                  skills=("لیفتراک", "انبارداری", "اکسل"), desired_job="انباردار", city=CITY,
                  gender="male"),
    ]
    vacancy = VacancyIn("v08", "انباردار", skills=("انبارداری", "لیفتراک", "اکسل"),
                        min_degree=1, gender="male", city=CITY)
    return profiles, vacancy


def test_when_fields_are_only_inferred_skills_and_the_desired_job_weigh_more() -> None:
    profiles, vacancy = _storekeeper_pool()
    found = Engine(profiles).top_candidates(vacancy, 5)
    assert found[0].profile_id == "z-storekeeper"


def test_equal_scores_without_other_difference_go_by_id() -> None:
    tied = [ProfileIn("1", "حسابداری", degree=3, skills=("سپیدار",), city="تهران"),
            ProfileIn("2", "حسابداری", degree=3, skills=("سپیدار",), city=CITY),
            ProfileIn("0", "حسابداری", degree=3, skills=("سپیدار",), city="تهران")]
    no_city = VacancyIn("w", "حسابدار", fields=("حسابداری",), skills=("اکسل", "سپیدار"))
    engine = Engine(tied, min_score=0)
    order = [p.profile_id for p in engine.top_candidates(no_city, 5)]
    assert order == ["0", "1", "2"]  # no city stated: the id decides
    assert [p.profile_id for p in engine.top_candidates(no_city, 5, exhaustive=True)] == order


def test_ties_prefer_skills_then_desired_job_then_city(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the weights of skills, job and city set to zero, every profile scores the same,
    and only the tie keys order them: the index and the exhaustive baseline agree."""
    import matching.plans as plans
    monkeypatch.setitem(plans.WEIGHTS, "skills", 1e-12)
    monkeypatch.setitem(plans.WEIGHTS, "title", 1e-12)
    monkeypatch.setitem(plans.WEIGHTS, "city", 1e-12)
    plans.feature_weights.cache_clear()
    try:
        profiles = [ProfileIn("a", "حسابداری", degree=3, city="تهران"),
                    ProfileIn("b", "حسابداری", degree=3, city=CITY),
                    ProfileIn("c", "حسابداری", degree=3, desired_job="حسابدار", city="تهران"),
                    ProfileIn("d", "حسابداری", degree=3, skills=("اکسل",), city="تهران")]
        vacancy = VacancyIn("v", "حسابدار", fields=("حسابداری",), skills=("اکسل",), city=CITY)
        engine = Engine(profiles, min_score=0)
        indexed = engine.top_candidates(vacancy, 4)
        assert len({p.score for p in indexed}) == 1
        assert [p.profile_id for p in indexed] == ["d", "c", "b", "a"]
        brute = engine.top_candidates(vacancy, 4, exhaustive=True)
        assert [p.profile_id for p in brute] == ["d", "c", "b", "a"]
    finally:
        plans.feature_weights.cache_clear()


def test_management_alone_is_general_management() -> None:
    assert map_field("مدیریت").name == "مدیریت بازرگانی"


@pytest.mark.parametrize("text", ["علوم و صنایع غذایی گرایش کنترل کیفی و بهداشتی",
                                  "مهندسی مکانیک - حرارت و سیالات",
                                  "مهندسی مکانیک گرایش جامدات"])
def test_a_specialisation_of_an_accepted_field_is_that_field(text: str) -> None:
    parent = {"علوم": "علوم و صنایع غذایی"}.get(text.split()[0], "مهندسی مکانیک")
    profile = ProfileIn(1, text, degree=3, city=CITY)
    vacancy = VacancyIn("v", "کارشناس", fields=(parent,), city=CITY)
    [proposal] = Engine([profile]).top_candidates(vacancy, 5)
    assert proposal.field_fit == "same"


@pytest.mark.parametrize(("text", "code"), [
    ("مهندسی مکانیک کلیه گرایشها", "mechanical-engineering"),
    ("مهندسی مکانیک (کلیه گرایش‌ها)", "mechanical-engineering"),
    ("مهندسی برق همه گرایش ها", "electrical-engineering"),
    ("مهندسی مکانیک - کلیه گرایش ها", "mechanical-engineering"),
])
def test_every_specialisation_of_a_field_is_that_field(text: str, code: str) -> None:
    """«کلیه گرایش‌ها», as an employer widens a field, is the field itself, mapped in full."""
    found = map_field(text)
    assert found is not None and (found.code, found.confidence) == (code, 1.0)


@pytest.mark.parametrize(("text", "code"), [
    ("تعمیرات و نگهداری", "maintenance"),  # the other word order was known
    ("تعمیرات", "maintenance"), ("تعمیرکاری", "maintenance"),
    ("ایزو", "iso-9001"), ("ایزو ۱۴۰۰۱", "iso-14001"),
    ("قالب", "mold-making"), ("ممیزی", "internal-audit-iso"), ("5 اس", "5s"),
    ("میکروب شناسی", "microbiology-lab"), ("بیمه", "social-insurance"),
])
def test_skills_as_the_expert_saw_them_written_map(text: str, code: str) -> None:
    found = map_skill(text)
    assert found is not None and found.code == code
