"""The placement office's review queue and the page of one proposal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from databank.accounts.access import role_required
from databank.accounts.models import Role
from databank.db import db, requested_page
from databank.forms import load_filters, status_for, submit
from databank.jalali import persian_digits
from databank.matches import review
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.queue import queue_row, review_queue, to_do
from databank.matches.schemas import MoveSchema, QueueFilterSchema
from databank.matches.services import match_bank
from databank.organisations.models import IndustrialEstate, IndustrialUnit
from databank.organisations.services import agency_choices, name_options
from databank.vacancies.figures import recruiting
from databank.vacancies.models import Vacancy
from databank.vocabulary import DEGREE_LABELS

bp = Blueprint("matches", __name__, url_prefix="/review")
OFFICE_ROLES = (Role.PLACEMENT_OFFICER, Role.ADMIN)


QUEUE_ARGS = frozenset(QueueFilterSchema().fields) | {"page"}
QUEUE_LABELS = {"vacancy": "کد فرصت", "unit": "واحد", "estate": "شهرک", "field": "رشته",
                "city": "شهر", "min_score": "حداقل امتیاز", "status": "وضعیت", "held": "در دست"}


# Filters whose empty value is a choice: «همه» against the to-do list the bare queue shows.
CHOSEN_EVEN_EMPTY = frozenset({"status", "held"})  # the keys queue.to_do sets


def queue_args(values: Mapping[str, str] | None = None) -> dict[str, str]:
    """The queue's filters and page as the request carries them (`values`: a form's instead):
    a proposal's page and the refresh form pass them on, so that the way back returns to the
    same filtered queue. Only the queue's own names, so nothing else rides along; an emptied
    status or holder stays, since leaving it out would turn the whole queue back into her
    to-do list."""
    given = request.args if values is None else values
    return {k: v for k, v in given.items()
            if k in QUEUE_ARGS and (v or k in CHOSEN_EVEN_EMPTY)}


@bp.get("")
@role_required(*OFFICE_ROLES)
def queue() -> tuple[str, int]:
    office_id = current_user.office_id
    args = {k: v for k, v in request.args.items() if k != "page"}  # the page: requested_page
    bare = not args  # opened from the menu: her to-do list, which the filters widen
    if bare:
        args = to_do(office_id)
    filters, errors = load_filters(QueueFilterSchema(), args, QUEUE_LABELS)
    page = review_queue(filters, requested_page(request.args.get("page")), office_id=office_id)
    return render_template(
        "matches/queue.html", rows=[queue_row(p) for p in page.items], page=page, args=args,
        values={**request.args.to_dict(), **args}, errors=errors, back=queue_args(),
        has_office=office_id is not None, to_do=bare,
        unit_options=name_options(IndustrialUnit), estate_options=name_options(IndustrialEstate),
        status_options=[(s.value, s.label) for s in ProposalStatus]), status_for(errors)


@bp.post("/refresh")
@role_required(*OFFICE_ROLES)
def refresh() -> Response:
    """Run the matcher over the whole bank now (the same as `databank match`)."""
    stored = match_bank()
    db.session.commit()
    vacancies = db.session.scalar(select(func.count(Vacancy.id)).where(recruiting())) or 0
    queued = db.session.scalar(select(func.count(Proposal.id))) or 0
    flash(f"پیشنهادها به‌روز شد: {persian_digits(stored)} پیشنهاد برای "
          f"{persian_digits(vacancies)} فرصت شغلی باز ساخته یا تازه شد. صف بررسی با "
          f"پیشنهادهایی که پیش‌تر دنبال شده‌اند {persian_digits(queued)} پیشنهاد دارد.",
          "success")
    # back to the queue she pressed it on: its filters came as the form's hidden fields, and
    # url_for builds a path of this site from the whitelisted names alone
    return redirect(url_for("matches.queue", **queue_args(request.form)))


def detail_page(proposal_id: int, errors: dict[str, list[str]] | None = None
                ) -> tuple[str, int]:
    actor = current_user._get_current_object()
    proposal = review.reviewable(actor, proposal_id)
    profile, vacancy = proposal.profile, proposal.vacancy
    person = profile.person
    hidden = review.contacts_hidden(actor, proposal)
    context = {
        "proposal": {"id": proposal.id, "score": proposal.score, "rank": proposal.rank,
                     "reasons": proposal.reasons, "status": proposal.status.label,
                     "rejection_reason": proposal.rejection_reason,
                     "graduate_interested": proposal.graduate_interested,
                     "employer_interested": proposal.employer_interested,
                     "held_back": review.held_back(proposal) if review.NEXT[proposal.status]
                     else None, "busy_until": review.busy_until(proposal),
                     "hire_stands": review.HIRE_STANDS
                     if proposal.status is ProposalStatus.HIRED else None},
        "graduate": {"name": person.full_name, "hidden": hidden,
                     "national_id": "" if hidden else person.national_id,
                     "mobile": "" if hidden else person.mobile or "", "city": person.city or "",
                     "gender": person.gender.label if person.gender else "",
                     "field": profile.field_of_study,
                     "degree": DEGREE_LABELS.get(profile.degree, ""),
                     "university": profile.university.name if profile.university else "",
                     "skills": profile.skills or [], "desired_job": profile.desired_job or "",
                     "consent": profile.consent},
        "vacancy": {"title": vacancy.title, "ref": vacancy.ref, "unit": vacancy.unit.name,
                    "positions": vacancy.positions, "status": vacancy.status.label,
                    "fields": vacancy.fields or [], "skills": vacancy.skills or [],
                    "deadline": vacancy.deadline, "description": vacancy.description or ""},
        "moves": [(m.value, review.MOVE_LABELS[m]) for m in review.allowed_moves(actor,
                                                                                proposal)],
        "history": review.history(proposal), "errors": errors or {},
        "values": request.form.to_dict(), "agency_options": agency_choices(),
        "default_agency": _default_agency(actor, proposal), "back": queue_args(),
        "held_elsewhere": review.held_elsewhere(actor, proposal),
        "hire": review.hire_of(actor, proposal),
    }
    return render_template("matches/detail.html", **context), status_for(errors or {})


def _default_agency(actor: Any, proposal: Any) -> int | None:
    """The agency a hire is credited to unless another is chosen: that of the office that
    followed the proposal, or else the officer's own. None: the form asks for one."""
    office = proposal.office or actor.office
    return office.agency_id if office else None


@bp.get("/<int:proposal_id>")
@role_required(*OFFICE_ROLES)
def detail(proposal_id: int) -> tuple[str, int]:
    return detail_page(proposal_id)


@bp.post("/<int:proposal_id>/move")
@role_required(*OFFICE_ROLES)
def move(proposal_id: int) -> Response | tuple[str, int]:
    actor = current_user._get_current_object()
    before = review.reviewable(actor, proposal_id).status
    moved, errors = submit(MoveSchema(), lambda data: review.move(
        actor, proposal_id, data["to"], reason=data.get("reason"),
        start_date=data.get("start_date"), agency_id=data.get("agency_id")))
    if errors:
        return detail_page(proposal_id, errors)
    if moved.status is before:
        flash(review.already_there(moved.status), "info")
    else:
        flash(f"وضعیت پیشنهاد: {moved.status.label}", "success")
    return redirect(url_for("matches.detail", proposal_id=proposal_id, **queue_args()))
