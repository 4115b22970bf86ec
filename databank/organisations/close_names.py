"""Units whose names come close to one typed: a form that would create a unit from a typed
name asks first, so that «شرکت ریسندگی نور» and «کارخانه ريسندگي نوره» do not become two
employers whose jobs and vacancies are counted apart."""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process
from sqlalchemy import select

from databank.collation import in_persian_order
from databank.db import db, twin_value
from databank.organisations.models import IndustrialUnit

# Words that dress a unit's name rather than tell it apart (as keys: key() spelling). Left
# out before comparing: «شرکت فولاد البرز» and «شرکت فولاد زاگرس» share most of their letters
# and are still two employers; «شرکت سیمان سپاهان» and «سیمان سپاهان» are one.
DRESSING = frozenset(twin_value(word) for word in (
    "شرکت", "کارخانه", "کارخانجات", "صنایع", "صنعتی", "تولیدی", "تولید", "گروه", "واحد",
    "کارگاه", "مجتمع", "سهامی", "خاص", "عام", "تعاونی", "و"))
# token_set_ratio of what is left: a letter or two mistyped, the words in another order, or a
# word more or less («بیمارستان مهر», «بیمارستان خصوصی مهر») stay above it; names that differ
# in their distinctive word («ریسندگی نور», «ریسندگی امید») fall well below (60 to 80).
CLOSE = 85  # also the plain ratio of the names without spaces (spaceless)
SHOWN = 3
BLOCK = 500  # rows of units compared at a time by close_groups


def spaceless(key: str) -> str:
    """A key without its spaces: «پر طلا» and «پرطلا» are one word written two ways, which
    token_set_ratio, comparing words, sees as two different ones."""
    return key.replace(" ", "")


def joined_words(one: str, other: str, **_kwargs: object) -> float:
    """100 when the words of one key, written together, are a run of the other's words written
    together, either way round: «پلیمرکاوه ساوه» holds «پلیمر کاوه» joined, beside the city.
    token_set_ratio sees no word in common there, and the spaceless ratio falls below CLOSE
    for the extra word; this is the subset rule token_set_ratio already applies («بیمارستان
    مهر» within «بیمارستان خصوصی مهر»), across the spacing. A run matches whole words only:
    «نور» is not within «نورگستر ساوه»."""
    for short, long in ((one, other), (other, one)):
        target, words = spaceless(short), long.split()
        if not target or len(words) < 2:
            continue
        for start in range(len(words)):
            run = ""
            for word in words[start:]:
                run += word
                if len(run) >= len(target):
                    break
            if run == target:
                return 100.0
    return 0.0


def distinctive(key: str) -> str:
    """A unit's name key without the words that only dress it (the whole key if that is all)."""
    return " ".join(word for word in key.split() if word not in DRESSING) or key


def close_units(name: str) -> list[IndustrialUnit]:
    """The few known units whose names are close to `name`, closest first. Each look-up reads
    every unit's key: a county holds thousands of units, a one-off form submission can."""
    key = twin_value(name)
    if not key:
        return []
    # a merged unit's name still counts, for the unit it was merged into
    keys: dict[int, str] = {}
    kept: dict[int, int] = {}
    for row_id, stored, merged_into in db.session.execute(
            select(IndustrialUnit.id, IndustrialUnit.name_key, IndustrialUnit.merged_into_id)):
        keys[row_id], kept[row_id] = distinctive(stored), merged_into or row_id
    typed = distinctive(key)
    scores: dict[int, float] = {}
    for query, choices, scorer in (
            (typed, keys, fuzz.token_set_ratio),
            (spaceless(typed), {row_id: spaceless(k) for row_id, k in keys.items()}, fuzz.ratio),
            (typed, keys, joined_words)):
        for _, score, row_id in process.extract(query, choices, scorer=scorer,
                                                score_cutoff=CLOSE, limit=None):
            scores[row_id] = max(score, scores.get(row_id, 0))
    ranked = sorted(scores, key=lambda row_id: (-scores[row_id], row_id))
    ids = list(dict.fromkeys(kept[row_id] for row_id in ranked))[:SHOWN]
    units = {unit.id: unit for unit in db.session.scalars(
        select(IndustrialUnit).where(IndustrialUnit.id.in_(ids)))}
    return [units[unit_id] for unit_id in ids]


def names_close(one: str, other: str) -> bool:
    """Whether two unit names are close as close_units compares them."""
    first, second = twin_value(one), twin_value(other)
    if not (first and second):
        return False
    first, second = distinctive(first), distinctive(second)
    return max(fuzz.token_set_ratio(first, second),
               fuzz.ratio(spaceless(first), spaceless(second)),
               joined_words(first, second)) >= CLOSE


def close_groups() -> list[list[IndustrialUnit]]:
    """The units whose names come close to one another's, in groups (a close to b, b close to
    c: one group), the largest first: the duplicates that came in before the forms asked, or
    that someone confirmed as new by mistake, for the admin to merge. Compared in blocks of
    rows, so the score matrix of a province's units never sits in memory whole."""
    rows = db.session.execute(select(IndustrialUnit.id, IndustrialUnit.name_key)
                              .where(IndustrialUnit.merged_into_id.is_(None))
                              .order_by(IndustrialUnit.id)).all()
    keys = [distinctive(stored) for _, stored in rows]
    joined = [spaceless(k) for k in keys]
    parent = list(range(len(rows)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for start in range(0, len(keys), BLOCK):
        scores = np.maximum(
            process.cdist(keys[start:start + BLOCK], keys, scorer=fuzz.token_set_ratio,
                          score_cutoff=CLOSE, dtype=np.uint8, workers=-1),
            process.cdist(joined[start:start + BLOCK], joined, scorer=fuzz.ratio,
                          score_cutoff=CLOSE, dtype=np.uint8, workers=-1))
        for row, column in zip(*np.nonzero(scores), strict=True):
            if start + row < column:
                parent[root(int(column))] = root(start + int(row))
    members: dict[int, list[int]] = {}
    for index in range(len(rows)):
        members.setdefault(root(index), []).append(rows[index][0])
    groups = sorted((ids for ids in members.values() if len(ids) > 1),
                    key=lambda ids: (-len(ids), ids[0]))
    units = {unit.id: unit for unit in db.session.scalars(select(IndustrialUnit).where(
        IndustrialUnit.id.in_([unit_id for ids in groups for unit_id in ids])))}
    return [in_persian_order(sorted((units[unit_id] for unit_id in ids), key=lambda u: u.id),
                             lambda unit: unit.name)
            for ids in groups]
