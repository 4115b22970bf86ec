"""The columns of the two spreadsheets: English header names, the Persian labels of the web
forms (what exports write, since people read them) accepted alike, and which columns a file
must have.

Headers are compared through matching's key(), so «کد ملي», «کد‌ملی» and «national_id» all
find their column whatever the spacing, letters or case."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from databank.imports.errors import UnreadableFile

GRADUATES, VACANCIES = "graduates", "vacancies"
KINDS = (GRADUATES, VACANCIES)
KIND_LABELS = {GRADUATES: "دانش‌آموختگان", VACANCIES: "فرصت‌های شغلی"}
# The column an error file adds with each row's reasons: Persian, as every header of the
# files people read. REASON is the English one that the insurance list's error file
# (monitoring.verification) still writes; an import sets any of these aside.
REASON_HEADER = "دلیل رد"
REASON = "reason"
REASON_ALIASES = (REASON_HEADER, "reason", "علت", "دلیل", "علت رد")
_ARABIC_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه"})


@dataclass(frozen=True)
class Column:
    """`name` is the English header, `field` the schema's key, `label` what a person reads
    (and the header exports write). A column that is not `exported` tells the import what to
    do with a row rather than describing what the bank holds, so exports leave it out."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    field: str = ""
    exported: bool = True

    @property
    def key(self) -> str:
        return self.field or self.name

    def spellings(self) -> tuple[str, ...]:
        return (self.name, self.name.replace("_", " "), self.label, *self.aliases)

    def title(self, header: str = "") -> str:
        """The column as messages name it: in Persian, and findable in the sender's file. An
        English header follows the label in parentheses («مهلت (deadline)»); a Persian one is
        shown as the sender wrote it."""
        header = " ".join(header.split())
        if not header or header_key(header) == header_key(self.label):
            return self.label
        return f"{self.label} ({header})" if header.isascii() else header


GRADUATE_COLUMNS = (
    Column("national_id", "کد ملی", ("کدملی", "شماره ملی"), required=True),
    Column("first_name", "نام", required=True),
    Column("last_name", "نام خانوادگی", ("نام‌خانوادگی", "فامیلی"), required=True),
    Column("gender", "جنسیت", ("جنس",)),
    Column("birth_year", "سال تولد"),
    Column("mobile", "تلفن همراه", ("موبایل", "شماره همراه", "شماره موبایل", "تلفن")),
    Column("city", "شهر", ("شهر محل سکونت", "محل سکونت")),
    Column("university", "دانشگاه", ("محل تحصیل",)),
    Column("degree", "مقطع تحصیلی", ("مقطع", "مدرک", "مدرک تحصیلی"), required=True),
    Column("field_of_study", "رشته تحصیلی", ("رشته",), required=True),
    Column("graduation_year", "سال دانش‌آموختگی", ("سال فراغت", "سال فارغ التحصیلی")),
    Column("skills", "مهارت‌ها", ("مهارت",)),
    Column("desired_job", "شغل مورد نظر", ("شغل درخواستی",)),
    Column("head_of_household", "سرپرست خانوار", ("سرپرست خانواده",)),
    Column("consent", "رضایت به معرفی", ("رضایت", "رضایت به معرفی به کارفرما")),
)

VACANCY_COLUMNS = (
    Column("ref", "کد آگهی", ("کد", "کد فرصت شغلی"), required=True),
    Column("unit_name", "نام واحد", ("واحد", "نام واحد صنعتی", "کارفرما"), required=True),
    Column("industrial_estate", "شهرک صنعتی", ("شهرک", "ناحیه صنعتی")),
    Column("city", "شهر"),
    Column("title", "عنوان شغل", ("عنوان", "عنوان شغلی"), required=True),
    Column("sector", "بخش"),
    Column("workshop_code", "کد کارگاه بیمه", ("کد کارگاه",)),
    Column("positions", "تعداد", ("ظرفیت", "تعداد نفرات")),
    Column("min_degree", "حداقل مقطع", ("حداقل مقطع تحصیلی", "حداقل مدرک")),
    Column("fields_of_study", "رشته‌ها", ("رشته‌های تحصیلی", "رشته های مورد نیاز"),
           field="fields"),
    Column("skills", "مهارت‌ها", ("مهارت",)),
    Column("gender", "جنسیت", ("جنس",)),
    Column("description", "توضیحات", ("شرح",)),
    Column("deadline", "مهلت", ("مهلت ثبت‌نام", "تاریخ پایان")),
    Column("status", "وضعیت", ("وضعیت آگهی", "وضعیت فرصت شغلی")),
    # «بله»: the unit named is new, though its name comes close to a known unit's (the
    # monitoring form's «واحد تازه است»)
    Column("new_unit", "واحد تازه", ("واحد تازه است", "واحد جدید", "واحد جدید است"),
           exported=False),
)

COLUMNS: dict[str, tuple[Column, ...]] = {GRADUATES: GRADUATE_COLUMNS,
                                          VACANCIES: VACANCY_COLUMNS}


def header_key(text: object) -> str:
    """key() leaves out words that only dress a field name («رشته»); a header made of such a
    word alone is still told apart by its plainly folded letters."""
    from matching import key

    raw = " ".join(unicodedata.normalize("NFKC", str(text or "")).split())
    return key(raw) or raw.translate(_ARABIC_LETTERS).casefold()


def _spellings(kind: str) -> dict[str, Column]:
    return {header_key(spelling): column for column in COLUMNS[kind]
            for spelling in column.spellings()}


@dataclass(frozen=True)
class Layout:
    """Where each known column sits in a file: position -> column; the rest is ignored."""

    kind: str
    headers: tuple[str, ...]
    positions: dict[int, Column]
    ignored: tuple[str, ...]
    reasons: tuple[int, ...]

    def position_of(self, field: str) -> int:
        return next((p for p, c in self.positions.items() if c.key == field), len(self.headers))

    def title_of(self, field: str) -> str:
        """The column of `field` as messages about it name it (Column.title)."""
        for position, column in self.positions.items():
            if column.key == field:
                return column.title(self.headers[position])
        return next((c.label for c in COLUMNS[self.kind] if c.key == field), field)


def locate(headers: Sequence[str], columns: Sequence[Column], skip: Iterable[str] = ()
           ) -> tuple[dict[int, Column], tuple[str, ...], tuple[int, ...]]:
    """Find each column by any of its spellings: (position -> column, headers nobody knows,
    positions of the `skip` headers). Refuse the whole file, naming them in Persian, when a
    required column is missing or a column appears twice."""
    known = {header_key(spelling): column for column in columns
             for spelling in column.spellings()}
    skipped_keys = {header_key(alias) for alias in skip}
    positions: dict[int, Column] = {}
    ignored: list[str] = []
    skipped: list[int] = []
    for position, header in enumerate(headers):
        folded = header_key(header)
        if folded in skipped_keys:
            skipped.append(position)
            continue
        if not folded:
            continue
        column = known.get(folded)
        if column is None:
            ignored.append(header)
        elif column in positions.values():
            raise UnreadableFile(f"ستون «{column.label}» ({column.name}) دو بار در فایل آمده "
                                 "است؛ یکی را حذف کنید.")
        else:
            positions[position] = column
    missing = [c for c in columns if c.required and c not in positions.values()]
    if missing:
        names = "، ".join(f"«{c.label}» ({c.name})" for c in missing)
        raise UnreadableFile(f"ستون‌های لازم در سطر اول فایل پیدا نشد: {names}. سطر اول فایل "
                             f"باید عنوان ستون‌ها باشد.")
    return positions, tuple(ignored), tuple(skipped)


def layout(kind: str, headers: list[str]) -> Layout:
    """The columns of a graduates or vacancies file; a `reason` column (an error file sent
    back) is set aside."""
    positions, ignored, reasons = locate(headers, COLUMNS[kind], REASON_ALIASES)
    return Layout(kind, tuple(headers), positions, ignored, reasons)
