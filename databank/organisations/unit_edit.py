"""A placement office (or the admin) corrects a unit nobody holds: an imported unit's name
typed wrong, its estate, city, sector or contacts. A unit an employer holds is hers to keep up
(unit_services.update_unit); its workshop code has a route of its own (holders)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db, twin_value
from databank.errors import Conflict, InvalidInput, NotAllowed, NotFound
from databank.organisations.close_names import close_units
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import find_by_name
from databank.organisations.unit_merge import former_name_given_back
from databank.organisations.unit_services import UNKNOWN_ESTATE_OFFICE, known_estate

EDITED_FIELDS = ("sector", "city", "address", "phone")
HELD = ("واحد «{unit}» حساب کارفرما دارد و مشخصاتش را کارفرما خودش در صفحهٔ «مشخصات واحد» "
        "به‌روز می‌کند.")
TAKEN = ("نام «{name}» از آنِ واحد دیگری است؛ اگر این دو یک واحدند، مدیر سامانه آن‌ها را "
         "ادغام می‌کند.")
CLOSE = ("این نام به نام این واحدها نزدیک است: {names}. اگر یکی از آن‌هاست، مدیر سامانه دو "
         "واحد را ادغام می‌کند؛ اگر نام درست همین است، «نام درست است» را بزنید.")


def editable_unit(actor: User, unit_id: int, *, lock: bool = False) -> IndustrialUnit:
    if actor.role not in (Role.PLACEMENT_OFFICER, Role.ADMIN):
        raise NotAllowed()
    query = select(IndustrialUnit).where(IndustrialUnit.id == unit_id,
                                         IndustrialUnit.merged_into_id.is_(None))
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    unit = db.session.scalar(query)
    if unit is None:
        raise NotFound()
    if db.session.scalar(select(User.id).where(User.unit_id == unit.id).limit(1)):
        raise Conflict(HELD.format(unit=unit.name))
    return unit


def edit_unit(actor: User, unit_id: int, data: dict[str, Any]) -> IndustrialUnit:
    unit = editable_unit(actor, unit_id, lock=True)
    name = " ".join(data["name"].split())
    renamed = twin_value(name) != unit.name_key
    if renamed:
        clash = find_by_name(IndustrialUnit, name)
        if clash is not None and clash.id != unit.id:
            raise Conflict(TAKEN.format(name=name), field="name")
        close = [other for other in close_units(name) if other.id != unit.id]
        if close and not data.get("name_checked"):
            names = "، ".join(f"«{other.name}»" for other in close)
            raise InvalidInput({"name": [CLOSE.format(names=names)]})
    estate = known_estate(data.get("industrial_estate"), unknown=UNKNOWN_ESTATE_OFFICE)
    before = unit.name
    try:
        with db.session.begin_nested(), former_name_given_back(unit, name):
            unit.name = name
            for field in EDITED_FIELDS:
                if field in data:
                    setattr(unit, field, data[field])
            unit.estate = estate
            db.session.flush()
    except IntegrityError:
        raise Conflict(TAKEN.format(name=name), field="name") from None
    record_event(actor, "edit_unit", "unit", unit.id,
                 **({"name": name, "was": before} if before != name else {}))
    return unit
