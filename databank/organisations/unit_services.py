"""An employer registers and keeps its industrial unit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from databank.accounts.claims import ClaimedRecord, refuse_while_paused, refused_claim
from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db, twin_value
from databank.errors import Conflict, InvalidInput, NotAllowed
from databank.organisations.close_names import close_units
from databank.organisations.models import IndustrialEstate, IndustrialUnit
from databank.organisations.services import find_by_name, workshop_holder
from databank.organisations.unit_merge import former_name_given_back
from databank.validation import workshop_key

UNIT_FIELDS = ("sector", "city", "address", "phone", "workshop_code")
NAME_OWNED = ("واحدی با این نام پیش‌تر ثبت شده و کاربر دیگری دارد؛ اگر این واحد شماست با دفتر "
              "کاریابی تماس بگیرید.")
NAME_TAKEN = "واحد دیگری با این نام ثبت شده است."
CLAIM_UNPROVEN = ("واحدی با این نام پیش‌تر در بانک اطلاعات ثبت شده است. اگر این واحد شماست، کد "
                  "کارگاه بیمهٔ ثبت‌شدهٔ آن را وارد کنید؛ اگر کد را ندارید یا پذیرفته نمی‌شود، "
                  "از دفتر کاریابی بخواهید حساب شما را به این واحد پیوند دهد.")
LINKED_MEANWHILE = ("دفتر کاریابی هم‌اکنون حساب شما را به واحد «{unit}» پیوند داد؛ صفحه را "
                    "دوباره باز کنید.")
UNKNOWN_ESTATE = ("«{name}» در فهرست شهرک‌ها و نواحی صنعتی شهرستان نیست؛ یکی از فهرست را "
                  "انتخاب کنید، یا اگر شهرک شما در فهرست نیست این بخش را خالی بگذارید و از دفتر "
                  "کاریابی بخواهید آن را به مدیر سامانه اعلام کند.")
CODE_KEPT = ("کد کارگاه بیمهٔ ثبت‌شدهٔ واحد را تنها دفتر کاریابی، پس از دیدن مدارک، تغییر "
             "می‌دهد؛ این کد راستی‌آزمایی اشتغال و ادعای واحد را بر عهده دارد.")
CLOSE_NAMES = ("واحدی با این نام در بانک نیست، ولی این واحدها نامی نزدیک دارند: {names}. اگر "
               "واحد شما یکی از آن‌هاست، نامش را همان‌طور بنویسید و کد کارگاه بیمهٔ آن را وارد "
               "کنید؛ اگر واحد دیگری است، «نام درست است» را بزنید.")
RENAMED_CLOSE = ("نام تازه به نام این واحدها نزدیک است: {names}. اگر واحد شما همان است، از "
                 "دفتر کاریابی بخواهید دو واحد را ادغام کنند؛ اگر واحد دیگری است و نام تازه "
                 "درست است، «نام درست است» را بزنید.")
UNKNOWN_ESTATE_OFFICE = ("«{name}» در فهرست شهرک‌ها و نواحی صنعتی شهرستان نیست؛ یکی از فهرست "
                         "را انتخاب کنید، یا اگر شهرک در فهرست نیست، مدیر سامانه آن را در "
                         "«دستگاه‌ها، دفاتر و شهرک‌ها» می‌افزاید.")
WORKSHOP_TAKEN = ("این کد کارگاه بیمه برای واحد دیگری ثبت شده است؛ اگر این کد از آنِ واحد "
                  "شماست با دفتر کاریابی تماس بگیرید.")


def register_unit(actor: User, data: dict[str, Any]) -> IndustrialUnit:
    """Create the employer's unit, or claim one an office imported that nobody holds yet.
    Anyone may open an employer account, and holding a unit shows the contacts of the
    graduates introduced to its vacancies and lets one record hires: an existing unit is
    claimed only with the insurance workshop code stored for it."""
    if actor.role is not Role.EMPLOYER:
        raise NotAllowed()
    if actor.unit_id is not None:
        return update_unit(actor, data)
    unit = find_by_name(IndustrialUnit, data["name"])
    claim = unit is not None
    if unit is None:
        _ask_about_close_names(data)
        unit = IndustrialUnit(name=" ".join(data["name"].split()))
    else:
        _check_claim(actor, unit, data)
    _save(actor, unit, data, keep_estate=claim)
    _hold(actor, unit)
    record_event(actor, "register_unit", "unit", unit.id)
    return unit


def _ask_about_close_names(data: dict[str, Any]) -> None:
    """A new unit whose name comes close to one the bank holds is asked about, as the office's
    forms and imports do: the employer may be typing her own unit's name another way (then she
    claims it with its workshop code), or a different unit's."""
    if data.get("name_checked"):
        return
    close = close_units(data["name"])
    if close:
        names = "، ".join(f"«{unit.name}»" for unit in close)
        raise InvalidInput({"name": [CLOSE_NAMES.format(names=names)]})


def _hold(actor: User, unit: IndustrialUnit) -> None:
    """The unique users.unit_id stands behind _check_claim: an office that linked someone
    else to the unit a moment ago is answered as the check would have answered. Her own row
    is read again, locked (after the unit's, in the order the office's link takes them): an
    office may have linked her to another unit since the request began."""
    db.session.refresh(actor, with_for_update=True)
    if actor.unit_id is not None and actor.unit_id != unit.id:
        linked = db.session.get(IndustrialUnit, actor.unit_id)
        raise Conflict(LINKED_MEANWHILE.format(unit=linked.name))
    try:
        with db.session.begin_nested():
            actor.unit_id = unit.id
            db.session.flush()
    except IntegrityError:
        if not db.session.scalar(select(User.id).where(User.unit_id == unit.id)):
            raise
        raise Conflict(NAME_OWNED, field="name") from None


def _check_claim(actor: User, unit: IndustrialUnit, data: dict[str, Any]) -> None:
    """The row is held until the commit (PostgreSQL), so two claimants cannot both find the
    unit free. Codes are stored in Latin digits and the schema folds what was typed."""
    db.session.execute(select(IndustrialUnit.id).where(IndustrialUnit.id == unit.id)
                       .with_for_update())
    if db.session.scalar(select(User.id).where(User.unit_id == unit.id).limit(1)):
        raise Conflict(NAME_OWNED, field="name")
    code = data.get("workshop_code")
    if not unit.workshop_code or not code:
        raise Conflict(CLAIM_UNPROVEN, field="workshop_code")
    refuse_while_paused(ClaimedRecord.UNIT, unit.id)
    if workshop_key(unit.workshop_code) != workshop_key(code):
        raise refused_claim(CLAIM_UNPROVEN, "workshop_code", actor, ClaimedRecord.UNIT, unit.id)


def update_unit(actor: User, data: dict[str, Any]) -> IndustrialUnit:
    if actor.role is not Role.EMPLOYER or actor.unit_id is None:
        raise NotAllowed()
    unit = db.session.get(IndustrialUnit, actor.unit_id)
    clash = find_by_name(IndustrialUnit, data["name"])
    if clash is not None and clash.id != unit.id:
        raise Conflict(NAME_TAKEN, field="name")
    if twin_value(data["name"]) != unit.name_key and not data.get("name_checked"):
        close = [other for other in close_units(data["name"]) if other.id != unit.id]
        if close:
            names = "، ".join(f"«{other.name}»" for other in close)
            raise InvalidInput({"name": [RENAMED_CLOSE.format(names=names)]})
    code = data.get("workshop_code")
    if unit.workshop_code and code and workshop_key(code) != workshop_key(unit.workshop_code):
        raise Conflict(CODE_KEPT, field="workshop_code")
    with former_name_given_back(unit, data["name"]):
        _save(actor, unit, data, name=" ".join(data["name"].split()))
    record_event(actor, "update_unit", "unit", unit.id)
    return unit


def _save(actor: User, unit: IndustrialUnit, data: dict[str, Any], name: str | None = None, *,
          keep_estate: bool = False) -> None:
    """Check, then write: nothing is set on the unit before every look-up has run, because a
    look-up flushes what is pending and a duplicate workshop code would reach the database
    first. The unique constraints still stand behind the checks, for a unit another request
    saved a moment ago; that clash is answered as the checks would have answered it. A field
    left blank keeps what the unit holds (the schema drops blanks); a blank estate takes the
    unit out of its estate (the form says so), except on a claim (`keep_estate`), whose form
    starts empty."""
    unit_id, code = unit.id, data.get("workshop_code")
    if code and (holder := workshop_holder(code, unit_id)) is not None:
        # the answer tells that the code is a unit's, and a unit's code is what claims it:
        # counted against that unit like a wrong claim, and slowed per address (rate_limits)
        refuse_while_paused(ClaimedRecord.UNIT, holder.id)
        raise refused_claim(WORKSHOP_TAKEN, "workshop_code", actor, ClaimedRecord.UNIT,
                            holder.id)
    estate = known_estate(data.get("industrial_estate"))
    if estate is None and keep_estate:
        estate = unit.estate
    try:
        with db.session.begin_nested():
            if name is not None:
                unit.name = name
            for field in UNIT_FIELDS:
                if field in data:
                    setattr(unit, field, data[field])
            unit.estate = estate
            db.session.add(unit)
            db.session.flush()
    except IntegrityError:
        clash = _clash(unit_id, data)
        if clash is None:
            raise
        raise clash from None


def known_estate(name: str | None, *, unknown: str = UNKNOWN_ESTATE
                 ) -> IndustrialEstate | None:
    """The estate a form names, from the county's list the admin keeps: a name typed on a
    form does not add an estate to every office's filters and every employer's list.
    `unknown`: the refusal, worded for whoever fills the form."""
    if not name:
        return None
    estate = find_by_name(IndustrialEstate, name)
    if estate is None:
        raise InvalidInput({"industrial_estate": [unknown.format(name=name)]})
    return estate


def _clash(unit_id: int | None, data: dict[str, Any]) -> Conflict | None:
    """What a unique constraint refused, in the words of the check that came too early."""
    code = data.get("workshop_code")
    if code and workshop_holder(code, unit_id) is not None:
        return Conflict(WORKSHOP_TAKEN, field="workshop_code")
    holder = find_by_name(IndustrialUnit, data["name"])
    if holder is not None and holder.id != unit_id:
        return Conflict(NAME_TAKEN if unit_id else NAME_OWNED, field="name")
    return None


def unit_values(unit: IndustrialUnit) -> dict[str, Any]:
    return {"name": unit.name, "industrial_estate": unit.estate.name if unit.estate else "",
            "sector": unit.sector.value, "city": unit.city or "", "address": unit.address or "",
            "phone": unit.phone or "", "workshop_code": unit.workshop_code or ""}
