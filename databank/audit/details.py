"""An audit entry's details in Persian: which agency and year a commitment was for, how many rows
a file had, the day a job ended. The log stores them as plain JSON with English keys."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from databank.audit.labels import state_label
from databank.jalali import format_date, persian_digits

DETAIL_LABELS: dict[str, str] = {
    "agency": "دستگاه", "year": "سال", "name": "نام", "was": "نام پیشین",
    "username": "نام کاربری", "file": "فایل", "format": "قالب", "rows": "ردیف‌ها",
    "created": "تازه", "updated": "به‌روزشده", "registered": "ثبت‌شده", "refused": "ردشده",
    "possible_duplicates": "احتمالاً تکراری", "verified": "تأییدشده",
    "still_registered": "بی‌تأیید مانده", "unmatched": "بی‌سابقه در بانک",
    "end_date": "تاریخ پایان", "source": "منبع", "row": "ردیف", "workshop_code": "کد کارگاه",
    "insured_from": "بیمه از", "q": "جست‌وجو", "status": "وضعیت", "claimed": "ادعای پرونده",
    "previous_code": "کد پیشین", "merged": "واحد ادغام‌شده", "vacancies": "فرصت‌های منتقل‌شده",
    "placements": "استخدام‌های منتقل‌شده", "records": "سوابق اشتغال منتقل‌شده",
    "locked": "حساب ۱۵ دقیقه بسته شد",
    "office": "دفتر کاریابی",
    "merged_university": "دانشگاه ادغام‌شده", "graduates": "دانش‌آموختگان منتقل‌شده",
    "unchanged": "بی‌تغییر",
    "previous_end_date": "تاریخ پایان پیشین", "cleared": "پایان برداشته شد",
    "start_date": "تاریخ شروع",
    "code": "کد",
    "gender": "جنسیت", "previous_gender": "جنسیت پیشین", "birth_year": "سال تولد",
    "previous_birth_year": "سال تولد پیشین",
}
HIDDEN = frozenset({"user_id", "merged_id"})  # an internal id beside a name already shown
SOURCES = {"insurance_list": "فهرست بیمه", "list_selection": "انتخاب از فهرست سوابق"}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def details_text(details: dict[str, Any] | None) -> str:
    """«دستگاه: بهزیستی، سال: ۱۴۰۵» for the admin's page; keys nobody labelled still show."""
    parts = [f"{DETAIL_LABELS.get(key, key)}: {_value(key, value)}"
             for key, value in (details or {}).items() if key not in HIDDEN and value != ""]
    return "، ".join(parts)


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "بله" if value else "خیر"
    if isinstance(value, int | float):
        return persian_digits(str(value))
    text = str(value)
    if _ISO_DATE.fullmatch(text):
        return format_date(date.fromisoformat(text))
    if key == "status":
        return state_label(text)
    if key == "source":
        return SOURCES.get(text, text)
    if key == "format":  # a file's kind, as people name it: CSV, XLSX
        return text.upper()
    return persian_digits(text) if text.isascii() and text.isdigit() else text
