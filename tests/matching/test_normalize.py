"""normalize() for storage and display, key() for comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import key, normalize
from matching.normalize import compact, tidy

SAME_KEY = [
    # Arabic keyboard letters
    ("حسابداري", "حسابداری"),
    ("حسابدارى", "حسابداری"),
    ("كامپيوتر", "کامپیوتر"),
    ("دايرة المعارف", "دایره المعارف"),
    ("اندازهٔ کار", "اندازه کار"),
    ("تأسیسات", "تاسیسات"),
    ("مسؤول", "مسوول"),
    ("إدارة", "اداره"),
    ("ٱمار", "امار"),
    ("آموزش", "اموزش"),
    ("مسئول", "مسیول"),
    # diacritics, tatweel, invisible marks
    ("مُهَندِسی", "مهندسی"),
    ("مهنـــدسی", "مهندسی"),
    ("\u200fمهندسی\u200e", "مهندسی"),
    ("مهن\u200dدسی", "مهندسی"),
    ("\ufeffمهندسی", "مهندسی"),
    # digits of three scripts, Latin case
    ("ایزو ۹۰۰۱", "ایزو 9001"),
    ("ایزو ٩٠٠١", "ایزو 9001"),
    ("Python", "PYTHON"),
    ("ICDL2", "icdl 2"),
    # the parts of one word: half-space, space, nothing
    ("نرم‌افزار", "نرم افزار"),
    ("نرم‌افزار", "نرمافزار"),
    ("مهندسی‌ها", "مهندسی ها"),
    ("برنامه‌نویس", "برنامه نویس"),
    ("فوق‌لیسانس", "فوق لیسانس"),
    ("کارشناسی ارشد", "کارشناسی‌ارشد"),
    ("کارآفرینی", "کار آفرینی"),
    ("حرفه‌ای", "حرفه ای"),
    ("ابزاردقیق", "ابزار دقیق"),
    ("علوم وصنایع غذایی", "علوم و صنایع غذایی"),
    ("نمی‌دانم", "نمی دانم"),
    # punctuation, brackets, dashes, spaces, dressing words
    ("مهندسی کامپیوتر گرایش نرم‌افزار", "مهندسی کامپیوتر - نرم افزار"),
    ("مهندسي كامپيوتر (نرم افزار)", "مهندسی کامپیوتر، نرم‌افزار"),
    ("رشته مهندسی عمران", "مهندسی عمران"),
    ("  مدیریت   بازرگانی ", "مدیریت بازرگانی"),
    ("برق-قدرت", "برق قدرت"),
    ("«حسابداری»", "حسابداری"),
]

DIFFERENT_KEY = [
    ("شیمی", "مهندسی شیمی"),
    ("برق", "مهندسی برق"),
    ("C", "C++"),
    ("C", "C#"),
    ("C++", "C#"),
    ("کارشناسی", "کارشناسی ارشد"),
    ("کارشناس", "کارشناسی"),
    ("حسابدار", "حسابداری"),
    ("مدیریت مالی", "مدیریت دولتی"),
    ("ایزو 9001", "ایزو 14001"),
    ("در آمد", "درآمد"),
    ("پایتون", "پای تون"),
]


@pytest.mark.parametrize(("one", "other"), SAME_KEY)
def test_spellings_of_the_same_words_give_one_key(one: str, other: str) -> None:
    assert key(one) == key(other)


@pytest.mark.parametrize(("one", "other"), DIFFERENT_KEY)
def test_words_that_change_the_meaning_give_different_keys(one: str, other: str) -> None:
    assert key(one) != key(other)


def test_key_is_space_separated_tokens_without_punctuation() -> None:
    assert key("مهندسي كامپيوتر - گرایش نرم‌افزار!") == "مهندسی کامپیوتر نرمافزار"
    assert compact(key("مهندسی کامپیوتر")) == "مهندسیکامپیوتر"


def test_key_of_nothing_is_empty() -> None:
    assert key(None) == key("") == key(" - ، ") == ""


@pytest.mark.parametrize(("typed", "stored"), [
    ("كتاب ها", "کتاب‌ها"),
    ("نرم افزار", "نرم‌افزار"),
    ("مهندسي   كامپيوتر ", "مهندسی کامپیوتر"),
    ("ایزو ٩٠٠١", "ایزو ۹۰۰۱"),
    ("Python 3.11", "Python 3.11"),
    ("دايرة\u200f المعارف", "دایره المعارف"),
])
def test_normalize_gives_clean_persian_to_store(typed: str, stored: str) -> None:
    assert normalize(typed) == stored


def test_normalize_of_nothing_is_empty() -> None:
    assert normalize(None) == normalize("") == ""


def test_tidy_cleans_typed_text_for_display_without_hazm() -> None:
    assert tidy(" مهندسي\u200f  كامپيوتر ") == "مهندسی کامپیوتر"
    assert tidy(None) == ""


def _lexicon_texts() -> list[str]:
    folder = Path(__file__).parents[2] / "matching" / "lexicon"
    texts = []
    for name, items in (("fields", "fields"), ("skills", "skills"), ("occupations", "occupations")):
        for entry in json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))[items]:
            texts.extend([entry.get("name") or entry["title"], *entry.get("aliases", ())])
    return texts


def test_key_of_the_stored_form_is_the_key_of_the_typed_form() -> None:
    """The databank keys what normalize() stored; the engine keys what it is given."""
    mismatches = [t for t in _lexicon_texts() if key(normalize(t)) != key(t)]
    assert mismatches == []


def test_key_folds_every_letter_that_hazm_folds() -> None:
    from hazm import Normalizer

    hazm = Normalizer()
    pairs = zip(hazm.translation_src, hazm.translation_dst, strict=True)
    differing = [(a, b) for a, b in pairs if b.strip() and key(a) != key(b)]
    assert differing == []


# Any text; text made of the letters and marks the pipeline treats specially; and runs of word
# parts that the compound rules join and split.
texts = (st.text(st.characters(codec="utf-8"), max_size=60)
         | st.text(st.sampled_from("ابپتکگیيكةۀأإؤئآ \u200c\u200d\u064b\u0640۱١1-،.()+#aZ"),
                   max_size=40)
         | st.lists(st.sampled_from(["نرم", "افزار", "ها", "می", "ی", "ای", "کار", "شناسی", "و",
                                     "صنایع", "ابزار", "دقیق", "گرایش", "رشته", "C++", "3.11",
                                     "\u200c", " ", "-"]), max_size=12).map("".join))


@settings(max_examples=400, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_key_never_raises_and_is_idempotent(text: str) -> None:
    once = key(text)
    assert key(once) == once


@settings(max_examples=200, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_normalize_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
