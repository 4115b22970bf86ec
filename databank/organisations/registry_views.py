"""The admin's pages for the county's agencies, placement offices, industrial estates and
universities, and for merging a university into another."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from databank.accounts.access import role_required
from databank.accounts.models import Role
from databank.forms import FormErrors, status_for, submit
from databank.jalali import persian_digits
from databank.organisations import agency_retirement, registry, university_merge
from databank.organisations.models import University, UniversityKind
from databank.organisations.registry import Kind
from databank.organisations.schemas import (
    AgencySchema,
    EstateSchema,
    OfficeSchema,
    UniversityMergeSchema,
    UniversitySchema,
)
from databank.organisations.services import agency_choices
from databank.schemas import FormSchema

bp = Blueprint("registry", __name__, url_prefix="/admin/organisations")
KINDS = {"agencies": Kind.AGENCY, "offices": Kind.OFFICE, "estates": Kind.ESTATE,
         "universities": Kind.UNIVERSITY}
SCHEMAS: dict[Kind, type[FormSchema]] = {Kind.AGENCY: AgencySchema, Kind.OFFICE: OfficeSchema,
                                         Kind.ESTATE: EstateSchema,
                                         Kind.UNIVERSITY: UniversitySchema}
TITLES = {Kind.AGENCY: "دستگاه‌های اجرایی", Kind.OFFICE: "دفاتر کاریابی",
          Kind.ESTATE: "شهرک‌ها و نواحی صنعتی", Kind.UNIVERSITY: "دانشگاه‌ها"}
SAVED = {Kind.AGENCY: "دستگاه اجرایی «{name}» ذخیره شد.",
         Kind.OFFICE: "دفتر کاریابی «{name}» ذخیره شد.",
         Kind.ESTATE: "شهرک یا ناحیهٔ صنعتی «{name}» ذخیره شد.",
         Kind.UNIVERSITY: "دانشگاه «{name}» ذخیره شد."}
SLUGS = "any(agencies, offices, estates, universities)"
UNIVERSITY_KINDS = [(kind.value, kind.label) for kind in UniversityKind]


@bp.get(f"/<{SLUGS}:slug>")
@role_required(Role.ADMIN)
def index(slug: str) -> str:
    return _page(slug)


@bp.post(f"/<{SLUGS}:slug>")
@role_required(Role.ADMIN)
def add(slug: str) -> Response | tuple[str, int]:
    return _save(slug, None)


@bp.post(f"/<{SLUGS}:slug>/<int:ident>")
@role_required(Role.ADMIN)
def edit(slug: str, ident: int) -> Response | tuple[str, int]:
    return _save(slug, ident)


def _save(slug: str, ident: int | None) -> Response | tuple[str, int]:
    kind = KINDS[slug]
    saved, errors = submit(SCHEMAS[kind](), lambda data: registry.save(
        current_user._get_current_object(), kind, data, ident))
    if saved is not None:
        flash(SAVED[kind].format(name=saved.name), "success")
        return redirect(url_for("registry.index", slug=slug))
    return _page(slug, errors, ident, request.form.to_dict()), status_for(errors)


def _page(slug: str, errors: FormErrors | None = None, error_row: int | None = None,
          values: dict[str, Any] | None = None) -> str:
    """The list and the add form; a refused change is shown in its own row (`error_row`), a
    refused addition in the add form, each with what was typed."""
    kind = KINDS[slug]
    agencies = agency_choices() if kind is Kind.OFFICE else []
    return render_template("organisations/registry.html", kind=kind.value, slug=slug,
                           title=TITLES[kind], rows=registry.listing(kind), errors=errors or {},
                           error_row=error_row, values=values or {}, agencies=agencies,
                           university_kinds=UNIVERSITY_KINDS,
                           tabs=[(s, TITLES[k]) for s, k in KINDS.items()])


@bp.post("/agencies/<int:ident>/<any(retire, restore):action>")
@role_required(Role.ADMIN)
def retire_agency(ident: int, action: str) -> Response | tuple[str, int]:
    """Retire an agency the working group no longer counts, or bring it back
    (agency_retirement); a refusal says what to move first, in the agency's row."""
    retiring = action == "retire"
    agency, errors = submit(FormSchema(), lambda _data: agency_retirement.set_retired(
        current_user._get_current_object(), ident, retiring))
    if agency is None:
        return _page("agencies", errors, ident), status_for(errors)
    flash(f"«{agency.name}» کنار گذاشته شد؛ کارهای گذشته‌اش در آمار می‌ماند و اشتغال تازه‌ای به "
          "نام آن ثبت نمی‌شود." if retiring else f"«{agency.name}» بازگردانده شد.", "success")
    return redirect(url_for("registry.index", slug="agencies"))


@bp.route("/universities/<int:ident>/merge", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def merge_university(ident: int) -> str | Response | tuple[str, int]:
    """The universities this one may be merged into, those with close names first; the
    merge itself (see university_merge)."""
    university = university_merge.mergeable_university(ident)
    errors = FormErrors()
    if request.method == "POST":
        actor = current_user._get_current_object()
        merged, errors = submit(UniversityMergeSchema(), lambda data: (
            university_merge.merge_universities(actor, ident, data.get("kept"))))
        if merged is not None:
            flash(_merged_message(merged), "success")
            return redirect(url_for("registry.index", slug="universities"))
        university = university_merge.mergeable_university(ident)  # the rollback expired it
    counts = university_merge.graduate_counts()
    return render_template(
        "organisations/university_merge.html", university=_merge_row(university, counts),
        choices=[{**_merge_row(other, counts), "close": close}
                 for other, close in university_merge.candidates(university)],
        errors=errors, kept=request.form.get("kept", "")), status_for(errors)


def _merge_row(university: University, counts: dict[int, int]) -> dict[str, Any]:
    return {"id": university.id, "name": university.name, "city": university.city or "",
            "kind": university.kind.label, "graduates": counts.get(university.id, 0)}


def _merged_message(merged: university_merge.Merged) -> str:
    moved = (f"؛ {persian_digits(str(merged.graduates))} دانش‌آموخته به آن منتقل شد"
             if merged.graduates else "")
    return (f"دو دانشگاه یکی شدند: «{merged.kept.name}» ماند{moved}. از این پس نام "
            f"«{merged.merged_name}» هم به همین دانشگاه می‌رسد.")
