"""An employer registers and keeps its industrial unit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db
from databank.errors import Conflict, NotAllowed
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import find_by_name, get_or_create_estate

UNIT_FIELDS = ("sector", "city", "address", "phone", "workshop_code")


def register_unit(actor: User, data: dict[str, Any]) -> IndustrialUnit:
    """Create the employer's unit, or claim one an office imported that nobody holds yet."""
    if actor.role is not Role.EMPLOYER:
        raise NotAllowed()
    if actor.unit_id is not None:
        return update_unit(actor, data)
    unit = find_by_name(IndustrialUnit, data["name"])
    if unit is not None and db.session.scalar(select(User.id).where(User.unit_id == unit.id)):
        raise Conflict("واحدی با این نام پیش‌تر ثبت شده و کاربر دیگری دارد؛ اگر این واحد "
                       "شماست با دفتر کاریابی تماس بگیرید.", field="name")
    if unit is None:
        unit = IndustrialUnit(name=" ".join(data["name"].split()))
        db.session.add(unit)
    _apply(unit, data)
    db.session.flush()
    actor.unit_id = unit.id
    record_event(actor, "register_unit", "unit", unit.id)
    return unit


def update_unit(actor: User, data: dict[str, Any]) -> IndustrialUnit:
    if actor.role is not Role.EMPLOYER or actor.unit_id is None:
        raise NotAllowed()
    unit = db.session.get(IndustrialUnit, actor.unit_id)
    clash = find_by_name(IndustrialUnit, data["name"])
    if clash is not None and clash.id != unit.id:
        raise Conflict("واحد دیگری با این نام ثبت شده است.", field="name")
    unit.name = " ".join(data["name"].split())
    _apply(unit, data)
    db.session.flush()
    record_event(actor, "update_unit", "unit", unit.id)
    return unit


def _apply(unit: IndustrialUnit, data: dict[str, Any]) -> None:
    for name in UNIT_FIELDS:
        if name in data:
            setattr(unit, name, data[name])
    estate = data.get("industrial_estate")
    unit.estate = get_or_create_estate(estate, data.get("city")) if estate else None
    if data.get("workshop_code"):
        clash = db.session.scalar(select(IndustrialUnit.id).where(
            IndustrialUnit.workshop_code == data["workshop_code"],
            IndustrialUnit.id != (unit.id or 0)))
        if clash:
            raise Conflict("این کد کارگاه بیمه برای واحد دیگری ثبت شده است.",
                           field="workshop_code")


def unit_values(unit: IndustrialUnit) -> dict[str, Any]:
    return {"name": unit.name, "industrial_estate": unit.estate.name if unit.estate else "",
            "sector": unit.sector.value, "city": unit.city or "", "address": unit.address or "",
            "phone": unit.phone or "", "workshop_code": unit.workshop_code or ""}
