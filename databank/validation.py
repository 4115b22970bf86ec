"""Pure validators shared by forms, imports, the API and the CLI.

Each takes what a person typed and returns the canonical value, or raises InvalidValue with a
Persian message saying what is wrong. Digits are folded to ASCII first and only then checked
against [0-9]: Python's \\d and isdigit() accept every script's digits."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import jdatetime

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, "0123456789" * 2)
# Letters an Arabic keyboard types for Persian ones: folded in every stored text, so a name,
# a title or a field of study reads the same wherever it was typed (keys fold them anyway).
_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_SEPARATORS = re.compile(r"[\s\-‐–—_.()/]+")

# Second and third digits of Iranian mobile numbers (09X...): operators' ranges.
MOBILE_PREFIXES = ("90", "91", "92", "93", "94", "99")


class InvalidValue(ValueError):
    """A value a person entered that cannot be accepted; the message is for that person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Characters that draw nothing and are not whitespace to str.strip(): Hangul and Braille
# fillers (letters and symbols that render blank), the combining grapheme joiner and the
# variation selectors.
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f") | frozenset(
    chr(code) for code in range(0xFE00, 0xFE10))
# Removed wherever they stand: explicit bidi embeddings, overrides and isolates (an unclosed
# one reorders the rest of a table row) and the BOM a pasted file leaves. ZWNJ, ZWJ and the
# LRM/RLM marks stay inside words: Persian spelling needs the half-space («می‌خواهم»).
_DROPPED = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
_LINE_BREAKS = frozenset("\n\u2028\u2029\x85")


def _invisible(char: str) -> bool:
    return (char.isspace() or char in _BLANK_GLYPHS
            or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zs", "Zl", "Zp"))


def visible_text(raw: str, *, multiline: bool = False) -> str:
    """Typed text made safe to validate and store: control characters (NUL, which PostgreSQL
    refuses in text, among them) and lone surrogates removed, line breaks and tabs kept only
    in multi-line text (spaces elsewhere), and invisible characters trimmed from both ends,
    so that text made only of them (a lone ZWNJ, a direction mark) comes back empty, i.e.
    blank, as a person reading it would see it."""
    kept = []
    for char in raw.replace("\r\n", "\n").replace("\r", "\n"):
        if char in _LINE_BREAKS or char == "\t":
            kept.append(("\n" if char in _LINE_BREAKS else "\t") if multiline else " ")
        elif char not in _DROPPED and unicodedata.category(char) not in ("Cc", "Cs"):
            kept.append(char)
    start, end = 0, len(kept)
    while start < end and _invisible(kept[start]):
        start += 1
    while end > start and _invisible(kept[end - 1]):
        end -= 1
    return "".join(kept[start:end])


def persian_letters(text: str) -> str:
    return text.translate(_PERSIAN_LETTERS)


def fold_digits(text: str) -> str:
    return text.translate(_TO_ASCII)


def _digits_only(raw: object) -> str:
    return _SEPARATORS.sub("", fold_digits(str(raw)).strip())


def national_id(raw: object) -> str:
    """Iranian national ID (کد ملی): 10 digits with the mod-11 check digit.

    Spreadsheets drop leading zeros, so 8 or 9 digits are padded back to 10."""
    text = _digits_only(raw)
    if not text:
        raise InvalidValue("کد ملی را وارد کنید.")
    if not re.fullmatch(r"[0-9]+", text):
        raise InvalidValue("کد ملی فقط باید رقم داشته باشد.")
    if not 8 <= len(text) <= 10:
        raise InvalidValue("کد ملی باید ۱۰ رقم باشد.")
    code = text.zfill(10)
    if len(set(code)) == 1:
        raise InvalidValue("کد ملی با همهٔ ارقام یکسان معتبر نیست.")
    remainder = sum(int(code[i]) * (10 - i) for i in range(9)) % 11
    expected = remainder if remainder < 2 else 11 - remainder
    if int(code[9]) != expected:
        if len(text) < 10:  # read as one that lost its leading zeros: say that was tried
            raise InvalidValue(f"کد ملی ۱۰ رقم است و {_fa(str(len(text)))} رقم وارد شده است؛ "
                               f"با صفرهای آغازین هم («{_fa(code)}») درست نیست. همهٔ ۱۰ رقم "
                               "را از روی کارت ملی وارد کنید.")
        raise InvalidValue("کد ملی معتبر نیست (رقم کنترل نمی‌خواند)؛ آن را دوباره بررسی کنید.")
    return code


def national_id_check_digit(first_nine: str) -> str:
    """The check digit for nine digits: what demo data and tests need to build valid IDs."""
    remainder = sum(int(first_nine[i]) * (10 - i) for i in range(9)) % 11
    return str(remainder if remainder < 2 else 11 - remainder)


def mobile(raw: object) -> str:
    """Iranian mobile number in any common form and digit script, stored as 09XXXXXXXXX."""
    text = _digits_only(raw)
    if not text:
        raise InvalidValue("شمارهٔ تلفن همراه را وارد کنید.")
    if text.startswith("+"):
        text = text[1:]
    if not re.fullmatch(r"[0-9]+", text):
        raise InvalidValue("شمارهٔ تلفن همراه فقط باید رقم داشته باشد.")
    for prefix in ("0098", "98", "0"):
        if text.startswith(prefix) and len(text) == 10 + len(prefix):
            text = text[len(prefix) :]
            break
    if len(text) != 10 or not text.startswith("9"):
        raise InvalidValue("شمارهٔ تلفن همراه باید ۱۱ رقم و با ۰۹ شروع شود، مانند ۰۹۱۲۳۴۵۶۷۸۹.")
    if text[:2] not in MOBILE_PREFIXES:
        raise InvalidValue(f"پیش‌شمارهٔ ۰{_fa(text[:3])} پیش‌شمارهٔ تلفن همراه نیست.")
    return "0" + text


def jalali_year(raw: object, *, earliest: int = 1300, latest: int | None = None) -> int:
    """A Solar Hijri year such as 1402; `latest` defaults to next year. Four digits and
    nothing else («-1375» or «13-75» is a slip, not a year); a spreadsheet's 1375.0 is 1375."""
    text = whole_number(fold_digits(str(raw)).strip())
    if not re.fullmatch(r"[0-9]{4}", text):
        raise InvalidValue("سال را به صورت چهار رقمی شمسی وارد کنید، مانند ۱۴۰۲.")
    year = int(text)
    latest = latest if latest is not None else jdatetime.date.today().year + 1
    if 1900 <= year <= 2100:  # named, or the sender would not see why 2000 is refused
        raise InvalidValue(f"این سال میلادی است؛ سال شمسی وارد کنید (سال {_fa(year)} میلادی "
                           f"همان {_fa(year - 622)} یا {_fa(year - 621)} شمسی است).")
    if not earliest <= year <= latest:
        raise InvalidValue(f"سال باید بین {_fa(earliest)} و {_fa(latest)} باشد.")
    return year


GREGORIAN_DATE = "این تاریخ میلادی است؛ تاریخ شمسی وارد کنید، مانند ۱۴۰۳/۰۷/۱۵."
# Gregorian dates as other systems write them: 20241006, or day/month/year 06/10/2024.
_GREGORIAN = re.compile(r"(19|20)[0-9]{6}"
                        r"|[0-9]{1,2}\s*[/\-.]\s*[0-9]{1,2}\s*[/\-.]\s*(19|20)[0-9]{2}")


def jalali_date(raw: object) -> date:
    """A Solar Hijri date written year/month/day (or with dashes or dots), or as the eight
    digits many Iranian systems export (14030715); returns the Gregorian date. A Gregorian
    year is named as such: the sender would otherwise not see why 2024 is refused."""
    text = fold_digits(str(raw)).strip()
    match = (re.fullmatch(r"([0-9]{4})\s*[/\-.]\s*([0-9]{1,2})\s*[/\-.]\s*([0-9]{1,2})", text)
             or re.fullmatch(r"(1[34][0-9]{2})([0-9]{2})([0-9]{2})", text))
    if not match:
        if _GREGORIAN.fullmatch(text):
            raise InvalidValue(GREGORIAN_DATE)
        raise InvalidValue("تاریخ را به صورت سال/ماه/روز شمسی وارد کنید، مانند ۱۴۰۳/۰۷/۱۵.")
    year, month, day = (int(part) for part in match.groups())
    if 1900 <= year <= 2100:
        raise InvalidValue(GREGORIAN_DATE)
    if not 1300 <= year <= 1500:
        raise InvalidValue("سال تاریخ شمسی درست نیست.")
    if not 1 <= month <= 12:
        raise InvalidValue(f"ماه {_fa(month)} در تقویم شمسی نیست (ماه عددی از ۱ تا ۱۲ است).")
    length = _month_length(year, month)
    if not 1 <= day <= length:
        raise InvalidValue(f"{MONTHS[month - 1]} سال {_fa(year)}، {_fa(length)} روز دارد و "
                           f"روز {_fa(day)} در آن نیست.")
    return jdatetime.date(year, month, day).togregorian()


def _month_length(year: int, month: int) -> int:
    """31 days in the first six months, 30 in the next five, and Esfand 29 or, in a leap
    year, 30."""
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def _fa(value: object) -> str:
    return str(value).translate(str.maketrans("0123456789", PERSIAN_DIGITS))


def range_message(minimum: int, maximum: int) -> str:
    """Why an integer is refused, its bounds grouped as the pages write a count or a target
    (jalali.persian_count, «۱٬۰۰۰٬۰۰۰»): a bare ۱۰۰۰۰۰۰ is a number to count the zeros of."""
    return f"عدد باید بین {_grouped(minimum)} و {_grouped(maximum)} باشد."


def _grouped(value: int) -> str:
    return _fa(f"{value:,}").replace(",", "٬")


def whole_number(text: str) -> str:
    """A spreadsheet may hand a code over as the number 13542419.0: the fraction is not the
    sender's (the lost leading zeros are restored by the validators)."""
    folded = fold_digits(text).strip()
    head, dot, tail = folded.partition(".")
    return head if dot and head.isascii() and head.isdigit() and set(tail) == {"0"} else text


def workshop_key(code: str | None) -> str:
    """Workshop codes compared as the insurance organisation means them: digits in any script,
    no spacing or dashes, and leading zeros a spreadsheet may have dropped do not count."""
    text = "".join(ch for ch in fold_digits(whole_number(code or "")) if ch.isalnum())
    if text.isascii() and text.isdigit():
        return text.lstrip("0") or text
    return text.casefold()


# What a name holds besides letters and their marks: «سید محمد»، «عبدالله‌زاده»، «O'Neil»، «م. رضایی»
_NAME_JOINERS = frozenset(" \u200c-'’.")
NAME_LENGTH = 80


def person_name(raw: object, label: str = "نام") -> str:
    """A first or last name: Persian (or Arabic-keyboard) letters with the spaces, half-spaces,
    hyphens, apostrophes and dots names hold; Latin letters are refused (see below). Digits,
    markup and formula signs are never part of one: they come from a column shifted in a
    spreadsheet or a field typed into the wrong box, and a name is what the person is found
    by, what a duplicate is compared by and what an employer reads. `label` names the field in
    the messages («نام خانوادگی»)."""
    text = " ".join(visible_text(str(raw)).split())
    if not text:
        raise InvalidValue(f"{label} را وارد کنید.")
    if len(text) > NAME_LENGTH:
        raise InvalidValue(f"{label} حداکثر {_fa(NAME_LENGTH)} نویسه است.")
    odd = sorted({char for char in text if not (unicodedata.category(char)[0] in "LM"
                                                 or char in _NAME_JOINERS)})
    if not odd and not _letter(text[0]):  # «-سارا»: a sign left over from a cell or a list
        odd = [text[0]]
    if odd or not any(_letter(char) for char in text):
        shown = "، ".join(f"«{_fa(char)}»" for char in odd[:5])
        raise InvalidValue(f"{label} فقط از حروف است (با فاصله، نیم‌فاصله یا خط تیره)"
                           + (f"؛ {shown} در {label} نمی‌آید." if shown else "."))
    if any(unicodedata.name(char, "").startswith("LATIN") for char in text):
        # every person here holds an Iranian national ID, whose card writes the name in
        # Persian letters: «Sara» is the keyboard left in English, and would be found by no one
        raise InvalidValue(f"{label} را با حروف فارسی بنویسید، همان‌گونه که در کارت ملی آمده "
                           "است (صفحه‌کلید انگلیسی مانده است؟).")
    return text


def _letter(char: str) -> bool:
    """A letter; the tatweel «ـ» (a modifier letter to Unicode) only stretches the letters
    beside it, and a name of it alone shows as a blank in every list."""
    return unicodedata.category(char)[0] == "L" and char != "\u0640"


# A display name may be a person's or a unit's: «شرکت فولاد ۲۰۰۰»، «دفتر کاریابی (مرکزی)».
_DISPLAY_EXTRA = frozenset(" \u200c-'’.،,()/&")


def display_name(raw: object) -> str:
    """The name an account is shown by (users list, audit log, greetings): letters, digits and
    the punctuation names of people and units hold; no markup or formula signs."""
    text = " ".join(visible_text(str(raw)).split())
    if not text:
        raise InvalidValue("نام را وارد کنید.")
    odd = sorted({char for char in text if not (unicodedata.category(char)[0] in "LMN"
                                                 or char in _DISPLAY_EXTRA)})
    if not odd and not any(_letter(char) for char in text):
        raise InvalidValue("نام دست‌کم یک حرف دارد؛ نامی که تنها رقم و نشانه است، نام نیست.")
    if odd or not (_letter(text[0]) or text[0].isdigit()):
        shown = "، ".join(f"«{char}»" for char in (odd or [text[0]])[:5])
        raise InvalidValue(f"نام از حروف و رقم است؛ {shown} در نام نمی‌آید.")
    return text
