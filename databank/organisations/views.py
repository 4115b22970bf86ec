"""An employer registers and keeps its industrial unit; a placement office links employer
accounts to units."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from databank.accounts.access import role_required
from databank.accounts.models import Role, User
from databank.collation import SortedPage
from databank.db import db, requested_page
from databank.errors import Conflict
from databank.forms import FormErrors, status_for, submit
from databank.jalali import persian_digits
from databank.organisations import holders, unit_edit, unit_services
from databank.organisations.models import IndustrialEstate, IndustrialUnit
from databank.organisations.schemas import (
    HolderSchema,
    UnitEditSchema,
    UnitSchema,
    WorkshopCodeSchema,
)
from databank.organisations.services import name_options
from databank.schemas import FormSchema
from databank.vocabulary import Sector

bp = Blueprint("organisations", __name__)


@bp.route("/unit", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def unit() -> str | Response | tuple[str, int]:
    actor = current_user._get_current_object()
    own = db.session.get(IndustrialUnit, actor.unit_id) if actor.unit_id else None
    values = unit_services.unit_values(own) if own else {"sector": Sector.INDUSTRY.value}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = request.form.to_dict()
        saved, errors = submit(UnitSchema(),
                               lambda data: unit_services.register_unit(actor, data))
        if saved is not None:
            flash("مشخصات واحد ذخیره شد.", "success")
            return redirect(url_for("vacancies.index"))
    estates = [name for _, name in name_options(IndustrialEstate)]
    return render_template("organisations/unit.html", values=values, errors=errors,
                           registered=own is not None, estates=list(estates),
                           stored_code=own.workshop_code if own else None,
                           sector_options=[(s.value, s.label) for s in Sector]), \
        status_for(errors)


@bp.get("/units")
@role_required(*holders.OFFICE_ROLES)
def units() -> str:
    return units_page()


@bp.route("/units/<int:unit_id>/edit", methods=["GET", "POST"])
@role_required(*holders.OFFICE_ROLES)
def edit_unit(unit_id: int) -> str | Response | tuple[str, int]:
    """An office corrects a unit nobody holds; a held unit is its employer's to keep up."""
    actor = current_user._get_current_object()
    try:
        found = unit_edit.editable_unit(actor, unit_id)
    except Conflict as held:
        flash(held.message, "warning")
        return redirect(url_for("organisations.units"))
    values, errors = unit_services.unit_values(found), FormErrors()
    if request.method == "POST":
        values = request.form.to_dict()
        saved, errors = submit(UnitEditSchema(),
                               lambda data: unit_edit.edit_unit(actor, unit_id, data))
        if saved is not None:
            flash(f"مشخصات واحد «{saved.name}» ذخیره شد.", "success")
            return redirect(url_for("organisations.units", q=saved.name))
    return render_template("organisations/unit_edit.html", values=values, errors=errors,
                           unit_id=unit_id, estates=[n for _, n in name_options(IndustrialEstate)],
                           sector_options=[(s.value, s.label) for s in Sector]), \
        status_for(errors)


@bp.post("/units/<int:unit_id>/holder")
@role_required(*holders.OFFICE_ROLES)
def link_holder(unit_id: int) -> Response | tuple[str, int]:
    actor = current_user._get_current_object()
    user, errors = submit(HolderSchema(), lambda data: holders.link_employer(
        actor, unit_id, data["username"]))
    if user is not None:
        flash(f"حساب «{user.display_name}» ({user.username}) به واحد «{user.unit.name}» پیوند "
              "داده شد.", "success")
        return redirect(url_for("organisations.units", **list_args()))
    return units_page(errors, unit_id, request.form.get("username", "")), status_for(errors)


@bp.post("/units/<int:unit_id>/release")
@role_required(*holders.OFFICE_ROLES)
def release_holder(unit_id: int) -> Response | tuple[str, int]:
    actor = current_user._get_current_object()
    released, errors = submit(FormSchema(), lambda _data: holders.release_unit(
        actor, unit_id))
    if released is not None:
        unit, holder = released
        flash(f"حساب «{holder.display_name}» ({holder.username}) از واحد «{unit.name}» جدا شد.",
              "success")
        return redirect(url_for("organisations.units", **list_args()))
    return units_page(errors, unit_id), status_for(errors)


@bp.post("/units/<int:unit_id>/workshop-code")
@role_required(*holders.OFFICE_ROLES)
def set_workshop_code(unit_id: int) -> Response | tuple[str, int]:
    actor = current_user._get_current_object()
    done, errors = submit(WorkshopCodeSchema(), lambda data: holders.set_workshop_code(
        actor, unit_id, data["workshop_code"]))
    if done is not None:
        unit, before = done
        code = persian_digits(unit.workshop_code or "")
        change = f"از {persian_digits(before)} به {code}" if before else code
        flash(f"کد کارگاه «{unit.name}» ثبت شد: {change}.", "success")
        return redirect(url_for("organisations.units", **list_args()))
    return units_page(errors, unit_id, code=request.form.get("workshop_code", "")), \
        status_for(errors)


def list_args() -> dict[str, str]:
    """The search and page the list was showing: a form posted from it comes back to them."""
    return {k: v for k, v in request.args.items() if k in ("q", "page") and v}


def units_page(errors: FormErrors | None = None, error_unit: int | None = None,
               username: str = "", code: str = "") -> str:
    """The list, with a refusal beside the username field of its unit's row, or above the
    list when that row is not shown or has no field (it was linked meanwhile)."""
    search = request.args.get("q", "").strip()
    page = SortedPage(holders.units_in_order(search), requested_page(request.args.get("page")),
                      per_page=30)
    held = holders.holders_of([unit.id for unit in page.items])
    rows = [unit_row(unit, held.get(unit.id)) for unit in page.items]
    return render_template("organisations/units.html", rows=rows, page=page, search=search,
                           args={k: v for k, v in list_args().items() if k != "page"},
                           list_args=list_args(), errors=errors or {}, error_unit=error_unit,
                           username=username, code=code,
                           error_shown=any(row["id"] == error_unit and not row["holder"]
                                           for row in rows),
                           code_shown=any(row["id"] == error_unit for row in rows))


def unit_row(unit: IndustrialUnit, holder: User | None) -> dict[str, Any]:
    return {"id": unit.id, "name": unit.name, "estate": unit.estate.name if unit.estate else "",
            "city": unit.city or "", "workshop_code": unit.workshop_code or "",
            "holder": {"name": holder.display_name, "username": holder.username}
            if holder else None}
