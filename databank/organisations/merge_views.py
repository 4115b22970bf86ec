"""The admin's page for merging a unit into another (see unit_merge)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from databank.accounts.access import role_required
from databank.accounts.models import Role
from databank.forms import FormErrors, status_for, submit
from databank.jalali import persian_digits
from databank.organisations import holders, unit_merge
from databank.organisations.close_names import close_groups, close_units
from databank.organisations.models import IndustrialUnit
from databank.organisations.schemas import MergeSchema

bp = Blueprint("unit_merge", __name__)
SEARCHED = 20
GROUPS_SHOWN = 50


@bp.get("/units/close")
@role_required(Role.ADMIN)
def close() -> str:
    """Groups of units whose names come close, each unit with what it holds and its merge."""
    groups = close_groups()
    return render_template("organisations/close_units.html", total=len(groups),
                           groups=[[_row(unit) for unit in group]
                                   for group in groups[:GROUPS_SHOWN]])


@bp.route("/units/<int:unit_id>/merge", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def merge(unit_id: int) -> str | Response | tuple[str, int]:
    unit = unit_merge.mergeable_unit(unit_id)
    errors = FormErrors()
    if request.method == "POST":
        actor = current_user._get_current_object()
        merged, errors = submit(MergeSchema(), lambda data: unit_merge.merge_units(
            actor, unit_id, data.get("kept"), keep_merged_name=data["name"] == "merged"))
        if merged is not None:
            flash(_merged_message(merged), "success")
            return redirect(url_for("organisations.units", q=merged.kept.name))
        unit = unit_merge.mergeable_unit(unit_id)  # the rollback expired it
    return render_template("organisations/merge.html", **_page(unit, errors)), \
        status_for(errors)


def _page(unit: IndustrialUnit, errors: FormErrors) -> dict[str, Any]:
    """The unit, and the units it may be merged into: those with close names first, then
    what the admin searched for by name or workshop code."""
    search = request.args.get("q", "").strip()
    choices = [other for other in close_units(unit.name) if other.id != unit.id]
    if search:
        found = holders.units_in_order(search)[:SEARCHED + 1]
        choices += [other for other in found if other.id != unit.id and other not in choices]
    return {"unit": _row(unit), "choices": [_row(other) for other in choices[:SEARCHED + 3]],
            "search": search, "errors": errors, "kept": request.form.get("kept", ""),
            "name_choice": request.form.get("name", "kept")}


def _row(unit: IndustrialUnit) -> dict[str, Any]:
    held = unit_merge.belongings(unit)
    return {"id": unit.id, "name": unit.name, "estate": unit.estate.name if unit.estate else "",
            "city": unit.city or "", "workshop_code": unit.workshop_code or "",
            "vacancies": held.vacancies, "placements": held.placements, "records": held.records,
            "holder": held.holder.display_name if held.holder else ""}


def _merged_message(merged: unit_merge.Merged) -> str:
    moved = merged.moved
    parts = [f"{persian_digits(str(count))} {label}" for count, label in (
        (moved.vacancies, "فرصت شغلی"), (moved.placements, "استخدام"),
        (moved.records, "سابقهٔ اشتغال")) if count]
    if moved.holder is not None:
        parts.append(f"حساب کارفرما «{moved.holder.display_name}»")
    carried = f"؛ {'، '.join(parts)} به آن منتقل شد" if parts else ""
    return (f"دو واحد یکی شدند: «{merged.kept.name}» ماند{carried}. از این پس نام "
            f"«{merged.other_name}» هم به همین واحد می‌رسد.")
