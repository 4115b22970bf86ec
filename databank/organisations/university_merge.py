"""Merging a university into another: graduates type their university freely, so «دانشگاه آزاد
ساوه», «دانشگاه آزاد اسلامی واحد ساوه» and «آزاد ساوه» came in as three universities, and the
dashboard and the registration form's list split one university into several.

The admin picks the university kept. The graduate profiles of the other move to it in one
transaction, and the other's row stays as a pointer (`merged_into_id`): its name, unique among
the universities, then leads every form and import to the university kept instead of creating
it again. Merges leave no chains: merging into a merged university is refused, and those once
merged into the one merged now point at the one kept."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy import func, select, update

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.collation import in_persian_order
from databank.db import db, twin_value
from databank.errors import Conflict, InvalidInput, NotAllowed, NotFound
from databank.organisations.close_names import CLOSE, SHOWN
from databank.organisations.models import University, UniversityKind
from databank.people.models import GraduateProfile

UNKNOWN = "این دانشگاه در بانک ثبت نشده است."
MERGED = "دانشگاه «{name}» پیش‌تر در دانشگاه «{kept}» ادغام شده است."
ITSELF = ("دانشگاهی را که نگه داشته می‌شود از میان دانشگاه‌های دیگر انتخاب کنید؛ دانشگاه با "
          "خودش ادغام نمی‌شود.")
NO_KEPT = "دانشگاهی را که نگه داشته می‌شود انتخاب کنید."

# Words that dress a university's name rather than tell it apart (as keys), left out before
# comparing: «دانشگاه آزاد اسلامی واحد ساوه» and «آزاد ساوه» are then the same two words.
DRESSING = frozenset(twin_value(word) for word in (
    "دانشگاه", "واحد", "اسلامی", "مرکز", "مؤسسه", "موسسه", "آموزش", "عالی", "و"))


def distinctive(key: str) -> str:
    """A university's name key without the words that only dress it (the whole key if that
    is all)."""
    return " ".join(word for word in key.split() if word not in DRESSING) or key


def graduates_of(university: University) -> int:
    return db.session.scalar(select(func.count()).where(
        GraduateProfile.university_id == university.id)) or 0


def graduate_counts() -> dict[int, int]:
    """{university id: its graduates}, for a list of universities in one query."""
    return dict(db.session.execute(select(GraduateProfile.university_id, func.count())
                                   .group_by(GraduateProfile.university_id)).tuples().all())


def kept_university(university: University) -> University:
    """The university a (possibly merged) one stands for now; merges leave no chains."""
    if university.merged_into_id is None:
        return university
    return db.session.get(University, university.merged_into_id) or university


def mergeable_university(ident: int) -> University:
    """The university a merge page is about: one that exists and was not merged already."""
    university = db.session.get(University, ident)
    if university is None:
        raise NotFound(UNKNOWN)
    if university.merged_into_id is not None:
        raise NotFound(MERGED.format(name=university.name,
                                     kept=kept_university(university).name))
    return university


def _closeness(name: str) -> dict[int, float]:
    """{university id: how close `name` comes to it}, for every university standing (not
    merged); the names of those merged into a university count for it too. A county has
    tens of universities, so all are compared."""
    rows = db.session.execute(select(University.id, University.name_key,
                                     University.merged_into_id).order_by(University.id)).all()
    mine = distinctive(twin_value(name))
    score: dict[int, float] = {}
    for row_id, key, merged_into in rows:
        standing = merged_into or row_id
        score[standing] = max(score.get(standing, 0.0),
                              fuzz.token_set_ratio(mine, distinctive(key), processor=None))
    return score


def close_listed(name: str) -> list[University]:
    """The few universities on the county's list whose names come close to `name`, closest
    first: a graduate typing «آزاد» or «دانشگاه آزاد ساوه» is asked whether she means one of
    them before a name of her own is stored. Unlisted ones are never named: they are what
    strangers typed."""
    if not twin_value(name):
        return []
    score = _closeness(name)
    close = [ident for ident, value in score.items() if value >= CLOSE]
    found = db.session.scalars(select(University).where(
        University.id.in_(close), University.listed.is_(True),
        University.merged_into_id.is_(None))).all()
    return sorted(in_persian_order(found, lambda university: university.name),
                  key=lambda university: -score[university.id])[:SHOWN]


def candidates(university: University) -> list[tuple[University, bool]]:
    """The universities `university` may be merged into, each with whether its name comes
    close: the close ones first (closest first), then the others in Persian order. A county
    has tens of universities, so all are offered and none needs searching for."""
    score = _closeness(university.name)
    others = in_persian_order(db.session.scalars(
        select(University).where(University.merged_into_id.is_(None),
                                 University.id != university.id).order_by(University.id)),
        lambda other: other.name)
    close = sorted((other for other in others if score.get(other.id, 0) >= CLOSE),
                   key=lambda other: -score[other.id])  # stable: ties stay in Persian order
    return [(other, True) for other in close] + \
        [(other, False) for other in others if score.get(other.id, 0) < CLOSE]


@dataclass(frozen=True)
class Merged:
    """The university kept, the name that now leads to it as well, and the graduates moved."""

    kept: University
    merged_name: str
    graduates: int


def merge_universities(actor: User, university_id: int, kept_id: int | None) -> Merged:
    """Merge university `university_id` into university `kept_id`. What the kept one lacks
    (its city, a kind other than «سایر») is taken from the merged one; the kept one is on the
    county's list from then on, even if a graduate typed it (the admin chose it)."""
    if actor.role is not Role.ADMIN:
        raise NotAllowed()
    if not kept_id:
        raise InvalidInput({"kept": [NO_KEPT]})
    if kept_id == university_id:
        raise InvalidInput({"kept": [ITSELF]})
    university, kept = _locked(university_id, kept_id)
    merged_name, moved = university.name, graduates_of(university)
    db.session.execute(update(GraduateProfile)
                       .where(GraduateProfile.university_id == university.id)
                       .values(university_id=kept.id)
                       .execution_options(synchronize_session=False))
    kept.city = kept.city or university.city
    if kept.kind is UniversityKind.OTHER:
        kept.kind = university.kind
    kept.listed = True  # the admin chose it: on the county's list from now on
    university.merged_into_id = kept.id
    db.session.flush()
    db.session.execute(update(University).where(University.merged_into_id == university.id)
                       .values(merged_into_id=kept.id)
                       .execution_options(synchronize_session=False))
    db.session.expire_all()  # the profiles were moved in bulk, behind the session's back
    record_event(actor, "merge_universities", "university", kept_id,
                 merged_university=merged_name, merged_id=university_id, graduates=moved)
    return Merged(kept=db.session.get(University, kept_id), merged_name=merged_name,
                  graduates=moved)


def _locked(university_id: int, kept_id: int) -> tuple[University, University]:
    """Both rows, held until the commit (PostgreSQL) and read in the order of their ids, so
    two merges of the same pair in opposite directions wait for each other rather than both
    going through; a graduate saved meanwhile under either waits too (her profile's foreign
    key), and is then moved with the others."""
    rows = {row.id: row for row in db.session.scalars(
        select(University).where(University.id.in_((university_id, kept_id)))
        .order_by(University.id).with_for_update()
        .execution_options(populate_existing=True))}
    university, kept = rows.get(university_id), rows.get(kept_id)
    if university is None:
        raise NotFound(UNKNOWN)
    if university.merged_into_id is not None:
        raise Conflict(MERGED.format(name=university.name,
                                     kept=kept_university(university).name))
    if kept is None:
        raise InvalidInput({"kept": [UNKNOWN]})
    if kept.merged_into_id is not None:
        raise Conflict(MERGED.format(name=kept.name, kept=kept_university(kept).name),
                       field="kept")
    return university, kept
