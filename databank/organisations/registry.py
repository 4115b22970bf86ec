"""The admin's registry of the county's organisations: executive agencies (credited with jobs),
placement offices (with the agency their hires count for) and industrial estates. Without it a
new databank could hold no agency officer or office, since each belongs to one.

Names are unique by their key (spelling, spacing and Arabic letters do not make two); the
database's unique index is the rule and the look-up before it only words the refusal. Nothing
is deleted here: records, hires and units point at these rows."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from databank.accounts.models import User
from databank.audit.services import record_event
from databank.collation import in_persian_order
from databank.db import db, twin_value
from databank.errors import Conflict, NotFound
from databank.organisations.models import (
    Agency,
    IndustrialEstate,
    IndustrialUnit,
    PlacementOffice,
)
from databank.organisations.services import chosen


class Kind(StrEnum):
    """Each kind, by the entity name the audit log gives it."""

    AGENCY = "agency"
    OFFICE = "placement_office"
    ESTATE = "industrial_estate"

    @property
    def model(self) -> type[Any]:
        return {"agency": Agency, "placement_office": PlacementOffice,
                "industrial_estate": IndustrialEstate}[self.value]

    @property
    def taken(self) -> str:
        return {"agency": "دستگاه اجرایی «{name}» در بانک هست.",
                "placement_office": "دفتر کاریابی «{name}» در بانک هست.",
                "industrial_estate": "شهرک یا ناحیهٔ صنعتی «{name}» در بانک هست."}[self.value]


def save(actor: User, kind: Kind, data: dict[str, Any], ident: int | None = None) -> Any:
    """Add an organisation of `kind` (no `ident`) or change one; `data` as its schema loads it."""
    model = kind.model
    obj = model() if ident is None else db.session.get(model, ident, with_for_update=True)
    if obj is None:
        raise NotFound()
    before = obj.name
    holder = db.session.scalar(select(model).where(model.name_key == twin_value(data["name"]),
                                                   model.id != (obj.id or 0)))
    if holder is not None:
        raise Conflict(kind.taken.format(name=holder.name), field="name")
    db.session.add(obj)
    obj.name = " ".join(data["name"].split())
    if kind is Kind.OFFICE:
        obj.agency = (chosen(Agency, data["agency_id"], "agency_id")
                      if data.get("agency_id") else None)
        obj.license_no = data.get("license_no")
    if kind in (Kind.OFFICE, Kind.ESTATE):
        obj.city = data.get("city")
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # the same name, added a moment ago by another admin
        raise Conflict(kind.taken.format(name=data["name"]), field="name") from None
    record_event(actor, "add_organisation" if ident is None else "edit_organisation",
                 kind.value, obj.id, name=obj.name,
                 **({"was": before} if before and before != obj.name else {}))
    return obj


def listing(kind: Kind) -> list[dict[str, Any]]:
    """Every organisation of `kind` with what the admin decides by: its details and how many
    accounts (and, for an agency, offices) belong to it."""
    model = kind.model
    rows = in_persian_order(db.session.scalars(select(model).order_by(model.id)),
                            lambda row: row.name)
    if kind is Kind.ESTATE:
        units = dict(db.session.execute(select(IndustrialUnit.estate_id, func.count())
                                        .where(IndustrialUnit.merged_into_id.is_(None))
                                        .group_by(IndustrialUnit.estate_id)).all())
        return [{"id": e.id, "name": e.name, "city": e.city or "", "units": units.get(e.id, 0)}
                for e in rows]
    column = User.agency_id if kind is Kind.AGENCY else User.office_id
    accounts = dict(db.session.execute(select(column, func.count()).group_by(column)).all())
    if kind is Kind.AGENCY:
        offices = dict(db.session.execute(select(PlacementOffice.agency_id, func.count())
                                          .group_by(PlacementOffice.agency_id)).all())
        return [{"id": a.id, "name": a.name, "accounts": accounts.get(a.id, 0),
                 "offices": offices.get(a.id, 0)} for a in rows]
    return [{"id": o.id, "name": o.name, "agency_id": o.agency_id,
             "agency": o.agency.name if o.agency else "", "city": o.city or "",
             "license_no": o.license_no or "", "accounts": accounts.get(o.id, 0)} for o in rows]
