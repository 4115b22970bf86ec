"""Solar Hijri dates at the edges: dates are stored Gregorian (UTC) and shown in the calendar
the county works in, with Persian digits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import jdatetime
from flask import Flask

from databank.validation import MONTHS, PERSIAN_DIGITS, InvalidValue

TEHRAN = ZoneInfo("Asia/Tehran")
_TO_PERSIAN = str.maketrans("0123456789", PERSIAN_DIGITS)


def persian_digits(value: object) -> str:
    return "" if value is None else str(value).translate(_TO_PERSIAN)


def to_jalali(value: date | datetime) -> jdatetime.date:
    if isinstance(value, datetime):
        value = local_day(value)
    return jdatetime.date.fromgregorian(date=value)


def local_day(value: datetime) -> date:
    """The day in Tehran of a stored moment (stored naive in UTC)."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(TEHRAN).date()


def format_date(value: date | datetime | None) -> str:
    """1403/07/15 in Persian digits; empty for a missing date."""
    if value is None:
        return ""
    return persian_digits(to_jalali(value).strftime("%Y/%m/%d"))


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    local = aware.astimezone(TEHRAN)
    return persian_digits(f"{to_jalali(local).strftime('%Y/%m/%d')} {local:%H:%M}")


def jalali_year(value: date | datetime) -> int:
    return to_jalali(value).year


def current_year() -> int:
    return to_jalali(datetime.now(UTC)).year


def today() -> date:
    """Today as the county lives it: a date typed in Tehran late in the evening is already
    tomorrow in UTC terms, or still today when UTC says yesterday."""
    return datetime.now(TEHRAN).date()


def year_start(year: int) -> date:
    """1 Farvardin of a Solar Hijri year, as a Gregorian date."""
    return jdatetime.date(year, 1, 1).togregorian()


def days_from_today(days: int) -> date:
    return today() + timedelta(days=days)


def within(value: date, *, earliest: date | None = None, latest: date | None = None,
           too_early: str = "تاریخ نمی‌تواند پیش از {earliest} باشد.",
           too_late: str = "تاریخ نمی‌تواند پس از {latest} باشد.") -> date:
    """The date itself when it lies in [earliest, latest]; otherwise InvalidValue with a
    message that names the bound in Solar Hijri (the messages may use {earliest}, {latest}).
    Schemas use it to refuse dates that parse but cannot be true."""
    if earliest is not None and value < earliest:
        raise InvalidValue(too_early.format(earliest=format_date(earliest),
                                            latest=format_date(latest)))
    if latest is not None and value > latest:
        raise InvalidValue(too_late.format(earliest=format_date(earliest),
                                           latest=format_date(latest)))
    return value


def year_bounds(year: int) -> tuple[date, date]:
    """First and last Gregorian day of a Solar Hijri year, for reports by year."""
    first = jdatetime.date(year, 1, 1).togregorian()
    last = jdatetime.date(year + 1, 1, 1).togregorian()
    return first, date.fromordinal(last.toordinal() - 1)


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def persian_decimal(value: float, places: int = 1) -> str:
    """72.9 as «۷۲٫۹»: Persian digits and the Persian decimal separator, not a Latin point."""
    return persian_digits(f"{value:.{places}f}").replace(".", "٫")


def persian_count(value: object) -> str:
    """A count or target as «۱۲٬۵۰۰»: Persian digits grouped by thousands with the Persian
    separator, which every number field also reads back; anything else as persian_digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return persian_digits(f"{value:,}").replace(",", "٬")
    return persian_digits(value)


def register_filters(app: Flask) -> None:
    app.add_template_filter(persian_decimal, "fa_decimal")
    app.add_template_filter(persian_count, "fa_count")
    app.add_template_filter(format_date, "jdate")
    app.add_template_filter(format_datetime, "jdatetime")
    app.add_template_filter(persian_digits, "fa")
