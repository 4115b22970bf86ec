"""An employer registers and keeps its industrial unit."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from databank.accounts.access import role_required
from databank.accounts.models import Role
from databank.db import db
from databank.forms import status_for, submit
from databank.organisations import unit_services
from databank.organisations.models import IndustrialEstate, IndustrialUnit
from databank.organisations.schemas import UnitSchema
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
    estates = db.session.scalars(select(IndustrialEstate.name).order_by(IndustrialEstate.name))
    return render_template("organisations/unit.html", values=values, errors=errors,
                           registered=own is not None, estates=list(estates),
                           sector_options=[(s.value, s.label) for s in Sector]), \
        status_for(errors)
