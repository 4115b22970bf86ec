"""The admin's registry of the county's organisations: executive agencies (credited with jobs),
placement offices (with the agency their hires count for), industrial estates and universities.
Without it a new databank could hold no agency officer or office, since each belongs to one;
universities come in mostly as graduates type them, unlisted, and are confirmed here (saving
one puts it on the county's list the forms offer) or merged (university_merge).

Names are unique by their key (spelling, spacing and Arabic letters do not make two); the
database's unique index is the rule and the look-up before it only words the refusal. Nothing
is deleted here: records, hires and units point at these rows."""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import uuid4

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
    University,
)
from databank.organisations.services import chosen
from databank.organisations.university_merge import MERGED, graduate_counts, kept_university


class Kind(StrEnum):
    """Each kind, by the entity name the audit log gives it."""

    AGENCY = "agency"
    OFFICE = "placement_office"
    ESTATE = "industrial_estate"
    UNIVERSITY = "university"

    @property
    def model(self) -> type[Any]:
        return {"agency": Agency, "placement_office": PlacementOffice,
                "industrial_estate": IndustrialEstate, "university": University}[self.value]

    @property
    def taken(self) -> str:
        return {"agency": "دستگاه اجرایی «{name}» در بانک هست.",
                "placement_office": "دفتر کاریابی «{name}» در بانک هست.",
                "industrial_estate": "شهرک یا ناحیهٔ صنعتی «{name}» در بانک هست.",
                "university": "دانشگاه «{name}» در بانک هست."}[self.value]


LEADS_ELSEWHERE = ("نام «{name}» از آن دانشگاهی است که در «{kept}» ادغام شده و به همان "
                   "می‌رسد؛ نام دیگری انتخاب کنید.")


def save(actor: User, kind: Kind, data: dict[str, Any], ident: int | None = None) -> Any:
    """Add an organisation of `kind` (no `ident`) or change one; `data` as its schema loads it."""
    model = kind.model
    if ident is None and kind is Kind.UNIVERSITY:
        ident = _unlisted_holder(data["name"])
    obj = model() if ident is None else db.session.get(model, ident, with_for_update=True)
    if obj is None:
        raise NotFound()
    confirmed = kind is Kind.UNIVERSITY and not obj.listed
    if getattr(obj, "merged_into_id", None) is not None:  # hidden from the list: a stale form
        raise NotFound(MERGED.format(name=obj.name, kept=kept_university(obj).name))
    before, name = obj.name, " ".join(data["name"].split())
    former = _former_name_of(kind, obj, name)
    db.session.add(obj)
    if former is not None:
        _take_back(obj, former, name)
    else:
        obj.name = name
    if kind is Kind.OFFICE:
        obj.agency = (chosen(Agency, data["agency_id"], "agency_id")
                      if data.get("agency_id") else None)
        obj.license_no = data.get("license_no")
    if kind in (Kind.OFFICE, Kind.ESTATE, Kind.UNIVERSITY):
        obj.city = data.get("city")
    if kind is Kind.UNIVERSITY and data.get("kind"):
        obj.kind = data["kind"]
    if kind is Kind.UNIVERSITY:  # saved by the admin: on the county's list
        obj.listed = True
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # the same name, added a moment ago by another admin
        raise Conflict(kind.taken.format(name=data["name"]), field="name") from None
    record_event(actor, "add_organisation" if ident is None else "edit_organisation",
                 kind.value, obj.id, name=obj.name,
                 **({"was": before} if before and before != obj.name else {}),
                 **({"verified": True} if confirmed and ident is not None else {}))
    return obj


def _unlisted_holder(name: str) -> int | None:
    """A university the admin adds by a name someone already typed (unlisted, not merged):
    adding it confirms that row rather than refusing the name as taken."""
    holder = db.session.scalar(select(University).where(University.name_key == twin_value(name)))
    if holder is None or holder.listed or holder.merged_into_id is not None:
        return None
    return holder.id


def _former_name_of(kind: Kind, obj: Any, name: str) -> Any | None:
    """Refuse a name another row holds, unless it is the name of a university merged into
    `obj`: that row is returned, and gives the name back."""
    model = kind.model
    holder = db.session.scalar(select(model).where(model.name_key == twin_value(name),
                                                   model.id != (obj.id or 0)))
    merged_into = getattr(holder, "merged_into_id", None)
    if holder is None or (merged_into is not None and merged_into == obj.id):
        return holder
    if merged_into is not None:
        raise Conflict(LEADS_ELSEWHERE.format(name=holder.name,
                                              kept=kept_university(holder).name), field="name")
    raise Conflict(kind.taken.format(name=holder.name), field="name")


def _take_back(university: Any, former: Any, name: str) -> None:
    """A university renamed to the name of one merged into it: the two swap names, so that
    its present name, now the merged row's, leads to it as well. Both names are unique, so the
    merged row first steps aside under a name nobody types."""
    present = university.name
    former.name = uuid4().hex
    db.session.flush()
    university.name = name
    db.session.flush()
    former.name = present


def listing(kind: Kind) -> list[dict[str, Any]]:
    """Every organisation of `kind` with what the admin decides by: its details and how many
    accounts (for an agency, offices too; for an estate, units; for a university, graduates)
    belong to it."""
    model = kind.model
    query = select(model).order_by(model.id)
    if kind is Kind.UNIVERSITY:  # a merged one is only a name leading to another
        query = query.where(University.merged_into_id.is_(None))
    rows = in_persian_order(db.session.scalars(query), lambda row: row.name)
    if kind is Kind.UNIVERSITY:
        graduates = graduate_counts()
        return [{"id": u.id, "name": u.name, "city": u.city or "", "kind": u.kind.value,
                 "graduates": graduates.get(u.id, 0), "listed": u.listed} for u in rows]
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
                 "offices": offices.get(a.id, 0), "retired": a.retired} for a in rows]
    return [{"id": o.id, "name": o.name, "agency_id": o.agency_id,
             "agency": o.agency.name if o.agency else "", "city": o.city or "",
             "license_no": o.license_no or "", "accounts": accounts.get(o.id, 0)} for o in rows]
