"""Graduates: one person per national ID, with one graduate profile."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from databank.accounts.claims import ClaimedRecord, refuse_while_paused, refused_claim
from databank.accounts.models import Role, User
from databank.accounts.services import create_user
from databank.audit.services import record_event
from databank.db import db
from databank.errors import Conflict, InvalidInput, NotAllowed, NotFound
from databank.jalali import persian_digits
from databank.matches.services import refresh_for_profile
from databank.organisations.models import University
from databank.organisations.services import find_by_name, get_or_create_university
from databank.organisations.university_merge import close_listed
from databank.people.models import GraduateProfile, Person
from databank.people.schemas import graduation_year_problem
from databank.text import search_key

NAME_FIELDS = ("first_name", "last_name")
PERSON_FIELDS = ("gender", "birth_year", "mobile", "city")
PROFILE_FIELDS = ("degree", "field_of_study", "graduation_year", "skills", "desired_job",
                  "head_of_household", "consent")
FIELD_CODE_CONFIDENCE = 0.85
DISPLAY_NAME_LENGTH = User.display_name.type.length
# Who she is, as an office or agency recorded it from her national card: a self-service form
# may fill these when empty, never change them.
IDENTITY_FIELDS = ("first_name", "last_name", "gender", "birth_year")
# What a claim's empty box or unticked box keeps from the record (see _filling_blanks_only).
KEPT_WHEN_EMPTY = frozenset({"skills", "head_of_household"})
# The optional fields of her own profile form that an emptied box clears (skills and the two
# tick boxes load as an empty list and False, and clear by themselves).
CLEARABLE = frozenset({"birth_year", "city", "university", "graduation_year", "desired_job"})
# The tick box's label is named in the question: the form shows the box beside it.
NOT_LISTED_TICK = "«دانشگاه من در فهرست نیست»"
CLOSE_UNIVERSITY = ("«{typed}» در فهرست دانشگاه‌های شهرستان نیست، ولی به {names} نزدیک است. "
                    "اگر همان است، آن را از فهرست انتخاب کنید؛ اگر دانشگاه دیگری است، "
                    + NOT_LISTED_TICK + " را علامت بزنید.")
NO_MOBILE_TO_CLAIM = (
    "این کد ملی پیش‌تر در بانک ثبت شده است، اما شمارهٔ همراهی ندارد که نشان دهد شما صاحب آن "
    "هستید. برای تحویل گرفتن پروندهٔ خود، با کارت ملی به دفتر کاریابی مراجعه کنید.")
# Who recorded it may be an office, an agency or the admin: the bank is named, not a source.
# After her account exists only the admin corrects it (people.identity); she reaches him
# through an office, which sees her national card.
IDENTITY_RECORDED = ("این مشخصات در بانک ثبت شده است و اینجا تغییر نمی‌کند؛ اگر نادرست است، "
                     "با کارت ملی به دفتر کاریابی مراجعه کنید تا مدیر سامانه آن را اصلاح کند.")
# {who}: before her account exists an office may also correct it (an import row); after, the
# admin alone.
RECORDED_BIRTH_YEAR = (
    "سال تولدی که در بانک برای شما ثبت شده {year} است و در این فرم تغییر نمی‌کند. اگر "
    "نادرست است، با کارت ملی به دفتر کاریابی مراجعه کنید تا {who} آن را از روی کارت ملی "
    "شما اصلاح کند؛ تا آن زمان می‌توانید سال دانش‌آموختگی را خالی بگذارید.")


def find_person(national_id: str) -> Person | None:
    return db.session.scalar(select(Person).where(Person.national_id == national_id))


def get_or_create_person(national_id: str, **details: Any) -> Person:
    """The person with this national ID, created when missing. Two requests creating the same
    person at once both get the one row: the loser's insert fails on the unique national ID
    inside a savepoint and it reads the winner's."""
    person = find_person(national_id)
    if person is not None:
        return person
    person = Person(national_id=national_id, **details)
    try:
        with db.session.begin_nested():
            db.session.add(person)
            db.session.flush()
    except IntegrityError:
        person = find_person(national_id)
        if person is None:
            raise
    return person


def save_graduate(data: dict[str, Any], person: Person | None = None
                  ) -> tuple[GraduateProfile, bool]:
    """Create or update the graduate with this national ID; returns (profile, created).

    `data` is what a graduate schema loaded: the same person from a form, a second file or a
    second source updates that person instead of duplicating her. A field missing from `data`
    keeps what is stored (a schema drops blanks, so an office's row with a blank cell never
    wipes what she wrote); one present as None clears it, which only her own profile form
    asks for (update_own_profile)."""
    person = person or find_person(data["national_id"])
    created = person is None
    if person is None:
        person = Person(national_id=data["national_id"])
        db.session.add(person)
    rename_person(person, **{name: data[name] for name in NAME_FIELDS if name in data})
    for name in PERSON_FIELDS:
        if name in data:
            setattr(person, name, data[name])
    profile = person.profile
    if profile is None:
        profile = GraduateProfile(person=person)
        db.session.add(profile)
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(profile, name, data[name])
    if data.keys() & {"birth_year", "graduation_year", "degree"}:
        _check_years(person, profile)
    if "field_of_study" in data:
        profile.field_code = field_code(data["field_of_study"])
    if "university" in data:
        university = data["university"]
        # a name typed or read from a file: a new one waits, unlisted, for the admin
        profile.university = (get_or_create_university(university, listed=False)
                              if university else None)
    db.session.flush()
    return profile, created


def rename_person(person: Person, **names: str) -> None:
    """The one place a person's first or last name changes. The account she logs in with is
    called by her name (the navigation bar, the users list, the audit log), so it follows in
    the same transaction instead of keeping the name she registered with."""
    changed = {name: value for name, value in names.items() if getattr(person, name) != value}
    for name, value in changed.items():
        setattr(person, name, value)
    if not changed or person.id is None:  # a new person has no account yet
        return
    with db.session.no_autoflush:  # the names are written with the rest of the record
        account = db.session.scalar(select(User).where(User.person_id == person.id))
    if account is not None:
        account.display_name = account_name(person)


def identity_changes(person: Person, data: dict[str, Any]) -> tuple[str, ...]:
    """Which of "name" and "gender" `data` would change of what the bank holds of her, weighed
    as the agency job form weighs them (monitoring.services._same_person): the full name
    through its stored key, so that spelling, Arabic letters, spaces, half-spaces and where
    the first name ends do not count, only other words; a gender or name the bank lacks is
    filled, not changed. Whoever relies on her recorded identity (a job credited to an agency,
    the dashboard's gender figures) asks this before writing a name or gender over it."""
    changes: list[str] = []
    if person.name_key and data.keys() & set(NAME_FIELDS):
        first = data.get("first_name", person.first_name) or ""
        last = data.get("last_name", person.last_name) or ""
        if search_key(f"{first} {last}") != person.name_key:
            changes.append("name")
    gender = data.get("gender")
    if gender is not None and person.gender is not None and gender != person.gender:
        changes.append("gender")
    return tuple(changes)


def account_name(person: Person) -> str:
    """A graduate's account is called by her full name, cut to what the column holds."""
    return person.full_name[:DISPLAY_NAME_LENGTH].rstrip()


def _check_years(person: Person, profile: GraduateProfile) -> None:
    """The schema sees only the years a form or a row carries; a blank one keeps the stored
    year, and the two together must still be possible."""
    problem = graduation_year_problem(person.birth_year, profile.graduation_year,
                                      profile.degree)
    if problem:
        raise InvalidInput({"graduation_year": [problem]}, message=problem)


def field_code(field_of_study: str) -> str | None:
    """The lexicon's code for a field of study when the matcher is confident of it."""
    from matching import map_field

    mapping = map_field(field_of_study)
    return mapping.code if mapping and mapping.confidence >= FIELD_CODE_CONFIDENCE else None


OTHER_MOBILE = ("این کد ملی با شمارهٔ همراه دیگری در بانک ثبت شده است؛ برای اصلاح به دفتر "
                "کاریابی مراجعه کنید.")
HAS_ACCOUNT = ("برای این کد ملی قبلاً حساب کاربری ساخته شده است؛ اگر گذرواژه را فراموش "
               "کرده‌اید، مدیر سامانه گذرواژهٔ تازه به شما می‌دهد.")


def register_graduate(data: dict[str, Any]) -> User:
    """Self-registration: her account and profile together.

    A person already in the bank (imported by an office, or named in an agency's monitoring
    record) is someone others rely on: the agency's records, the office's placements and the
    dashboard's figures show her. Taking her over needs proof that the registrant is her,
    and the only proof a web form can check is the mobile number the record holds. Without
    one the claim is refused and she is sent to a placement office, which sees her national
    card and records her mobile. Even a proven claim keeps the name, gender and birth year
    the office or agency recorded (she fills only those left empty); corrections go through
    an office, as they do after the claim on her profile page."""
    person = find_person(data["national_id"])
    if person is not None:
        if db.session.scalar(select(User.id).where(User.person_id == person.id)):
            raise Conflict(HAS_ACCOUNT, field="national_id")
        if not person.mobile:
            raise Conflict(NO_MOBILE_TO_CLAIM, field="national_id")
        refuse_while_paused(ClaimedRecord.PERSON, person.id)
        if person.mobile != data["mobile"]:
            raise refused_claim(OTHER_MOBILE, "mobile", None, ClaimedRecord.PERSON, person.id)
        data = _filling_blanks_only(person, data)
        _refuse_years_against_recorded_birth(person, data, who="دفتر کاریابی یا مدیر سامانه")
    _ask_about_university(data, person.profile.university if person and person.profile
                          else None)
    try:
        with db.session.begin_nested():
            profile, _ = save_graduate(data, person)
            if person is None:
                profile.person.self_registered = True
            user = create_user(username=data["username"], password=data["password"],
                               display_name=account_name(profile.person), role=Role.GRADUATE,
                               person_id=profile.person_id)
    except IntegrityError:  # the same national ID registered a moment ago by another request
        if find_person(data["national_id"]) is None:
            raise
        raise Conflict(HAS_ACCOUNT, field="national_id") from None
    record_event(user, "register_graduate", "person", profile.person_id,
                 **({"claimed": True} if person is not None else {}))
    refresh_for_profile(profile)
    return user


def _ask_about_university(data: dict[str, Any], hers: University | None) -> None:
    """A university she types that leads to none on the county's list but comes close to one
    («دانشگاه آزاد ساوه», «آزاد») is asked about, as a unit's close name is: she picks the
    listed one, or ticks that hers is another, which is then stored unlisted for the admin to
    confirm or merge. The one her profile already holds is not asked about again. An import
    row has nobody to ask: its new names wait for the admin in the same way."""
    question = university_question(data.get("university"), bool(data.get("university_checked")),
                                   hers)
    if question:
        raise InvalidInput({"university": [question]})


def university_question(typed: str | None, checked: bool, hers: University | None = None
                        ) -> str | None:
    """What _ask_about_university asks of a typed university, or None."""
    if not typed or checked:
        return None
    found = find_by_name(University, typed)
    if found is not None and (found.listed or found == hers):
        return None
    close = close_listed(typed)
    if not close:
        return None
    names = "، ".join(f"«{university.name}»" for university in close)
    return CLOSE_UNIVERSITY.format(typed=typed, names=names)


def _filling_blanks_only(person: Person, data: dict[str, Any]) -> dict[str, Any]:
    """`data` without the identity fields the record already holds, nor the boxes she left
    empty: the registration form cannot show her what an office recorded (she is not yet
    known to be its owner), so an empty skills box or an unticked «head of household» keeps
    the record's, as a blank city or university does (the schema drops those)."""
    return {name: value for name, value in data.items()
            if not (name in IDENTITY_FIELDS and getattr(person, name) is not None)
            and not (name in KEPT_WHEN_EMPTY and not value)}


def _refuse_years_against_recorded_birth(person: Person, data: dict[str, Any], *,
                                         who: str = "مدیر سامانه") -> None:
    """Her graduation year weighed against the birth year the bank holds for her, which a
    self-service form cannot change (on the registration form she may have typed another,
    which _filling_blanks_only dropped). save_graduate would refuse the same years asking her
    to check a birth year she never typed or cannot edit; this says it is the bank's, beside
    the birth year too, and how it is corrected."""
    if person.birth_year is None:
        return
    profile = person.profile
    graduation = data.get("graduation_year", profile.graduation_year if profile else None)
    degree = data.get("degree", profile.degree if profile else None)
    problem = graduation_year_problem(person.birth_year, graduation, degree, recorded=True)
    if problem:
        recorded = RECORDED_BIRTH_YEAR.format(year=persian_digits(person.birth_year), who=who)
        raise InvalidInput({"birth_year": [recorded], "graduation_year": [problem]},
                           message=problem)


def identity_is_hers(person: Person) -> bool:
    """Whether she may edit her own name, gender and birth year: only when she created the
    record by registering, and no agency has registered a job for her since. A record an
    office imported, an agency named, or she claimed holds what they recorded from her
    national card (see register_graduate); a job's record and the dashboard's figures rest on
    the identity it was registered with (identity_changes)."""
    return person.self_registered and not has_job_records(person)


def has_job_records(person: Person) -> bool:
    """Whether any agency registered a job for her (whatever became of it)."""
    from databank.monitoring.models import MonitoringRecord  # monitoring builds on people

    return person.id is not None and db.session.scalar(
        select(MonitoringRecord.id).where(MonitoringRecord.person_id == person.id).limit(1)
    ) is not None


def recorded_identity(person: Person) -> frozenset[str]:
    """The identity fields her profile page shows read-only: the recorded ones she may not
    change (identity_is_hers)."""
    if identity_is_hers(person):
        return frozenset()
    return frozenset(name for name in IDENTITY_FIELDS if getattr(person, name) is not None)


def _refuse_identity_change(person: Person, data: dict[str, Any]) -> None:
    """A recorded name, gender or birth year sent back changed is refused, beside the field,
    rather than dropped without a word."""
    changed = [name for name in IDENTITY_FIELDS
               if name in data and getattr(person, name) is not None
               and not _same(getattr(person, name), data[name])]
    if changed:
        raise InvalidInput({name: [IDENTITY_RECORDED] for name in changed},
                           message=IDENTITY_RECORDED)


def _same(stored: Any, given: Any) -> bool:
    if isinstance(stored, str) and isinstance(given, str):
        return search_key(stored) == search_key(given)
    return bool(stored == given)


def own_profile(actor: User) -> GraduateProfile:
    """A graduate's own profile: found through her account, never through an id in a URL."""
    if actor.role is not Role.GRADUATE:
        raise NotAllowed()
    profile = db.session.scalar(select(GraduateProfile).where(
        GraduateProfile.person_id == actor.person_id)) if actor.person_id else None
    if profile is None:
        raise NotFound("هنوز پروفایلی برای شما ثبت نشده است.")
    return profile


def update_own_profile(actor: User, data: dict[str, Any], carried: Collection[str] = ()
                       ) -> GraduateProfile:
    """Her national ID never changes here (it is who the record is), and a recorded identity
    stays as recorded (identity_is_hers). `carried`: the fields her form posted. One of the
    CLEARABLE fields she emptied is cleared, as the form then shows it (the schema drops a
    blank, which elsewhere keeps the stored value); a required one is refused by the schema,
    and a recorded birth year sent back empty is a change, refused as any other."""
    profile = own_profile(actor)
    data = {**dict.fromkeys((CLEARABLE & set(carried)) - data.keys()), **data}
    _ask_about_university(data, profile.university)
    if not identity_is_hers(profile.person):
        _refuse_identity_change(profile.person, data)
        data = _filling_blanks_only(profile.person, data)
        _refuse_years_against_recorded_birth(profile.person, data)
    data = {**data, "national_id": profile.person.national_id}
    save_graduate(data, profile.person)
    record_event(actor, "update_profile", "person", profile.person_id)
    refresh_for_profile(profile)
    return profile


def profile_values(profile: GraduateProfile) -> dict[str, Any]:
    """The profile as the edit form shows it."""
    person = profile.person
    return {
        "first_name": person.first_name, "last_name": person.last_name,
        "gender": person.gender.value if person.gender else "",
        "birth_year": person.birth_year or "", "mobile": person.mobile or "",
        "city": person.city or "",
        "university": profile.university.name if profile.university else "",
        "degree": str(profile.degree), "field_of_study": profile.field_of_study,
        "graduation_year": profile.graduation_year or "",
        "skills": "، ".join(profile.skills or []), "desired_job": profile.desired_job or "",
        "head_of_household": profile.head_of_household, "consent": profile.consent,
    }
