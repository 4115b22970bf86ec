"""Why a pair was proposed, in Persian sentences a placement officer reads beside the score."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from matching.lexicon import Lexicon
from matching.normalize import tidy
from matching.pairs import VacancyBatch
from matching.plans import VacancyPlan
from matching.scoring import FieldFit
from matching.tables import UNKNOWN, ProfileTable, lexicon_arrays
from matching.types import Proposal

Ranked = tuple[np.ndarray, np.ndarray]  # rows best first, and their scores in tenths

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_COUNTS = tuple(str(n).translate(_PERSIAN_DIGITS) for n in range(33))  # up to 32 skills
_STEPS = {1: "یک", 2: "دو", 3: "سه", 4: "چهار", 5: "پنج"}
_FITS = tuple(FieldFit)
_FIT_NAMES = tuple(fit.name.lower() for fit in FieldFit)
Skills = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # matched, missing, sentences


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
    pairs kept get here, their features read in one pass for the whole batch; a sentence is
    written once for all the candidates and vacancies that share what it says (a field
    spelling against the same accepted fields, a desired job, a degree, a city, a set of
    matched skills)."""
    rows = np.asarray(rows, dtype=np.int64)
    table = batch.table
    writers: dict[int, _Writer] = {}
    columns = zip(v.tolist(), ranks.tolist(), rows.tolist(), np.asarray(scores).tolist(),
                  batch.covered(v, rows).tolist(), batch.field_fits(v, rows).tolist(),
                  table.row_field[rows].tolist(), batch.titles(v, rows).tolist(),
                  batch.same_city(v, rows).tolist(), table.degree[rows].tolist(), strict=True)
    out = []
    for vacancy, rank, row, score, bits, fit, field, title, same_city, degree in columns:
        writer = writers.get(vacancy)
        if writer is None:
            writer = writers[vacancy] = _Writer(batch.plans[vacancy], table)
        out.append(writer.proposal(rank, row, score, bits, fit, field, title, same_city, degree))
    return out


class _Writer:
    """The proposals of one vacancy. Its candidates often share a field spelling or a set of
    matched skills: each sentence is looked up once per vacancy, then reused."""

    def __init__(self, plan: VacancyPlan, table: ProfileTable) -> None:
        self.plan, self.table = plan, table
        self.vacancy_id, self.profiles, self.ids = plan.vacancy.id, table.profiles, table.ids
        self.title = _shown(self.plan.vacancy.title)
        self.labels = tuple(skill.label for skill in self.plan.skills)
        self.wanted = (self.plan.accepted, self.plan.fields_from_job, self.plan.vacancy.fields)
        self.fields: dict[tuple[str, int, int], tuple[str, ...]] = {}
        self.skills: dict[int, Skills] = {}
        self.degrees: dict[int, tuple[str, ...]] = {}

    def proposal(self, rank: int, row: int, score: int, bits: int, fit: int, field_index: int,
                 title: float, same_city: bool, degree: int) -> Proposal:
        profile = self.profiles[row]
        field_key = (profile.field, field_index, fit)
        field = self.fields.get(field_key)
        if field is None:
            sentence = _field_reason(self.table.lexicon, profile.field, field_index, _FITS[fit],
                                     *self.wanted)
            field = self.fields[field_key] = (sentence,) if sentence else ()
        skills = self.skills.get(bits)
        if skills is None:
            skills = self.skills[bits] = _skills(self.labels, bits)
        level = self.degrees.get(degree)
        if level is None:
            level = self.degrees[degree] = _degree_reason(self.table.lexicon,
                                                          self.plan.min_degree, degree)
        reasons = field + skills[2]
        if title > 0:
            reasons += _title_sentence(profile.desired_job, self.title, title >= 1.0)
        reasons += level
        if same_city:
            reasons += _city_reason(profile.city)
        return Proposal(self.vacancy_id, self.ids[row], score / 10, rank, reasons, skills[0],
                        skills[1], _FIT_NAMES[fit])


def _skills(labels: tuple[str, ...], bits: int) -> Skills:
    """Matched and missing skill labels, and their sentences, for one set of covered bits.
    Remembered per vacancy by its writer, not across vacancies: the same labels and bits
    rarely meet twice in a run (one hit in a hundred at province scale)."""
    matched: list[str] = []
    missing: list[str] = []
    for n, label in enumerate(labels):
        (matched if bits >> n & 1 else missing).append(label)
    return tuple(matched), tuple(missing), _skill_reasons(tuple(matched), tuple(missing))


def _field_reason(lexicon: Lexicon, text: str, field: int, fit: FieldFit,
                  accepted: tuple[int, ...], from_job: bool, wanted_texts: tuple[str, ...]) -> str:
    """The sentence on a profile's field (`text` as typed, `field` its lexicon index) against
    the fields a vacancy accepts. Its parts are cached apart (how a spelling is shown, which
    accepted fields are its relatives), since their combinations rarely repeat."""
    if not accepted and not wanted_texts:
        return ""
    profile_text = _shown(text)
    if not profile_text:
        return "رشتهٔ تحصیلی ثبت نشده است."
    if fit == FieldFit.NONE:
        source = "رشته‌های معمول این شغل" if from_job else "رشته‌های خواسته‌شده"
        return f"رشتهٔ «{profile_text}» با {source} جور نیست."
    if fit == FieldFit.SIMILAR:
        names = _wanted_names(lexicon, accepted, wanted_texts)
        return f"رشتهٔ «{profile_text}» از نظر نوشتار به {names} نزدیک است."
    shown = _field_shown(lexicon, profile_text, field)
    if fit == FieldFit.SAME:
        return f"رشتهٔ «{shown}» همان رشتهٔ خواسته‌شده است."
    names, family_name = _relatives(lexicon, field, fit, accepted)
    if fit == FieldFit.FAMILY:
        return f"رشتهٔ «{shown}» هم‌خانوادهٔ {names} است (گروه {family_name})."
    return f"رشتهٔ «{shown}» از گروهی نزدیک به {names} است."


@lru_cache(maxsize=1 << 12)
def _wanted_names(lexicon: Lexicon, accepted: tuple[int, ...],
                  wanted_texts: tuple[str, ...]) -> str:
    arrays = lexicon_arrays(lexicon)
    return _list([f"«{_shown(t)}»" for t in wanted_texts] or
                 [f"«{lexicon.fields[arrays.field_ids[a]].name}»" for a in accepted])


@lru_cache(maxsize=1 << 14)
def _field_shown(lexicon: Lexicon, profile_text: str, field: int) -> str:
    """The spelling as typed, with the lexicon's name beside it when that differs."""
    own = lexicon.fields[lexicon_arrays(lexicon).field_ids[field]]
    return profile_text if own.name == profile_text else f"{profile_text} ({own.name})"


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
def _title_sentence(desired_job: str, title: str, same: bool) -> tuple[str, ...]:
    desired = _shown(desired_job)
    if not desired:
        return ()
    if same:
        return (f"شغل دلخواه «{desired}» همان «{title}» است.",)
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
