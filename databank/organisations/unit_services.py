"""An employer registers and keeps its industrial unit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db
from databank.errors import Conflict, NotAllowed
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import find_by_name, get_or_create_estate, workshop_holder

UNIT_FIELDS = ("sector", "city", "address", "phone", "workshop_code")
NAME_OWNED = ("واحدی با این نام پیش‌تر ثبت شده و کاربر دیگری دارد؛ اگر این واحد شماست با دفتر "
              "کاریابی تماس بگیرید.")
NAME_TAKEN = "واحد دیگری با این نام ثبت شده است."
WORKSHOP_TAKEN = ("این کد کارگاه بیمه برای واحد دیگری ثبت شده است؛ اگر این کد از آنِ واحد "
                  "شماست با دفتر کاریابی تماس بگیرید.")


def register_unit(actor: User, data: dict[str, Any]) -> IndustrialUnit:
    """Create the employer's unit, or claim one an office imported that nobody holds yet."""
    if actor.role is not Role.EMPLOYER:
        raise NotAllowed()
    if actor.unit_id is not None:
        return update_unit(actor, data)
    unit = find_by_name(IndustrialUnit, data["name"])
    if unit is not None and db.session.scalar(select(User.id).where(User.unit_id == unit.id)):
        raise Conflict(NAME_OWNED, field="name")
    if unit is None:
        unit = IndustrialUnit(name=" ".join(data["name"].split()))
    _save(unit, data)
    actor.unit_id = unit.id
    record_event(actor, "register_unit", "unit", unit.id)
    return unit


def update_unit(actor: User, data: dict[str, Any]) -> IndustrialUnit:
    if actor.role is not Role.EMPLOYER or actor.unit_id is None:
        raise NotAllowed()
    unit = db.session.get(IndustrialUnit, actor.unit_id)
    clash = find_by_name(IndustrialUnit, data["name"])
    if clash is not None and clash.id != unit.id:
        raise Conflict(NAME_TAKEN, field="name")
    _save(unit, data, name=" ".join(data["name"].split()))
    record_event(actor, "update_unit", "unit", unit.id)
    return unit


def _save(unit: IndustrialUnit, data: dict[str, Any], name: str | None = None) -> None:
    """Check, then write: nothing is set on the unit before every look-up has run, because a
    look-up flushes what is pending and a duplicate workshop code would reach the database
    first. The unique constraints still stand behind the checks, for a unit another request
    saved a moment ago; that clash is answered as the checks would have answered it."""
    unit_id, code = unit.id, data.get("workshop_code")
    if code and workshop_holder(code, unit_id) is not None:
        raise Conflict(WORKSHOP_TAKEN, field="workshop_code")
    estate = data.get("industrial_estate")
    estate = get_or_create_estate(estate, data.get("city")) if estate else None
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
