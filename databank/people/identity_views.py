"""The admin's page for correcting a person's recorded identity (people.identity): the
national ID is posted, never put in a URL, as on the office's mobile page."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from databank.accounts.access import role_required
from databank.accounts.models import Role
from databank.forms import FormErrors, status_for, submit
from databank.people import identity
from databank.people.models import Person
from databank.people.schemas import IdentityCorrectionSchema, PersonLookupSchema
from databank.people.services import has_job_records
from databank.vocabulary import Gender

bp = Blueprint("identity", __name__, url_prefix="/admin/people")


@bp.route("/identity", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def look_up() -> tuple[str, int]:
    person, errors = None, FormErrors()
    if request.method == "POST":
        person, errors = _found()
    return _page(request.form.to_dict(), errors, person)


@bp.post("/identity/correct")
@role_required(Role.ADMIN)
def correct() -> Response | tuple[str, int]:
    actor = current_user._get_current_object()
    outcome, errors = submit(IdentityCorrectionSchema(),
                             lambda data: identity.correct_identity(actor, data))
    if outcome is not None:
        person, changed = outcome
        flash(f"مشخصات «{person.full_name}» اصلاح شد و در گزارش رویدادها ماند." if changed
              else "مشخصات واردشده همان است که در بانک ثبت شده؛ چیزی تغییر نکرد.",
              "success" if changed else "info")
        return redirect(url_for("identity.look_up"))
    person = None
    if "national_id" not in errors:
        person, _ = _found()
    return _page(request.form.to_dict(), errors, person, keep_typed=True)


def _found() -> tuple[Person | None, FormErrors]:
    actor = current_user._get_current_object()
    return submit(PersonLookupSchema(),
                  lambda data: identity.look_up(actor, data["national_id"]))


def _page(values: dict[str, Any], errors: FormErrors, person: Person | None, *,
          keep_typed: bool = False) -> tuple[str, int]:
    if person is not None and not keep_typed:
        values = {"national_id": person.national_id, "first_name": person.first_name,
                  "last_name": person.last_name,
                  "gender": person.gender.value if person.gender else "",
                  "birth_year": person.birth_year or ""}
    return render_template(
        "people/identity.html", values=values, errors=errors, person=person,
        has_jobs=person is not None and has_job_records(person),
        gender_options=[(g.value, g.label) for g in Gender]), status_for(errors)
