"""An employer posts, edits, pauses and closes its vacancies and sees proposed candidates."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from databank.accounts.access import role_required
from databank.accounts.models import Role
from databank.db import db
from databank.forms import status_for, submit
from databank.jalali import today
from databank.matches import interest, review
from databank.matches.schemas import MoveSchema
from databank.matches.services import proposals_for_vacancy
from databank.suggestions import lexicon_suggestions
from databank.vacancies import services
from databank.vacancies.figures import hires_by_vacancy
from databank.vacancies.models import Vacancy, VacancyStatus
from databank.vacancies.schemas import StatusSchema, VacancyEditSchema, VacancySchema
from databank.vocabulary import DEGREE_LABELS

bp = Blueprint("vacancies", __name__, url_prefix="/vacancies")
STATUS_ACTIONS = {VacancyStatus.OPEN: "بازگشایی", VacancyStatus.PAUSED: "توقف",
                  VacancyStatus.CLOSED: "بستن"}


def employer() -> Any:
    actor = current_user._get_current_object()
    if actor.unit_id is None:
        flash("ابتدا مشخصات واحد خود را ثبت کنید.", "warning")
        return None
    return actor


def form_page(values: dict[str, Any], errors: dict[str, list[str]], vacancy_id: int | None
              ) -> tuple[str, int]:
    return render_template(
        "vacancies/form.html", values=values, errors=errors, vacancy_id=vacancy_id,
        degree_options=[(str(level), label) for level, label in DEGREE_LABELS.items()],
        gender_options=[("any", "فرقی ندارد"), ("female", "زن"), ("male", "مرد")],
        **lexicon_suggestions()), status_for(errors)


@bp.get("")
@role_required(Role.EMPLOYER)
def index() -> str | Response:
    actor = employer()
    if actor is None:
        return redirect(url_for("organisations.unit"))
    vacancies = list(db.session.scalars(
        select(Vacancy).where(Vacancy.unit_id == actor.unit_id)
        .order_by(Vacancy.created_at.desc(), Vacancy.id.desc())))
    hires = hires_by_vacancy(v.id for v in vacancies)
    rows = [{"id": v.id, "ref": v.ref, "title": v.title, "positions": v.positions,
             "hires": hires.get(v.id, 0),
             "deadline": v.deadline, "status": v.status.label, "status_value": v.status.value,
             "expired": v.deadline is not None and v.deadline < today(),
             "moves": [(s.value, STATUS_ACTIONS[s])
                       for s in services.allowed_statuses(v, hires.get(v.id, 0))]}
            for v in vacancies]
    return render_template("vacancies/list.html", vacancies=rows, unit_name=actor.unit.name)


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def new() -> str | Response | tuple[str, int]:
    actor = employer()
    if actor is None:
        return redirect(url_for("organisations.unit"))
    values: dict[str, Any] = {"positions": "1", "gender": "any"}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = request.form.to_dict()
        vacancy, errors = submit(VacancySchema(), lambda data: services.post_vacancy(actor, data))
        if vacancy is not None:
            flash("فرصت شغلی منتشر شد و نامزدهای مناسب پیشنهاد شدند.", "success")
            return redirect(url_for("vacancies.candidates", vacancy_id=vacancy.id))
    return form_page(values, errors, None)


@bp.route("/<int:vacancy_id>/edit", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def edit(vacancy_id: int) -> str | Response | tuple[str, int]:
    actor = current_user._get_current_object()
    vacancy = services.own_vacancy(actor, vacancy_id)
    values, errors = services.vacancy_values(vacancy), {}
    if request.method == "POST":
        values = {**request.form.to_dict(), "ref": vacancy.ref}
        was_open = vacancy.status is VacancyStatus.OPEN
        schema = VacancyEditSchema(open_vacancy=was_open, stored_deadline=vacancy.deadline)
        saved, errors = submit(schema, lambda data: services.edit_vacancy(actor, vacancy_id,
                                                                          data))
        if saved is not None:
            filled = was_open and saved.status is VacancyStatus.CLOSED
            flash("فرصت شغلی ذخیره شد؛ ظرفیت آن با استخدام‌های انجام‌شده پر است و بسته شد."
                  if filled else "فرصت شغلی ذخیره شد.", "success")
            return redirect(url_for("vacancies.index"))
    return form_page(values, errors, vacancy_id)


@bp.post("/<int:vacancy_id>/status")
@role_required(Role.EMPLOYER)
def change_status(vacancy_id: int) -> Response:
    actor = current_user._get_current_object()
    services.own_vacancy(actor, vacancy_id)
    vacancy, errors = submit(StatusSchema(), lambda data: services.set_status(
        actor, vacancy_id, data["status"]))
    for messages in errors.values():
        for message in messages:
            flash(message, "danger")
    if vacancy is not None:
        flash(f"وضعیت فرصت شغلی: {vacancy.status.label}", "success")
    return redirect(url_for("vacancies.index"))


@bp.get("/<int:vacancy_id>/candidates")
@role_required(Role.EMPLOYER)
def candidates(vacancy_id: int) -> str:
    actor = current_user._get_current_object()
    vacancy = services.own_vacancy(actor, vacancy_id)
    rows = [{**interest.for_employer(p),
             "moves": [(m.value, review.MOVE_LABELS[m]) for m in review.allowed_moves(actor, p)]}
            for p in proposals_for_vacancy(vacancy)]
    return render_template("vacancies/candidates.html", vacancy=vacancy, candidates=rows)


@bp.post("/<int:vacancy_id>/candidates/<int:proposal_id>/move")
@role_required(Role.EMPLOYER)
def move(vacancy_id: int, proposal_id: int) -> Response:
    """The employer records an interview, a hire or a rejection of an introduced graduate."""
    actor = current_user._get_current_object()
    services.own_vacancy(actor, vacancy_id)
    if review.reviewable(actor, proposal_id).vacancy_id != vacancy_id:
        abort(404)
    moved, errors = submit(MoveSchema(), lambda data: review.move(
        actor, proposal_id, data["to"], reason=data.get("reason"),
        start_date=data.get("start_date")))
    for messages in errors.values():
        for message in messages:
            flash(message, "danger")
    if moved is not None:
        flash(f"وضعیت نامزد: {moved.status.label}", "success")
    return redirect(url_for("vacancies.candidates", vacancy_id=vacancy_id))


@bp.post("/<int:vacancy_id>/candidates/<int:proposal_id>/interest")
@role_required(Role.EMPLOYER)
def mark_interest(vacancy_id: int, proposal_id: int) -> Response:
    actor = current_user._get_current_object()
    services.own_vacancy(actor, vacancy_id)
    proposal = interest.own_proposal(actor, proposal_id)
    if proposal.vacancy_id != vacancy_id:
        abort(404)
    interest.mark_interest(actor, proposal_id, request.form.get("interested", "1") == "1")
    db.session.commit()
    flash("علاقه‌مندی شما به این نامزد ثبت شد؛ دفتر کاریابی برای معرفی اقدام می‌کند.", "success")
    return redirect(url_for("vacancies.candidates", vacancy_id=vacancy_id))
