"""The one bridge between the databank and the matching engine: rows become the engine's plain
records, and its ranked proposals become stored proposals.

Proposals a placement office, a graduate or an employer has acted on are never disturbed by a
re-run: only untouched ('proposed', no interest shown) rows are replaced."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

from sqlalchemy import ColumnElement, delete, exists, insert, inspect, not_, or_, select, update
from sqlalchemy.orm import selectinload

import matching
from databank.db import db, refresh_statistics, twin_items
from databank.jalali import today
from databank.matches.models import Proposal, ProposalStatus
from databank.monitoring.models import MonitoringRecord, active_on
from databank.people.models import GraduateProfile, Person
from databank.vacancies.figures import recruiting
from databank.vacancies.models import Vacancy, VacancyStatus, vacancy_code
from databank.vocabulary import Gender
from matching.scoring import MIN_SCORE

DEFAULT_TOP = 20
Ranking = Literal["vacancy", "profile"]  # which top a run computed (see store)
NO_LONGER_ELIGIBLE = ("با اطلاعات تازه، این دانش‌آموخته شرط لازم این فرصت شغلی (جنسیت یا حداقل "
                      "مدرک) را ندارد.")


def vacancy_record(vacancy: Vacancy) -> matching.VacancyIn:
    """The vacancy with the keys stored beside its texts, so that the engine keys nothing."""
    fields, skills = tuple(vacancy.fields or ()), tuple(vacancy.skills or ())
    current = _twins_current(vacancy)
    return matching.VacancyIn(
        id=vacancy.id, title=vacancy.title, fields=fields, min_degree=vacancy.min_degree,
        skills=skills, gender=vacancy.gender.value if vacancy.gender else None,
        city=vacancy.city,
        title_key=vacancy.title_key if current else None,
        field_keys=_list_keys(fields, vacancy.fields_key) if current else None,
        skill_keys=_list_keys(skills, vacancy.skills_key) if current else None,
        city_key=(vacancy.city_key or "") if current else None)


def profile_record(profile: GraduateProfile) -> matching.ProfileIn:
    """The profile with the keys stored beside its texts: a province's match run does not key
    a hundred thousand profiles again."""
    person, skills = profile.person, tuple(profile.skills or ())
    current = _twins_current(profile)
    return matching.ProfileIn(
        id=profile.id, field=profile.field_of_study, degree=profile.degree, skills=skills,
        desired_job=profile.desired_job or "",
        gender=person.gender.value if person.gender else None, city=person.city,
        field_key=profile.field_key if current else None,
        skill_keys=_list_keys(skills, profile.skills_key) if current else None,
        desired_job_key=(profile.desired_job_key or "") if current else None,
        city_key=(person.city_key or "") if _twins_current(person) else None)


def _twins_current(row: Any) -> bool:
    """Twins are written when a row is flushed: a row changed since then has stale ones."""
    state = inspect(row)
    return state.persistent and not state.modified


def _list_keys(texts: tuple[str, ...], twin: str | None) -> tuple[str, ...] | None:
    """The keys of a list column's twin, one per text; None (the engine keys the texts) where
    they do not line up (the twin leaves out empty items)."""
    keys = twin_items(twin)
    return keys if len(keys) == len(texts) and all(texts) else None


def open_vacancies(ref: str | None = None) -> list[Vacancy]:
    """The vacancies that still recruit: open, and their deadline (when they set one) not
    passed; today is still the last day."""
    query = select(Vacancy).where(recruiting()).order_by(Vacancy.id)
    if ref:
        query = query.where(Vacancy.ref == vacancy_code(ref))
    return list(db.session.scalars(query))


def consenting_records() -> list[matching.ProfileIn]:
    """Every graduate who agreed to be shown to employers and offices and holds no job (no
    one else is ever proposed: see employed), as the engine's records. Read as plain rows,
    not ORM objects: a province's hundred thousand profiles cost seconds as objects, and an
    employer saving one vacancy waits for them. The select flushes pending changes first, so
    each stored key is the one of the text read beside it (profile_record gives the same
    records, object by object)."""
    return _profile_records(GraduateProfile.consent.is_(True), ~employed(Person.id))


def _profile_records(*where: ColumnElement[bool]) -> list[matching.ProfileIn]:
    profile, person = GraduateProfile, Person
    rows = db.session.execute(
        select(profile.id, profile.field_of_study, profile.degree, profile.skills,
               profile.desired_job, profile.field_key, profile.skills_key,
               profile.desired_job_key, person.gender, person.city, person.city_key)
        .join(person, profile.person_id == person.id).where(*where).order_by(profile.id))
    return [_record_of_row(*row) for row in rows.tuples()]


def employed(person_id: Any) -> ColumnElement[bool]:
    """Whether the person holds a job today (an active monitoring record). She is proposed to
    nobody while she does: no agency could register a hire of hers (one person, one agency),
    so an office would introduce her, and give an employer her mobile, for nothing."""
    return exists(select(MonitoringRecord.id).where(MonitoringRecord.person_id == person_id,
                                                     active_on(today())))


def _record_of_row(profile_id: int, field: str, degree: int, skills: list[str] | None,
                   desired_job: str | None, field_key: str, skills_key: str | None,
                   desired_job_key: str | None, gender: Gender | None, city: str | None,
                   city_key: str | None) -> matching.ProfileIn:
    listed = tuple(skills or ())
    return matching.ProfileIn(
        id=profile_id, field=field, degree=degree, skills=listed, desired_job=desired_job or "",
        gender=gender.value if gender else None, city=city, field_key=field_key,
        skill_keys=_list_keys(listed, skills_key), desired_job_key=desired_job_key or "",
        city_key=city_key or "")


def _untouched(query: Any) -> Any:
    return query.where(Proposal.status == ProposalStatus.PROPOSED,
                       Proposal.graduate_interested.is_(False),
                       Proposal.employer_interested.is_(False))


def store(proposals: Iterable[matching.Proposal], *, vacancy_ids: Sequence[int] = (),
          profile_ids: Sequence[int] = (), ranked_by: Ranking = "vacancy",
          ranks: bool = True) -> int:
    """Store a run's proposals for these vacancies or profiles. `ranked_by` says which top the
    run computed: each vacancy's best candidates, or each graduate's best vacancies. A pair
    either top holds is proposed; an untouched pair neither holds any more is withdrawn (so a
    vacancy's run never takes away what a graduate's own run proposed to her, nor the other
    way round); acted-on proposals keep their state and get the new score and reasons. The
    vacancies touched are ranked again unless `ranks` is False (a caller storing many chunks
    ranks once at the end).

    The stored proposals are read as plain rows and written in bulk, only where something
    changed: a province's run keeps about a hundred thousand of them, which as ORM objects
    cost seconds to load and compare. Rows the session already holds are changed through the
    session, so that its copies never go stale."""
    flag, other = ("by_vacancy", "by_profile") if ranked_by == "vacancy" else \
        ("by_profile", "by_vacancy")
    scope = []
    if vacancy_ids:
        scope.append(Proposal.vacancy_id.in_(vacancy_ids))
    if profile_ids:
        scope.append(Proposal.profile_id.in_(profile_ids))
    db.session.flush()  # the session's own changes are in the rows read
    kept = {(row.vacancy_id, row.profile_id): row
            for row in db.session.execute(select(*_KEPT).where(*scope))}
    fresh = {(p.vacancy_id, p.profile_id): p for p in proposals}
    touched = {key[0] for key in kept} | {key[0] for key in fresh}
    changes: dict[int, dict[str, Any]] = defaultdict(dict)
    withdrawn: set[int] = set()
    left = []  # kept pairs the run did not rank again
    for key, row in kept.items():
        if key in fresh:
            continue
        if getattr(row, flag):
            changes[row.id][flag] = False
        if _is_untouched(row) and not getattr(row, other):
            withdrawn.add(row.id)
        else:
            left.append(row)
    added = []
    for key, proposal in fresh.items():
        values = {flag: True, "score": proposal.score, "reasons": list(proposal.reasons)}
        row = kept.get(key)
        if row is None:  # ranked within its vacancy by rerank; the engine's is a first guess
            added.append({"vacancy_id": key[0], "profile_id": key[1], "by_vacancy": False,
                          "by_profile": False, "rank": proposal.rank, **values})
        else:
            changes[row.id].update({name: value for name, value in values.items()
                                    if getattr(row, name) != value})
    rescored, failed = _rescore(left)
    for row in left:
        if row.id in rescored:
            changes[row.id].update({name: value for name, value in rescored[row.id].items()
                                    if getattr(row, name) != value})
        if row.id in failed and _is_untouched(row):
            # the other top held it, but a fresh run would not propose it
            withdrawn.add(row.id)
    _write(changes, withdrawn, added)
    if ranks:
        rerank(touched)
    return len(fresh)


# What store reads of each stored proposal: enough to decide, not the whole row.
_KEPT = (Proposal.id, Proposal.vacancy_id, Proposal.profile_id, Proposal.status,
         Proposal.graduate_interested, Proposal.employer_interested, Proposal.by_vacancy,
         Proposal.by_profile, Proposal.score, Proposal.rank, Proposal.reasons)


def _write(changes: dict[int, dict[str, Any]], withdrawn: set[int],
           added: list[dict[str, Any]]) -> None:
    """Apply store's decisions: through the session for the rows it holds, in bulk for the
    rest (updates grouped by the columns they set, as an executemany needs)."""
    loaded = _loaded_proposals()
    for proposal_id in withdrawn & loaded.keys():
        db.session.delete(loaded[proposal_id])
    for chunk in _chunks(sorted(withdrawn - loaded.keys())):
        db.session.execute(delete(Proposal).where(Proposal.id.in_(chunk)),
                           execution_options={"synchronize_session": False})
    by_columns: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
    for proposal_id, values in changes.items():
        if not values or proposal_id in withdrawn:
            continue
        if proposal_id in loaded:
            for name, value in values.items():
                setattr(loaded[proposal_id], name, value)
        else:
            by_columns[frozenset(values)].append({"id": proposal_id, **values})
    for rows in by_columns.values():
        db.session.execute(update(Proposal), rows)
    if added:
        db.session.execute(insert(Proposal), added)
    db.session.flush()


def _loaded_proposals() -> dict[int, Proposal]:
    """The proposals the session holds, by id. By identity key: reading an expired row's id
    would load it, and a row deleted by a bulk DELETE cannot be loaded."""
    return {identity[1][0]: row for identity, row in db.session.identity_map.items()
            if identity[0] is Proposal}


def _is_untouched(row: Any) -> bool:
    return (row.status is ProposalStatus.PROPOSED and not row.graduate_interested
            and not row.employer_interested)


def _rescore(rows: list[Any]) -> tuple[dict[int, dict[str, Any]], set[int]]:
    """Proposals kept that the run did not rank again (followed, or held by the other top):
    each one's own score and reasons now, so that none argues from a field, a skill or a title
    the bank no longer holds. Hires and rejections are history and keep the reasons they were
    decided on. Returns the new values by id, and the ids a fresh run would not propose: no
    longer meeting the vacancy's conditions, or scoring below the engine's minimum (a profile
    edited into another field leaves a vacancy's earlier top holding pairs at a few
    percent)."""
    by_vacancy: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        if row.status not in (ProposalStatus.HIRED, ProposalStatus.REJECTED):
            by_vacancy[row.vacancy_id].append(row)
    profiles, vacancies = _records_of(by_vacancy)
    values: dict[int, dict[str, Any]] = {}
    failed = set()
    for vacancy_id, followed in by_vacancy.items():
        engine = matching.Engine([profiles[row.profile_id] for row in followed], min_score=0)
        found = {p.profile_id: p for p in engine.top_candidates(vacancies[vacancy_id],
                                                                len(followed))}
        for row in followed:
            proposal = found.get(row.profile_id)
            if proposal is None or proposal.score < MIN_SCORE:
                failed.add(row.id)
            values[row.id] = ({"score": proposal.score, "reasons": list(proposal.reasons)}
                              if proposal else {"score": 0.0, "reasons": [NO_LONGER_ELIGIBLE]})
    return values, failed


def _records_of(by_vacancy: dict[int, list[Any]]) -> tuple[
        dict[int, matching.ProfileIn], dict[int, matching.VacancyIn]]:
    """The engine's records of the profiles and vacancies of these rows, read a few hundred
    at a time as plain rows: one lazy load per row cost a province's refresh seconds."""
    ids = sorted({row.profile_id for rows in by_vacancy.values() for row in rows})
    profiles = {record.id: record for chunk in _chunks(ids)
                for record in _profile_records(GraduateProfile.id.in_(chunk))}
    vacancies = {vacancy.id: vacancy_record(vacancy) for chunk in _chunks(sorted(by_vacancy))
                 for vacancy in db.session.scalars(select(Vacancy).where(Vacancy.id.in_(chunk)))}
    return profiles, vacancies


def refresh_for_profile(profile: GraduateProfile, top: int = DEFAULT_TOP) -> int:
    """A new or edited profile: its own proposals, without re-running the whole bank. Without
    consent, or with a job, she keeps only the proposals someone acted on."""
    if not profile.consent or db.session.scalar(select(employed(profile.person_id))):
        held = set(db.session.scalars(select(Proposal.vacancy_id).where(
            Proposal.profile_id == profile.id)))
        db.session.execute(_untouched(delete(Proposal)).where(
            Proposal.profile_id == profile.id))
        rerank(held)  # no gap where her proposals were
        return 0
    vacancies = [vacancy_record(v) for v in open_vacancies()]
    found = matching.top_vacancies(profile_record(profile), vacancies, top)
    return store(found, profile_ids=[profile.id], ranked_by="profile")


def refresh_for_vacancy(vacancy: Vacancy, top: int = DEFAULT_TOP) -> int:
    """A new, edited, paused or reopened vacancy: its own candidates only."""
    if not _recruiting(vacancy):
        db.session.execute(_untouched(delete(Proposal)).where(
            Proposal.vacancy_id == vacancy.id))
        rerank([vacancy.id])  # no gap where they were
        return 0
    profiles = consenting_records()
    found = matching.top_candidates(vacancy_record(vacancy), profiles, top)
    return store(found, vacancy_ids=[vacancy.id])


def refresh_for_profiles(profile_ids: Iterable[int], top: int = DEFAULT_TOP) -> int:
    """Many new or edited profiles at once (an import): where each one now stands among every
    open vacancy's top candidates, from one run over the bank, not one run per profile. A
    profile without consent, or no longer among any top, loses its untouched proposals."""
    ids = sorted(set(profile_ids))
    if not ids:
        return 0
    wanted = set(ids)
    vacancies = [vacancy_record(v) for v in open_vacancies()]
    profiles = consenting_records() if vacancies else []
    found = [p for group in matching.match_all(vacancies, profiles, top).values()
             for p in group if p.profile_id in wanted]
    touched = {p.vacancy_id for p in found}
    count = 0
    for chunk in _chunks(ids):
        members = set(chunk)
        touched.update(db.session.scalars(select(Proposal.vacancy_id).distinct()
                                          .where(Proposal.profile_id.in_(chunk))))
        count += store([p for p in found if p.profile_id in members], profile_ids=chunk,
                       ranks=False)
    rerank(touched)
    return count


def refresh_for_vacancies(vacancy_ids: Iterable[int], top: int = DEFAULT_TOP) -> int:
    """Many new or edited vacancies at once (an import): the candidates of the open ones from
    one run over the bank; the others lose their untouched proposals."""
    rows = [v for chunk in _chunks(sorted(set(vacancy_ids)))
            for v in db.session.scalars(select(Vacancy).where(Vacancy.id.in_(chunk)))]
    for chunk in _chunks([v.id for v in rows if not _recruiting(v)]):
        db.session.execute(_untouched(delete(Proposal)).where(Proposal.vacancy_id.in_(chunk)))
    recruiting = [v for v in rows if _recruiting(v)]
    if not recruiting:
        return 0
    profiles = consenting_records()
    found = matching.match_all([vacancy_record(v) for v in recruiting], profiles, top)
    return sum(store([p for v in chunk for p in found.get(v, ())], vacancy_ids=chunk)
               for chunk in _chunks([v.id for v in recruiting]))


def _recruiting(vacancy: Vacancy) -> bool:
    """What open_vacancies says of one vacancy already loaded."""
    return vacancy.status is VacancyStatus.OPEN and (vacancy.deadline is None
                                                     or vacancy.deadline >= today())


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    """Ids a few hundred at a time: an IN list stays within every database's limits."""
    return (ids[start:start + size] for start in range(0, len(ids), size))


def rerank(vacancy_ids: Iterable[int]) -> None:
    """Rank 1 is the best proposal within each vacancy, whatever added it."""
    ids = sorted(set(vacancy_ids))
    if not ids:
        return
    db.session.flush()
    loaded = _loaded_proposals()
    changed = []
    for chunk in _chunks(ids):
        rows = db.session.execute(
            select(Proposal.id, Proposal.vacancy_id, Proposal.rank)
            .where(Proposal.vacancy_id.in_(chunk))
            .order_by(Proposal.vacancy_id, Proposal.score.desc(), Proposal.profile_id))
        rank, current = 0, None
        for proposal_id, vacancy_id, old in rows.tuples():
            rank = rank + 1 if vacancy_id == current else 1
            current = vacancy_id
            if old == rank:
                continue
            if proposal_id in loaded:  # the session's own copy must not go stale
                loaded[proposal_id].rank = rank
            else:
                changed.append({"id": proposal_id, "rank": rank})
    if changed:  # the others by primary key, without loading their reasons
        db.session.execute(update(Proposal), changed)
    db.session.flush()


def match_bank(top: int = DEFAULT_TOP, vacancy_ref: str | None = None,
               progress: Callable[[int, int], None] | None = None) -> int:
    """Run the engine over the open vacancies (or the one with `vacancy_ref`) and every
    consenting graduate, and store the proposals; returns how many were stored."""
    vacancies = open_vacancies(vacancy_ref)
    if vacancy_ref is None:  # those that stopped recruiting (a deadline passed since the last
        # run; a status changed outside the forms that withdraw them), keeping what was acted on
        db.session.execute(_untouched(delete(Proposal)).where(Proposal.vacancy_id.in_(
            select(Vacancy.id).where(not_(recruiting())))))
        # and the graduates proposed to nobody any more: a job registered since (by an agency,
        # outside the bank) or consent withdrawn; what someone acted on stays, to be rejected
        db.session.execute(_untouched(delete(Proposal)).where(Proposal.profile_id.in_(
            select(GraduateProfile.id).where(or_(GraduateProfile.consent.is_(False),
                                                 employed(GraduateProfile.person_id))))))
    profiles = consenting_records()
    results = matching.match_all([vacancy_record(v) for v in vacancies], profiles, top,
                                 progress=progress)
    flat = [p for group in results.values() for p in group] if isinstance(results, dict) \
        else list(results)
    stored = store(flat, vacancy_ids=[v.id for v in vacancies])
    refresh_statistics(Proposal)  # the review queue is planned for the proposals now there
    return stored


def proposals_for_profile(profile: GraduateProfile) -> list[Proposal]:
    return list(db.session.scalars(
        select(Proposal).where(Proposal.profile_id == profile.id)
        .options(selectinload(Proposal.vacancy).selectinload(Vacancy.unit))
        .order_by(Proposal.score.desc())))


def proposals_for_vacancy(vacancy: Vacancy) -> list[Proposal]:
    """The candidates the employer sees: a graduate who withdrew her consent is no longer
    shown (nor her name and mobile, even after an introduction), unless she was hired: then
    she works there."""
    return list(db.session.scalars(
        select(Proposal).join(GraduateProfile, GraduateProfile.id == Proposal.profile_id)
        .where(Proposal.vacancy_id == vacancy.id, or_(
            GraduateProfile.consent.is_(True), Proposal.status == ProposalStatus.HIRED))
        .options(selectinload(Proposal.profile).selectinload(GraduateProfile.person)
                 .selectinload(Person.profile))
        .order_by(Proposal.rank, Proposal.id)))
