"""The validators every form and import relies on, in every digit script people type."""

from __future__ import annotations

from datetime import date

import pytest

from databank.validation import (
    InvalidValue,
    fold_digits,
    jalali_date,
    jalali_year,
    mobile,
    national_id,
)


@pytest.mark.parametrize(("typed", "stored"), [
    ("0013542419", "0013542419"),
    ("۰۰۱۳۵۴۲۴۱۹", "0013542419"),           # Persian digits
    ("٠٠١٣٥٤٢٤١٩", "0013542419"),           # Arabic-Indic digits
    ("13542419", "0013542419"),             # leading zeros lost in a spreadsheet
    ("۱۳۵۴۲۴۱۹", "0013542419"),
    ("001-354241-9", "0013542419"),         # typed with dashes
    (" 0499370899 ", "0499370899"),
    ("1234567891", "1234567891"),
    ("۴۳۲۱۰۹۸۷۶۹", "4321098769"),
    (4321098769, "4321098769"),             # a number cell from XLSX
])
def test_national_id_accepts_every_digit_script_and_lost_zeros(typed: object,
                                                               stored: str) -> None:
    assert national_id(typed) == stored


@pytest.mark.parametrize(("typed", "reason"), [
    ("0013542418", "رقم کنترل"),             # wrong check digit
    ("۱۲۳۴۵۶۷۸۹۰", "رقم کنترل"),
    ("1111111111", "یکسان"),                # repeated digits pass mod-11: refused explicitly
    ("0000000000", "یکسان"),
    ("۵۵۵۵۵۵۵۵۵۵", "یکسان"),
    ("12345", "۱۰ رقم"),
    ("123456789012", "۱۰ رقم"),
    ("12345678a1", "فقط باید رقم"),
    ("", "وارد کنید"),
    # nine digits are tried as an ID that lost its leading zero; the message says so
    ("012345678", "کد ملی ۱۰ رقم است و ۹ رقم وارد شده است؛ با صفرهای آغازین هم («۰۰۱۲۳۴۵۶۷۸»)"),
])
def test_national_id_refusals_say_what_is_wrong_in_persian(typed: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        national_id(typed)
    assert reason in refused.value.message


@pytest.mark.parametrize("digit", "0123456789")
def test_every_repeated_digit_national_id_is_refused(digit: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        national_id(digit * 10)
    assert "یکسان" in refused.value.message


@pytest.mark.parametrize("typed", [
    "09121234567", "9121234567", "+989121234567", "00989121234567", "989121234567",
    "۰۹۱۲۱۲۳۴۵۶۷", "٠٩١٢١٢٣٤٥٦٧", "+۹۸۹۱۲۱۲۳۴۵۶۷", "0912 123 4567", "0912-123-4567",
])
def test_mobile_accepts_every_common_form(typed: str) -> None:
    assert mobile(typed) == "09121234567"


@pytest.mark.parametrize(("typed", "stored"), [
    ("09901234567", "09901234567"), ("09351234567", "09351234567"),
    ("09011234567", "09011234567"), ("09221234567", "09221234567"),
])
def test_mobile_accepts_each_operator_prefix(typed: str, stored: str) -> None:
    assert mobile(typed) == stored


@pytest.mark.parametrize(("typed", "reason"), [
    ("02112345678", "با ۰۹"),                # a Tehran landline
    ("09512345678", "پیش‌شمارهٔ ۰۹۵"),         # not a mobile range
    ("۰۹۸۱۲۳۴۵۶۷۸", "پیش‌شمارهٔ ۰۹۸"),
    ("0912123456", "۱۱ رقم"),                # one digit short
    ("091212345678", "۱۱ رقم"),
    ("0912abc4567", "فقط باید رقم"),
    ("", "وارد کنید"),
])
def test_mobile_refusals_say_what_is_wrong(typed: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        mobile(typed)
    assert reason in refused.value.message


@pytest.mark.parametrize(("typed", "year"), [("1402", 1402), ("۱۴۰۲", 1402), ("١٤٠٢", 1402),
                                            (" 1402 ", 1402), ("1402.0", 1402)])
def test_jalali_year_in_any_script(typed: str, year: int) -> None:
    assert jalali_year(typed, latest=1410) == year


@pytest.mark.parametrize("typed", ["2023", "1250", "۱۵۰۰", "14020", "abcd", "", "-1375",
                                   "13-75", "1 3 7 5", "+1375"])
def test_jalali_year_out_of_range_or_malformed_is_refused(typed: str) -> None:
    with pytest.raises(InvalidValue):
        jalali_year(typed, latest=1410)


@pytest.mark.parametrize(("typed", "gregorian"), [
    ("1402/01/01", date(2023, 3, 21)),
    ("۱۴۰۳/۰۷/۱۵", date(2024, 10, 6)),
    ("1403-12-30", date(2025, 3, 20)),       # 1403 is a leap year: Esfand has 30 days
    ("١٤٠٢/١٢/٢٩", date(2024, 3, 19)),
    ("14030715", date(2024, 10, 6)),          # eight digits, as many Iranian systems export
    ("۱۴۰۳.۰۷.۱۵", date(2024, 10, 6)),
])
def test_jalali_date_converts_to_gregorian(typed: str, gregorian: date) -> None:
    assert jalali_date(typed) == gregorian


def test_a_gregorian_year_is_named_with_its_solar_hijri_years() -> None:
    with pytest.raises(InvalidValue) as refused:
        jalali_year("2000", latest=1410)
    assert refused.value.message == ("این سال میلادی است؛ سال شمسی وارد کنید (سال ۲۰۰۰ میلادی "
                                     "همان ۱۳۷۸ یا ۱۳۷۹ شمسی است).")


@pytest.mark.parametrize(("typed", "reason"), [
    ("1402/12/30", "اسفند سال ۱۴۰۲، ۲۹ روز دارد و روز ۳۰ در آن نیست."),  # not a leap year
    ("1402/13/01", "ماه ۱۳ در تقویم شمسی نیست (ماه عددی از ۱ تا ۱۲ است)."),
    ("1402/07/31", "مهر سال ۱۴۰۲، ۳۰ روز دارد و روز ۳۱ در آن نیست."),
    ("1402/07/32", "روز ۳۲ در آن نیست"),
    ("1402/00/10", "ماه ۰ در تقویم شمسی نیست"),
    ("1402/05/00", "روز ۰ در آن نیست"),
    ("2024-01-01", "میلادی"),
    ("20240101", "میلادی"),
    ("06/10/2024", "میلادی"),
    ("6-10-1999", "میلادی"),
    ("15/07/1403", "سال/ماه/روز"),          # a Solar Hijri date written the other way round
    ("14031315", "ماه ۱۳ در تقویم شمسی نیست"),
    ("دیروز", "سال/ماه/روز"),
])
def test_impossible_jalali_dates_are_refused(typed: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        jalali_date(typed)
    assert reason in refused.value.message


def test_fold_digits_leaves_other_text_alone() -> None:
    assert fold_digits("کد ۱۲۳ و ٤٥٦ و 789") == "کد 123 و 456 و 789"


@pytest.mark.parametrize(("day", "problem"), [
    (date(2025, 3, 21), None),                # the earliest day itself
    (date(2025, 4, 20), None),                # the latest day itself
    (date(2025, 3, 20), "پیش از ۱۴۰۴/۰۱/۰۱"),
    (date(2025, 4, 21), "پس از ۱۴۰۴/۰۱/۳۱"),
])
def test_within_names_the_bound_a_date_crosses_in_solar_hijri(day: date,
                                                             problem: str | None) -> None:
    from databank.jalali import within

    bounds = {"earliest": date(2025, 3, 21), "latest": date(2025, 4, 20)}
    if problem is None:
        assert within(day, **bounds) == day
    else:
        with pytest.raises(InvalidValue) as refused:
            within(day, **bounds)
        assert problem in refused.value.message


def test_within_without_bounds_accepts_any_date() -> None:
    from databank.jalali import within

    assert within(date(1921, 3, 21)) == date(1921, 3, 21)



ZWNJ, ZWJ, LRM, RLM, BOM, NBSP = "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u00a0"


@pytest.mark.parametrize("typed", [
    ZWNJ, RLM, ZWNJ * 2, f" {ZWNJ} {LRM} ", BOM, ZWJ + NBSP, "\u2028", "\u3164", "\u2800",
    "\x00", "\x00\x07\x1b", "\u202e", "\u2066\u2069", "\t\r\n", "\ufe0f", "\u2060\u180e",
])
def test_text_made_only_of_invisible_or_control_characters_is_blank(typed: str) -> None:
    from databank.validation import visible_text

    assert visible_text(typed) == ""
    assert visible_text(typed, multiline=True) == ""


@pytest.mark.parametrize(("typed", "single_line", "multi_line"), [
    ("می\u200cخواهم", "می\u200cخواهم", "می\u200cخواهم"),    # the half-space inside a word
    (f"{ZWNJ}مریم{RLM} ", "مریم", "مریم"),                   # invisible ends trimmed
    ("مر\x00یم", "مریم", "مریم"),                            # NUL dropped, not a blank
    ("a\x07b\x1bc\x7fd\x9be", "abcde", "abcde"),             # C0, DEL and C1 controls
    ("خط اول\r\nخط\tدوم", "خط اول خط دوم", "خط اول\nخط\tدوم"),
    ("C\u202e++", "C++", "C++"),                             # a right-to-left override
    ("\ud800x", "x", "x"),                                   # a lone surrogate (from JSON)
    (f"HTML{LRM} و CSS", f"HTML{LRM} و CSS", f"HTML{LRM} و CSS"),
])
def test_visible_text_keeps_words_and_drops_controls(typed: str, single_line: str,
                                                     multi_line: str) -> None:
    from databank.validation import visible_text

    assert visible_text(typed) == single_line
    assert visible_text(typed, multiline=True) == multi_line


def test_every_input_schema_treats_invisible_text_as_missing_and_drops_controls() -> None:
    from databank.schemas import REQUIRED, FormSchema, TextList, text

    class Sample(FormSchema):
        name = text(80)
        note = text(80, required=False)
        story = text(4000, required=False)
        tags = TextList()
        password = text(128, required=False)

    errors = Sample().validate({"name": ZWNJ * 2, "note": RLM})
    assert errors == {"name": [REQUIRED]}
    loaded = Sample().load({"name": "نر\x00گس", "note": "یک\nدو", "story": "یک\r\nدو\x00",
                            "tags": ["پایتون", ZWNJ, "اکسل\x00"], "password": " p\u200cw "})
    assert loaded == {"name": "نرگس", "note": "یک دو", "story": "یک\nدو",
                      "tags": ["پایتون", "اکسل"], "password": "p\u200cw"}
    assert Sample().load({"name": "x", "tags": f"پایتون، {ZWNJ}، {RLM} ،SQL"})["tags"] == [
        "پایتون", "SQL"]
