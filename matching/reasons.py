"""Why a pair was proposed, in Persian sentences a placement officer reads beside the score."""

from __future__ import annotations

import numpy as np

from matching.normalize import tidy
from matching.scoring import Context, FieldFit
from matching.tables import UNKNOWN
from matching.types import Proposal

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_STEPS = {1: "یک", 2: "دو", 3: "سه", 4: "چهار", 5: "پنج"}


def persian_digits(text: str) -> str:
    return text.translate(_PERSIAN_DIGITS)


def _shown(text: str | None) -> str:
    return tidy(text)


def _list(items: list[str]) -> str:
    return "، ".join(items)


def explain(context: Context, rows: np.ndarray, scores: np.ndarray,
            first_rank: int = 1) -> list[Proposal]:
    """Proposals for scored rows (scores in tenths), ranked in the given order."""
    rows = np.asarray(rows, dtype=np.int64)
    table, plan = context.table, context.plan
    bits = context.covered(rows).tolist()
    fits = context.field_fit[table.field_key[rows]].tolist()
    titles = context.titles(rows).tolist()
    cities = context.same_city(rows).tolist()
    out = []
    for i, row in enumerate(rows.tolist()):
        matched = tuple(s.label for n, s in enumerate(plan.skills) if bits[i] >> n & 1)
        missing = tuple(s.label for n, s in enumerate(plan.skills) if not bits[i] >> n & 1)
        fit = FieldFit(fits[i])
        reasons = [_field_reason(context, row, fit), *_skill_reasons(matched, missing),
                   *_title_reason(context, row, titles[i]), *_degree_reason(context, row),
                   *_city_reason(context, row, cities[i])]
        out.append(Proposal(
            vacancy_id=plan.vacancy.id,
            profile_id=table.ids[row],
            score=int(scores[i]) / 10,
            rank=first_rank + i,
            reasons=tuple(r for r in reasons if r),
            matched_skills=matched,
            missing_skills=missing,
            field_fit=fit.name.lower(),
        ))
    return out


def _field_reason(context: Context, row: int, fit: FieldFit) -> str:
    table, plan = context.table, context.plan
    lexicon = table.lexicon
    arrays = table.arrays
    profile_text = _shown(table.profiles[row].field)
    if not plan.accepted and not plan.vacancy.fields:
        return ""
    if not profile_text:
        return "رشتهٔ تحصیلی ثبت نشده است."
    field = int(table.key_field[table.field_key[row]])
    wanted = [lexicon.fields[arrays.field_ids[a]] for a in plan.accepted]
    source = "رشته‌های معمول این شغل" if plan.fields_from_job else "رشته‌های خواسته‌شده"
    if fit == FieldFit.NONE:
        return f"رشتهٔ «{profile_text}» با {source} جور نیست."
    if fit == FieldFit.SIMILAR:
        names = _list([f"«{_shown(t)}»" for t in plan.vacancy.fields] or
                      [f"«{f.name}»" for f in wanted])
        return f"رشتهٔ «{profile_text}» از نظر نوشتار به {names} نزدیک است."
    own = lexicon.fields[arrays.field_ids[field]]
    shown = profile_text if own.name == profile_text else f"{profile_text} ({own.name})"
    if fit == FieldFit.SAME:
        return f"رشتهٔ «{shown}» همان رشتهٔ خواسته‌شده است."
    family = lexicon.families.get(own.family)
    family_name = family.name if family else own.family
    relatives = [f for f in wanted if lexicon.relation(own.id, f.id) == fit.name.lower()]
    names = _list([f"«{f.name}»" for f in relatives[:3]])
    if fit == FieldFit.FAMILY:
        return f"رشتهٔ «{shown}» هم‌خانوادهٔ {names} است (گروه {family_name})."
    return f"رشتهٔ «{shown}» از گروهی نزدیک به {names} است."


def _skill_reasons(matched: tuple[str, ...], missing: tuple[str, ...]) -> list[str]:
    total = len(matched) + len(missing)
    out = []
    if matched:
        out.append(f"مهارت‌های دارا: {_list(list(matched))} "
                   f"({persian_digits(str(len(matched)))} از {persian_digits(str(total))}).")
    if missing:
        out.append(f"مهارت‌های ناموجود: {_list(list(missing))}.")
    return out


def _title_reason(context: Context, row: int, level: float) -> list[str]:
    desired = _shown(context.table.profiles[row].desired_job)
    if not desired or level <= 0:
        return []
    title = _shown(context.plan.vacancy.title)
    if level >= 1.0:
        return [f"شغل دلخواه «{desired}» همان «{title}» است."]
    return [f"شغل دلخواه «{desired}» به «{title}» نزدیک است."]


def _degree_reason(context: Context, row: int) -> list[str]:
    minimum = context.plan.min_degree
    degree = int(context.table.degree[row])
    degrees = context.table.lexicon.degrees
    if minimum is None or degree == UNKNOWN or degree not in degrees:
        return []
    name = degrees[degree].name
    if degree == minimum or minimum not in degrees:
        return [f"مدرک {name}، برابر حداقل خواسته‌شده."]
    steps = _STEPS.get(degree - minimum, persian_digits(str(degree - minimum)))
    return [f"مدرک {name}، {steps} مقطع بالاتر از حداقل خواسته‌شده ({degrees[minimum].name})."]


def _city_reason(context: Context, row: int, same: float) -> list[str]:
    if same:
        return [f"ساکن همان شهر ({_shown(context.table.profiles[row].city)})."]
    return []
