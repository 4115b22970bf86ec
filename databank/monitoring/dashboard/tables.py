"""The dashboard's tables as plain headers and rows: the page shows exactly what the CSV and
XLSX exports write."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields

from databank.monitoring.dashboard.breakdowns import Breakdowns, Count
from databank.monitoring.dashboard.pipeline import Pipeline
from databank.monitoring.dashboard.summary import Summary

DASH = "—"
# «Registered» here is every job not rejected, verified ones too (summary.in_year); a record
# still awaiting its check is «در انتظار راستی‌آزمایی» (RecordStatus.label), so the two words
# never name different sets. The page says so above its tables.
REGISTERED, VERIFIED = "ثبت‌شده", "تأییدشده"
COUNTY_TABLES = ("agencies", "pipeline")
BREAKDOWN_TABLES = ("sectors", "genders", "heads", "universities", "fields", "months")
TABLES = COUNTY_TABLES + BREAKDOWN_TABLES
BREAKDOWN_HEADINGS = {
    "sectors": ("اشتغال به تفکیک بخش", "بخش"),
    "genders": ("اشتغال به تفکیک جنسیت", "جنسیت"),
    "heads": ("اشتغال زنان سرپرست خانوار", "گروه"),
    "universities": ("اشتغال به تفکیک دانشگاه", "دانشگاه"),
    "fields": ("اشتغال به تفکیک رشتهٔ تحصیلی", "رشتهٔ تحصیلی"),
    "months": ("اشتغال به تفکیک ماه", "ماه"),
}
PIPELINE_LABELS = {
    "open_vacancies": "فرصت‌های شغلی باز",
    "open_positions": "ظرفیت‌های باز",
    "graduates": "دانش‌آموختگان ثبت‌شده",
    "proposed": "دانش‌آموختگان پیشنهادشده",
    "introduced": "دانش‌آموختگان معرفی‌شده به کارفرما",
    "hired": "دانش‌آموختگان استخدام‌شده",
}

Row = tuple[object, ...]


@dataclass(frozen=True)
class Table:
    """`None` in a cell is a figure that cannot be computed (a percentage of no commitment)."""

    name: str
    title: str
    headers: tuple[str, ...]
    rows: list[Row]
    footer: Row | None = None

    def export_rows(self) -> Iterator[Row]:
        for row in (*self.rows, *([self.footer] if self.footer else [])):
            yield tuple(DASH if value is None else value for value in row)


def agencies_table(summary: Summary) -> Table:
    rows: list[Row] = [(row.name, row.target, row.registered, row.verified,
                        row.registered_percent, row.verified_percent)
                       for row in summary.agencies]
    footer = ("جمع شهرستان", summary.target, summary.registered, summary.verified,
              summary.registered_percent, summary.verified_percent)
    return Table("agencies", "تحقق تعهد اشتغال دستگاه‌های اجرایی",
                 ("دستگاه اجرایی", "تعهد", REGISTERED, VERIFIED, "درصد ثبت‌شده",
                  "درصد تأییدشده"), rows, footer)


def breakdown_table(name: str, counts: list[Count]) -> Table:
    title, heading = BREAKDOWN_HEADINGS[name]
    rows: list[Row] = [(count.label, count.registered, count.verified) for count in counts]
    footer = None if name == "heads" else (
        "جمع", sum(count.registered for count in counts),
        sum(count.verified for count in counts))
    return Table(name, title, (heading, REGISTERED, VERIFIED), rows, footer)


def breakdown_tables(breakdowns: Breakdowns) -> dict[str, Table]:
    return {name: breakdown_table(name, getattr(breakdowns, name)) for name in BREAKDOWN_TABLES}


def pipeline_table(pipeline: Pipeline) -> Table:
    rows: list[Row] = [(PIPELINE_LABELS[field.name], getattr(pipeline, field.name))
                       for field in fields(pipeline)]
    return Table("pipeline", "وضعیت کنونی فرصت‌ها و دانش‌آموختگان", ("شاخص", "تعداد"), rows)
