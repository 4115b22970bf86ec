"""Why a pair was proposed, in Persian sentences a placement officer reads beside the score."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

import numpy as np
from rapidfuzz import fuzz

from matching.lexicon import Lexicon
from matching.normalize import compact, tidy
from matching.normalize import key as comparison_key
from matching.pairs import VacancyBatch
from matching.scoring import FIELD_SIMILARITY_MIN, FieldFit
from matching.tables import UNKNOWN, lexicon_arrays
from matching.types import Proposal

Ranked = tuple[np.ndarray, np.ndarray]  # rows best first, and their scores in tenths
T = TypeVar("T")
K = TypeVar("K")

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_COUNTS = tuple(str(n).translate(_PERSIAN_DIGITS) for n in range(33))  # up to 32 skills
_STEPS = {1: "یک", 2: "دو", 3: "سه", 4: "چهار", 5: "پنج"}
_FITS = tuple(FieldFit)
_FIT_NAMES = tuple(fit.name.lower() for fit in FieldFit)
Skills = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # matched, missing, sentences
NEAR = 0.75  # a desired job's level from which it is said to be near the title, plainly
# Said of a pair the misfit rule scaled (matching.scoring.MISFIT_RULE)
_MISFIT = ("چون رشته جور نیست، امتیاز تنها به نسبت مهارت‌های خواسته‌شدهٔ دارا یا نزدیکی شغل "
           "دلخواه به این شغل حساب شده است.",)


def persian_digits(text: str) -> str:
    return text.translate(_PERSIAN_DIGITS)


def _shown(text: str | None) -> str:
    return tidy(text)


def _list(items: Iterable[str]) -> str:
    return "، ".join(items)


def explain(batch: VacancyBatch, ranked: Sequence[Ranked]) -> list[list[Proposal]]:
    """Each vacancy's proposals, from its ranked rows (scores in tenths), rank 1 first."""
    lengths = [len(rows) for rows, _ in ranked]
    if not sum(lengths):
        return [[] for _ in ranked]
    v = np.repeat(np.arange(len(ranked)), lengths)
    ranks = np.arange(len(v)) - np.repeat(np.cumsum(lengths) - lengths, lengths) + 1
    found = explain_pairs(batch, v, np.concatenate([rows for rows, _ in ranked]),
                          np.concatenate([scores for _, scores in ranked]), ranks)
    ends = np.cumsum(lengths).tolist()
    return [found[end - length:end] for end, length in zip(ends, lengths, strict=True)]


def explain_pairs(batch: VacancyBatch, v: np.ndarray, rows: np.ndarray, scores: np.ndarray,
                  ranks: np.ndarray) -> list[Proposal]:
    """Proposals for scored pairs of a batch (scores in tenths), in the given order. Only the
    pairs kept get here, their features read in one pass for the whole batch. Each part of the
    reasons is written once for the pairs of the batch that share what it says (a field
    spelling against the same accepted fields, a set of matched skills against the same asked
    ones, a desired job against a title, a degree against a minimum, a city), then the parts
    are joined pair by pair."""
    rows = np.asarray(rows, dtype=np.int64)
    if not len(rows):
        return []
    table, plans = batch.table, batch.plans
    chosen = [table.profiles[row] for row in rows.tolist()]
    vacancies = v.tolist()
    fits = batch.field_fits(v, rows).tolist()
    # vacancies that accept the same fields (or ask for the same skills) share their sentences
    wanted, kinds = _kinds({u: (plans[u].accepted, plans[u].fields_from_job,
                                plans[u].field_texts, plans[u].named, plans[u].groups)
                            for u in dict.fromkeys(vacancies)})
    fields = _each(zip([wanted[u] for u in vacancies], [p.field for p in chosen],
                       table.row_field[rows].tolist(), fits, strict=True),
                   lambda kind, text, field, fit: _field_sentence(table.lexicon, text, field,
                                                                  fit, *kinds[kind]))
    labels, label_kinds = _kinds({u: tuple(skill.label for skill in plans[u].skills)
                                  for u in wanted})
    skills = _each(zip([labels[u] for u in vacancies], batch.covered(v, rows).tolist(),
                       strict=True), lambda kind, bits: _skills(label_kinds[kind], bits))
    minimum = {u: plans[u].min_degree for u in wanted}
    degrees = _each(zip([minimum[u] for u in vacancies], table.degree[rows].tolist(),
                        strict=True),
                    lambda low, degree: _degree_reason(table.lexicon, low, degree))
    titles = {u: _shown(plans[u].vacancy.title) for u in wanted}
    title_levels = batch.titles(v, rows).tolist()
    jobs = [_title_sentence(p.desired_job, titles[u], level >= 1.0, level < NEAR)
            if level > 0 else ()
            for u, p, level in zip(vacancies, chosen, title_levels, strict=True)]
    cities = [_city_reason(p.city) if same else ()
              for p, same in zip(chosen, batch.same_city(v, rows).tolist(), strict=True)]
    ids = {u: plans[u].vacancy.id for u in wanted}
    misfit = (batch.names_fields[v] & (batch.field_scores(v, rows) <= 0.0)).tolist()
    return [Proposal(ids[u], profile.id, score / 10, rank,
                     field + (_MISFIT if out else ()) + found[2] + job + level + city,
                     found[0], found[1], _FIT_NAMES[fit])
            for u, profile, score, rank, fit, field, found, job, level, city, out
            in zip(vacancies, chosen, np.asarray(scores).tolist(), ranks.tolist(), fits, fields,
                   skills, jobs, degrees, cities, misfit, strict=True)]


def _kinds(values: dict[int, K]) -> tuple[dict[int, int], list[K]]:
    """Each key's value as a small number (equal values, the same number), and the values by
    number: a number is hashed faster than the tuple it stands for."""
    numbers: dict[K, int] = {}
    by_key = {u: numbers.setdefault(value, len(numbers)) for u, value in values.items()}
    return by_key, list(numbers)


def _each(keys: Iterable[tuple], write: Callable[..., T]) -> list[T]:
    """write(*key) for each key, written once per distinct key."""
    written: dict[tuple, T] = {}
    out = []
    for key in keys:
        found = written.get(key)
        if found is None:
            found = written[key] = write(*key)
        out.append(found)
    return out


def _field_sentence(lexicon: Lexicon, text: str, field: int, fit: int,
                    accepted: tuple[int, ...], from_job: bool, wanted_texts: tuple[str, ...],
                    named: tuple[int, ...], groups: tuple[str, ...]) -> tuple[str, ...]:
    group = _group_holding(lexicon, field, named, groups) if fit == FieldFit.SAME else None
    if group is not None:
        return (f"رشتهٔ «{_field_shown(lexicon, _shown(text), field)}» از {group} است "
                "که خواسته شده است.",)
    if fit == FieldFit.CLOSE and groups and not _relatives(lexicon, field, FieldFit.CLOSE,
                                                           named)[0]:
        # close to a group's fields, not to one the employer named: name the group, not three
        # of its dozens of fields («مهندسی شیمی» for a chemist when «علوم پایه» was asked)
        return (f"رشتهٔ «{_field_shown(lexicon, _shown(text), field)}» از گروهی نزدیک به "
                f"{_group_names(lexicon, groups)} است.",)
    sentence = _field_reason(lexicon, text, field, _FITS[fit], accepted, from_job, wanted_texts,
                             _group_names(lexicon, groups))
    return (sentence,) if sentence else ()


def _group_names(lexicon: Lexicon, groups: tuple[str, ...]) -> str:
    return " یا ".join(lexicon.field_groups.groups[g].name for g in groups)


def _group_holding(lexicon: Lexicon, field: int, named: tuple[int, ...],
                   groups: tuple[str, ...]) -> str | None:
    """The name of the group through which a field is accepted («رشته‌های فنی و مهندسی»), or
    None when the vacancy names the field (or the field it specialises) itself."""
    if not groups:
        return None
    field_id = lexicon_arrays(lexicon).field_ids[field]
    if {field_id, lexicon.parents.get(field_id)} & {lexicon_arrays(lexicon).field_ids[n]
                                                   for n in named}:
        return None
    return next((lexicon.field_groups.groups[g].name for g in groups
                 if field_id in lexicon.group_fields[g]), None)


def _skills(labels: tuple[str, ...], bits: int) -> Skills:
    """Matched and missing skill labels, and their sentences, for one set of covered bits.
    Written once per batch for the same labels and bits, not remembered across batches: they
    rarely meet twice in a run (one hit in a hundred at province scale)."""
    matched: list[str] = []
    missing: list[str] = []
    for n, label in enumerate(labels):
        (matched if bits >> n & 1 else missing).append(label)
    return tuple(matched), tuple(missing), _skill_reasons(tuple(matched), tuple(missing))


def _field_reason(lexicon: Lexicon, text: str, field: int, fit: FieldFit,
                  accepted: tuple[int, ...], from_job: bool, wanted_texts: tuple[str, ...],
                  groups: str = "") -> str:
    """The sentence on a profile's field (`text` as typed, `field` its lexicon index) against
    the fields a vacancy accepts (`groups`: the names of the groups among them, «رشته‌های فنی و
    مهندسی», which stand for their dozens of fields). Its parts are cached apart (how a spelling
    is shown, which accepted fields are its relatives), since their combinations rarely
    repeat."""
    if not accepted and not wanted_texts:
        return ""
    profile_text = _shown(text)
    if not profile_text:
        return "رشتهٔ تحصیلی ثبت نشده است."
    if fit == FieldFit.NONE:
        source = "رشته‌های معمول این شغل" if from_job else "رشته‌های خواسته‌شده"
        return f"رشتهٔ «{profile_text}» با {source} جور نیست."
    if fit == FieldFit.SIMILAR:
        same, close = _alike(text, wanted_texts)
        if same:
            return f"رشتهٔ «{profile_text}» همان رشتهٔ خواسته‌شده است (به همین نوشتار)."
        stream = lexicon.field_vocabulary.stream(comparison_key(text))
        if stream is not None:  # a school stream, compared by its subject (matching.tables)
            subject_same, subject_close = _alike(stream, wanted_texts)
            if subject_same:
                subject_close = tuple(t for t in wanted_texts
                                      if compact(comparison_key(t)) == compact(stream))
            names = (_list(f"«{_shown(t)}»" for t in subject_close or close) or groups
                     or _wanted_names(lexicon, accepted, wanted_texts))
            return (f"رشتهٔ «{profile_text}» رشته‌ای دبیرستانی (دیپلم) است و موضوعش به "
                    f"{names} نزدیک است.")
        names = _list(f"«{_shown(t)}»" for t in close)
        if not names and groups:
            return f"رشتهٔ «{profile_text}» از نظر نوشتار به یکی از {groups} نزدیک است."
        names = names or _wanted_names(lexicon, accepted, wanted_texts)
        return f"رشتهٔ «{profile_text}» از نظر نوشتار به {names} نزدیک است."
    shown = _field_shown(lexicon, profile_text, field)
    if fit == FieldFit.SAME:
        if from_job:  # the employer named no field: these are the job's usual ones
            return f"رشتهٔ «{shown}» از رشته‌های معمول این شغل است."
        return f"رشتهٔ «{shown}» همان رشتهٔ خواسته‌شده است."
    names, family_name = _relatives(lexicon, field, fit, accepted)
    if from_job:
        names = f"رشته‌های معمول این شغل ({names})" if names else "رشته‌های معمول این شغل"
    if fit == FieldFit.FAMILY:
        return f"رشتهٔ «{shown}» هم‌خانوادهٔ {names} است (گروه {family_name})."
    return f"رشتهٔ «{shown}» از گروهی نزدیک به {names} است."


@lru_cache(maxsize=1 << 12)
@lru_cache(maxsize=1 << 14)
def _alike(text: str, wanted_texts: tuple[str, ...]) -> tuple[bool, tuple[str, ...]]:
    """Whether a wanted field is the profile's spelled another way (the same key), and which
    wanted fields are close to it in writing, as the scorer compares them: a sentence that
    names every field a vacancy accepts calls the profile's own field close to itself."""
    own = compact(comparison_key(text))
    keys = [compact(comparison_key(t)) for t in wanted_texts]
    if own and own in keys:
        return True, ()
    return False, tuple(t for t, k in zip(wanted_texts, keys, strict=True)
                        if own and k and fuzz.ratio(own, k) >= FIELD_SIMILARITY_MIN)


def _wanted_names(lexicon: Lexicon, accepted: tuple[int, ...],
                  wanted_texts: tuple[str, ...]) -> str:
    arrays = lexicon_arrays(lexicon)
    return _list([f"«{_shown(t)}»" for t in wanted_texts] or
                 [f"«{lexicon.fields[arrays.field_ids[a]].name}»" for a in accepted])


@lru_cache(maxsize=1 << 14)
def _field_shown(lexicon: Lexicon, profile_text: str, field: int) -> str:
    """The spelling as typed, with the lexicon's name beside it when that differs. A text that
    opens with the name (an institution after it: «کاردانی برق صنعتی (فنی و حرفه‌ای …)») is
    shown as typed; a text that has brackets of its own gets the name after «یعنی», not a
    second pair of brackets."""
    own = lexicon.fields[lexicon_arrays(lexicon).field_ids[field]]
    if own.name == profile_text:
        return profile_text
    name_key, text_key = comparison_key(own.name), comparison_key(profile_text)
    if text_key == name_key or text_key.startswith(name_key + " "):
        return profile_text
    if "(" in profile_text or ")" in profile_text:
        return f"{profile_text}، یعنی {own.name}"
    return f"{profile_text} ({own.name})"


@lru_cache(maxsize=1 << 14)
def _relatives(lexicon: Lexicon, field: int, fit: FieldFit,
               accepted: tuple[int, ...]) -> tuple[str, str]:
    """The accepted fields related to `field` as `fit` says (up to three), and its family."""
    arrays = lexicon_arrays(lexicon)
    own = lexicon.fields[arrays.field_ids[field]]
    family = lexicon.families.get(own.family)
    wanted = [lexicon.fields[arrays.field_ids[a]] for a in accepted]
    relatives = [f for f in wanted if lexicon.relation(own.id, f.id) == fit.name.lower()]
    return _list([f"«{f.name}»" for f in relatives[:3]]), family.name if family else own.family


def _skill_reasons(matched: tuple[str, ...], missing: tuple[str, ...]) -> tuple[str, ...]:
    total = len(matched) + len(missing)
    out = []
    if matched:
        out.append(f"مهارت‌های دارا: {_list(matched)} "
                   f"({_COUNTS[len(matched)]} از {_COUNTS[total]}).")
    if missing:
        out.append(f"مهارت‌های ناموجود: {_list(missing)}.")
    return tuple(out)


@lru_cache(maxsize=1 << 16)  # a desired job against a title: repeats across vacancies
def _title_sentence(desired_job: str, title: str, full: bool,
                    partly: bool = False) -> tuple[str, ...]:
    """`full`: the job scored as fully alike (the same occupation in the lexicon, or one text
    within the other), which is not the same words: «همان» is said only of those. `partly`:
    alike below NEAR (occupations of one ISCO minor group, 0.5): «تا اندازه‌ای», not «نزدیک»
    plainly, which would overstate a designer against a metallurgist."""
    desired = _shown(desired_job)
    if not desired:
        return ()
    if full and comparison_key(desired_job) == comparison_key(title):
        return (f"شغل دلخواه «{desired}» همان «{title}» است.",)
    if full:
        return (f"شغل دلخواه «{desired}» با عنوان «{title}» هم‌خوان است.",)
    if partly:
        return (f"شغل دلخواه «{desired}» تا اندازه‌ای به «{title}» نزدیک است.",)
    return (f"شغل دلخواه «{desired}» به «{title}» نزدیک است.",)


@lru_cache(maxsize=1 << 8)
def _degree_reason(lexicon: Lexicon, minimum: int | None, degree: int) -> tuple[str, ...]:
    degrees = lexicon.degrees
    if minimum is None or degree == UNKNOWN or degree not in degrees:
        return ()
    name = degrees[degree].name
    if degree == minimum or minimum not in degrees:
        return (f"مدرک {name}، برابر حداقل خواسته‌شده.",)
    steps = _STEPS.get(degree - minimum, persian_digits(str(degree - minimum)))
    return (f"مدرک {name}، {steps} مقطع بالاتر از حداقل خواسته‌شده ({degrees[minimum].name}).",)


@lru_cache(maxsize=1 << 10)
def _city_reason(city: str | None) -> tuple[str, ...]:
    return (f"ساکن همان شهر ({_shown(city)}).",)
