"""The admin's pages for the county's agencies, placement offices and industrial estates."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from databank.accounts.access import role_required
from databank.accounts.models import Role
from databank.forms import FormErrors, status_for, submit
from databank.organisations import registry
from databank.organisations.models import Agency
from databank.organisations.registry import Kind
from databank.organisations.schemas import AgencySchema, EstateSchema, OfficeSchema
from databank.organisations.services import name_options
from databank.schemas import FormSchema

bp = Blueprint("registry", __name__, url_prefix="/admin/organisations")
KINDS = {"agencies": Kind.AGENCY, "offices": Kind.OFFICE, "estates": Kind.ESTATE}
SCHEMAS: dict[Kind, type[FormSchema]] = {Kind.AGENCY: AgencySchema, Kind.OFFICE: OfficeSchema,
                                         Kind.ESTATE: EstateSchema}
TITLES = {Kind.AGENCY: "دستگاه‌های اجرایی", Kind.OFFICE: "دفاتر کاریابی",
          Kind.ESTATE: "شهرک‌ها و نواحی صنعتی"}
SAVED = {Kind.AGENCY: "دستگاه اجرایی «{name}» ذخیره شد.",
         Kind.OFFICE: "دفتر کاریابی «{name}» ذخیره شد.",
         Kind.ESTATE: "شهرک یا ناحیهٔ صنعتی «{name}» ذخیره شد."}
SLUGS = "any(agencies, offices, estates)"


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
    agencies = name_options(Agency) if kind is Kind.OFFICE else []
    return render_template("organisations/registry.html", kind=kind.value, slug=slug,
                           title=TITLES[kind], rows=registry.listing(kind), errors=errors or {},
                           error_row=error_row, values=values or {}, agencies=agencies,
                           tabs=[(s, TITLES[k]) for s, k in KINDS.items()])
