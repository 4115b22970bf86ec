"""A placement office links an employer account to its industrial unit, or unlinks the wrong one.

An employer claims an existing unit herself only with the workshop code stored for it
(unit_services.register_unit); without it the refusal sends her to an office, which knows her
and links her account here. Holding a unit shows the contacts of the graduates introduced to
its vacancies, so a unit has one holder at most: checked here on a locked row, and kept by the
unique `users.unit_id` for a request that slips past the check."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, false, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from databank.accounts.models import Role, User
from databank.accounts.schemas import clean_username
from databank.audit.services import record_event
from databank.collation import in_persian_order
from databank.db import db, twin_value
from databank.errors import Conflict, InvalidInput, NotAllowed, NotFound
from databank.jalali import persian_digits
from databank.organisations.models import IndustrialUnit
from databank.validation import workshop_key

OFFICE_ROLES = (Role.PLACEMENT_OFFICER, Role.ADMIN)
UNKNOWN_UNIT = "این واحد صنعتی در بانک ثبت نشده است."
NO_ACCOUNT = "حسابی با این نام کاربری در سامانه نیست."
NOT_EMPLOYER = ("حساب «{username}» حساب کارفرما (واحد صنعتی) نیست؛ تنها حساب کارفرما به واحد "
                "پیوند داده می‌شود.")
INACTIVE = "حساب «{username}» غیرفعال است؛ نخست مدیر سامانه باید آن را فعال کند."
HOLDS_ANOTHER = ("حساب «{username}» پیش‌تر به واحد «{unit}» پیوند داده شده است؛ هر حساب تنها "
                 "یک واحد دارد.")
UNIT_HELD = ("واحد «{unit}» پیش‌تر به حساب «{name}» (نام کاربری {username}) پیوند داده شده است؛ "
             "اگر این پیوند نادرست است، نخست آن حساب را از واحد جدا کنید.")
CODE_HELD = ("این کد کارگاه برای واحد «{unit}» ثبت شده است؛ اگر دو واحد یک کارفرما هستند، "
             "مدیر سامانه آن‌ها را ادغام می‌کند.")
NOT_HELD = "واحد «{unit}» به هیچ حسابی پیوند داده نشده است."


def units_query(search: str | None) -> Select[tuple[IndustrialUnit]]:
    """Units by name, matched on the stored key: any spelling of a word finds it; or by
    workshop code, the way the office reads it off a paper (see code_search). A search of
    punctuation alone («%») is in no name or code: it finds nothing, rather than listing every
    unit as if nothing had been asked."""
    query = (select(IndustrialUnit).options(selectinload(IndustrialUnit.estate))
             .where(IndustrialUnit.merged_into_id.is_(None)))
    found: list[ColumnElement[bool]] = []
    if key := twin_value(search):
        found.append(IndustrialUnit.name_key.contains(key, autoescape=True))
    found += [IndustrialUnit.workshop_code.contains(spelling, autoescape=True)
              for spelling in code_search(search)]
    if found:
        query = query.where(or_(*found))
    elif search and search.strip():
        query = query.where(false())
    return query.order_by(IndustrialUnit.id)  # in Persian order: see units_in_order


def units_in_order(search: str | None) -> list[IndustrialUnit]:
    """What units_query finds, in Persian alphabetical order (see databank.collation)."""
    return in_persian_order(db.session.scalars(units_query(search)), lambda unit: unit.name)


def code_search(search: str | None) -> list[str]:
    """What a search of digits looks for in the stored codes: digits of any script compared
    as workshop_key compares them (leading zeros a spreadsheet dropped do not count), in both
    scripts, as workshop_holder reads codes stored before they were kept in Latin digits."""
    code = workshop_key(search)
    if not (code.isascii() and code.isdigit()):
        return []
    return sorted({code, persian_digits(code)})


def holders_of(unit_ids: list[int]) -> dict[int, User]:
    return {user.unit_id: user for user in db.session.scalars(
        select(User).where(User.unit_id.in_(unit_ids)))}


def unit_holder(unit_id: int) -> User | None:
    return db.session.scalar(select(User).where(User.unit_id == unit_id))


def link_employer(actor: User, unit_id: int, username: str) -> User:
    """Link the employer account `username` to the unit; returns the account."""
    unit = _locked_unit(actor, unit_id)
    holder = unit_holder(unit.id)
    if holder is not None:
        raise _held(unit, holder)
    user = _free_employer(username)
    try:
        with db.session.begin_nested():
            user.unit_id = unit.id
            db.session.flush()
    except IntegrityError:  # linked or claimed by another request a moment ago
        holder = unit_holder(unit.id)
        if holder is None:
            raise
        raise _held(unit, holder) from None
    record_event(actor, "link_employer", "unit", unit.id, user_id=user.id,
                 username=user.username)
    return user


def release_unit(actor: User, unit_id: int) -> tuple[IndustrialUnit, User]:
    """Unlink the unit's holder (the wrong person claimed it); returns the unit and who held it.
    She keeps her account, and may be linked again or claim her own unit."""
    unit = _locked_unit(actor, unit_id)
    holder = unit_holder(unit.id)
    if holder is None:
        raise Conflict(NOT_HELD.format(unit=unit.name))
    holder.unit_id = None
    db.session.flush()
    record_event(actor, "release_unit", "unit", unit.id, user_id=holder.id,
                 username=holder.username)
    return unit, holder


def set_workshop_code(actor: User, unit_id: int, code: str) -> tuple[IndustrialUnit, str | None]:
    """The office sets or corrects a unit's insurance workshop code, which its employer cannot
    change once stored; returns the unit and the code it had. A code another unit holds is
    refused naming that unit: the office may know, and merges the two if they are one."""
    from databank.organisations.services import workshop_holder

    unit = _locked_unit(actor, unit_id)
    other = workshop_holder(code, unit.id)
    if other is not None:
        raise Conflict(CODE_HELD.format(unit=other.name), field="workshop_code")
    before = unit.workshop_code
    unit.workshop_code = code
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # set on another unit a moment ago
        other = workshop_holder(code, unit.id)
        if other is None:
            raise
        raise Conflict(CODE_HELD.format(unit=other.name), field="workshop_code") from None
    record_event(actor, "set_workshop_code", "unit", unit.id, workshop_code=code,
                 **({"previous_code": before} if before else {}))
    return unit, before


def _locked_unit(actor: User, unit_id: int) -> IndustrialUnit:
    """The unit, its row held until the commit (PostgreSQL; SQLite writes one at a time), so two
    offices, or an office and a claimant, cannot both find it free."""
    if actor.role not in OFFICE_ROLES:
        raise NotAllowed()
    unit = db.session.scalar(select(IndustrialUnit).where(IndustrialUnit.id == unit_id)
                             .with_for_update())
    if unit is None or unit.merged_into_id is not None:  # a merged unit holds nothing
        raise NotFound(UNKNOWN_UNIT)
    return unit


def _free_employer(username: str) -> User:
    """The account to link, its row held too: an account linked to two units at once by two
    offices would hold both."""
    user = db.session.scalar(select(User).where(User.username == clean_username(username))
                             .with_for_update())
    if user is None:
        raise InvalidInput({"username": [NO_ACCOUNT]})
    if user.role is not Role.EMPLOYER:
        raise Conflict(NOT_EMPLOYER.format(username=user.username), field="username")
    if not user.is_active:
        raise Conflict(INACTIVE.format(username=user.username), field="username")
    if user.unit_id is not None:
        held = db.session.get(IndustrialUnit, user.unit_id)
        raise Conflict(HOLDS_ANOTHER.format(username=user.username, unit=held.name),
                       field="username")
    return user


def _held(unit: IndustrialUnit, holder: User) -> Conflict:
    return Conflict(UNIT_HELD.format(unit=unit.name, name=holder.display_name,
                                     username=holder.username), field="username")
