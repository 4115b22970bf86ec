"""An employer posts, edits, pauses and closes its vacancies and sees proposed candidates;
the offices see every unit's vacancies."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from marshmallow import ValidationError
from werkzeug.wrappers import Response

from databank.accounts.access import role_required
from databank.accounts.models import Role
from databank.db import db, requested_page
from databank.errors import Conflict, DomainError, NotAllowed, NotFound, roll_back
from databank.forms import FormErrors, also_said, load_filters, status_for, submit
from databank.jalali import local_day, persian_digits, today
from databank.matches import interest, review
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.schemas import INTEREST_VALUES, InterestSchema, MoveSchema
from databank.matches.services import proposals_for_vacancy
from databank.organisations.models import IndustrialEstate, IndustrialUnit
from databank.organisations.services import name_options
from databank.schemas import form_values
from databank.suggestions import vacancy_suggestions
from databank.vacancies import services
from databank.vacancies.county import STATES, county_rows, county_vacancies
from databank.vacancies.figures import hires_by_vacancy, hires_of
from databank.vacancies.models import Vacancy, VacancyStatus
from databank.vacancies.schemas import (
    CountyFilterSchema,
    NewVacancySchema,
    StatusSchema,
    VacancyEditSchema,
)
from databank.vocabulary import DEGREE_LABELS

VACANCIES_PER_PAGE = 25

bp = Blueprint("vacancies", __name__, url_prefix="/vacancies")
STATUS_ACTIONS = {VacancyStatus.OPEN: "بازگشایی", VacancyStatus.PAUSED: "توقف",
                  VacancyStatus.CLOSED: "بستن"}
# What the buttons ask before they act: closing or pausing takes the untouched proposals away.
STATUS_CONFIRMATIONS = {
    VacancyStatus.CLOSED: "«{title}» بسته شود؟ پیشنهادهایی که هنوز کاری رویشان انجام نشده از "
                          "فهرست نامزدها برداشته می‌شوند؛ بعداً می‌توانید آن را بازگشایی کنید.",
    VacancyStatus.PAUSED: "«{title}» متوقف شود؟ تا ادامه‌اش نامزد تازه‌ای پیشنهاد نمی‌شود و "
                          "پیشنهادهایی که هنوز کاری رویشان انجام نشده برداشته می‌شوند.",
}

REOPEN_CONFIRMATION = ("فرصت دیگری با عنوان «{title}» هنوز باز یا متوقف است و با بازگشایی این "
                       "یکی، نامزدها دو بار پیشنهاد می‌شوند. اگر همان کار است، ظرفیت آن فرصت "
                       "را افزایش دهید. این فرصت جداگانه بازگشایی شود؟")


def employer() -> Any:
    actor = current_user._get_current_object()
    if actor.unit_id is None:
        flash("ابتدا مشخصات واحد خود را ثبت کنید.", "warning")
        return None
    return actor


def status_button(vacancy: Vacancy, status: VacancyStatus, *, namesake_in_play: bool
         ) -> tuple[str, str, str, bool]:
    """A status button: its value, its label, what it asks before it is sent, and whether it
    says the same-title question was answered (a closed vacancy reopened beside another of
    its title in play: services.set_status)."""
    label = ("ادامه" if vacancy.status is VacancyStatus.PAUSED and status is VacancyStatus.OPEN
             else STATUS_ACTIONS[status])
    if status is VacancyStatus.OPEN and namesake_in_play:
        return status.value, label, REOPEN_CONFIRMATION.format(title=vacancy.title), True
    return status.value, label, STATUS_CONFIRMATIONS.get(status, "").format(
        title=vacancy.title), False


def form_page(values: dict[str, Any], errors: dict[str, list[str]], vacancy_id: int | None,
              namesakes: list[dict[str, Any]] | None = None) -> tuple[str, int]:
    return render_template(
        "vacancies/form.html", values=values, errors=errors, vacancy_id=vacancy_id,
        namesakes=namesakes or [],
        degree_options=[(str(level), label) for level, label in DEGREE_LABELS.items()],
        gender_options=[("any", "فرقی ندارد"), ("female", "زن"), ("male", "مرد")],
        **vacancy_suggestions()), status_for(errors)


@bp.get("")
@role_required(Role.EMPLOYER)
def index() -> str | Response:
    actor = employer()
    if actor is None:
        return redirect(url_for("organisations.unit"))
    page = services.unit_vacancies(actor.unit_id, requested_page(request.args.get("page")),
                                   VACANCIES_PER_PAGE)
    vacancies = list(page.items)
    hires = hires_by_vacancy(v.id for v in vacancies)
    in_play = services.titles_in_play(actor.unit_id)
    rows = [{"id": v.id, "ref": v.ref, "title": v.title, "positions": v.positions,
             "hires": hires.get(v.id, 0),
             "deadline": v.deadline, "status": v.status.label, "status_value": v.status.value,
             "expired": v.deadline is not None and v.deadline < today(),
             "filled": v.status is VacancyStatus.CLOSED and hires.get(v.id, 0) >= v.positions,
             "moves": [status_button(v, s, namesake_in_play=v.status not in services.IN_PLAY
                                     and in_play[v.title_key] > 0)
                       for s in services.allowed_statuses(v, hires.get(v.id, 0))]}
            for v in vacancies]
    return render_template("vacancies/list.html", vacancies=rows, unit_name=actor.unit.name,
                           page=page)


@bp.get("/county")
@role_required(Role.PLACEMENT_OFFICER, Role.ADMIN)
def county() -> tuple[str, int]:
    """Every unit's vacancies, for the offices: free positions and proposals in play."""
    args = {k: v for k, v in request.args.items() if k != "page"}  # the page: requested_page
    filters, errors = load_filters(CountyFilterSchema(), args, {
        "title": "عنوان", "unit": "واحد", "estate": "شهرک", "state": "وضعیت"})
    page = county_vacancies(filters, requested_page(request.args.get("page")))
    return render_template(
        "vacancies/county.html", rows=county_rows(list(page.items)), page=page, args=args,
        values=request.args.to_dict(), errors=errors, state_options=list(STATES.items()),
        unit_options=name_options(IndustrialUnit),
        estate_options=name_options(IndustrialEstate)), status_for(errors)


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
        vacancy, errors = submit(NewVacancySchema(),
                                 lambda data: services.post_vacancy(actor, data))
        # a code already held is said with the form's other errors, not once they are fixed
        # (the service checks it after the schema)
        if errors and (ref := values.get("ref", "").strip()):
            errors = also_said(errors, {"ref": services.code_taken(actor.unit, ref)})
        if vacancy is not None:
            found = len(proposals_for_vacancy(vacancy))
            flash(f"فرصت شغلی منتشر شد و {persian_digits(found)} نامزد مناسب پیشنهاد شد."
                  if found else "فرصت شغلی منتشر شد؛ فعلاً نامزد مناسبی در بانک پیدا نشد. با "
                  "ثبت دانش‌آموختگان تازه، نامزدها در همین صفحه می‌آیند.", "success")
            return redirect(url_for("vacancies.candidates", vacancy_id=vacancy.id))
    errors, namesakes = asked_about_title(actor.unit_id, values, errors)
    return form_page(values, errors, None, namesakes)


def asked_about_title(unit_id: int, values: dict[str, Any],
                      errors: dict[str, list[str]], vacancy: Vacancy | None = None
                      ) -> tuple[dict[str, list[str]], list[dict[str, Any]]]:
    """A form refused for any reason asks the same-title question with its other errors, and
    keeps her tick, so that she answers everything at once instead of fixing a date to be asked
    one more question. A code already taken is answered first: it is most likely this very
    vacancy sent twice, and asking whether it is another one would mislead; a tick she gave
    already is kept beside it all the same."""
    ticked = values.get("title_checked") in ("1", "on")
    if not errors or (errors.get("ref") and not ticked):
        return errors, []
    if vacancy is not None and not services.renames_in_play(vacancy, values.get("title")):
        return errors, []  # an edit asks of a new title only
    namesakes = namesake_rows(unit_id, values.get("title", ""),
                              vacancy.id if vacancy is not None else None)
    if namesakes and not ticked and not errors.get("title"):
        errors = {**errors, "title": [services.SAME_TITLE]}
    return errors, namesakes


def namesake_rows(unit_id: int, title: str, besides: int | None = None
                  ) -> list[dict[str, Any]]:
    """The vacancies a new one's title repeats, as the form shows them beside the question:
    enough to tell whether it is the same vacancy (code, day posted, positions, hires)."""
    rows = services.namesakes(unit_id, title, besides=besides)
    hires = hires_by_vacancy(v.id for v in rows)
    return [{"id": v.id, "ref": v.ref, "title": v.title, "posted": local_day(v.created_at),
             "positions": v.positions, "hires": hires.get(v.id, 0), "status": v.status.label}
            for v in rows]


@bp.route("/<int:vacancy_id>/edit", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def edit(vacancy_id: int) -> str | Response | tuple[str, int]:
    actor = employer()
    if actor is None:
        return redirect(url_for("organisations.unit"))
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
            reopenable = not was_open and VacancyStatus.OPEN in services.allowed_statuses(saved)
            flash("فرصت شغلی ذخیره شد؛ ظرفیت آن با استخدام‌های انجام‌شده پر است، پس «پر شده» "
                  "خوانده می‌شود و بسته شد."
                  if filled else f"فرصت شغلی ذخیره شد؛ هنوز «{saved.status.label}» است. برای "
                  f"پذیرفتن نامزد تازه، «{STATUS_ACTIONS[VacancyStatus.OPEN]}» را بزنید."
                  if reopenable else "فرصت شغلی ذخیره شد.", "success")
            return redirect(url_for("vacancies.index"))
        errors, namesakes = asked_about_title(vacancy.unit_id, values, errors, vacancy)
        return form_page(values, errors, vacancy_id, namesakes)
    return form_page(values, errors, vacancy_id)


@bp.post("/<int:vacancy_id>/status")
@role_required(Role.EMPLOYER)
def change_status(vacancy_id: int) -> Response:
    actor = employer()
    if actor is None:
        return redirect(url_for("organisations.unit"))
    services.own_vacancy(actor, vacancy_id)
    vacancy, errors = submit(StatusSchema(), lambda data: services.set_status(
        actor, vacancy_id, data["status"], data["title_checked"]))
    for messages in errors.values():
        for message in messages:
            flash(message, "danger")
    if vacancy is not None:
        flash(f"وضعیت فرصت شغلی: {vacancy.status.label}", "success")
    return redirect(url_for("vacancies.index"))


@bp.get("/<int:vacancy_id>/candidates")
@role_required(Role.EMPLOYER)
def candidates(vacancy_id: int) -> str | Response:
    actor = employer()
    if actor is None:
        return redirect(url_for("organisations.unit"))
    return candidates_page(actor, services.own_vacancy(actor, vacancy_id))


def candidates_page(actor: Any, vacancy: Vacancy, refused: str | None = None,
                    failed: dict[str, Any] | None = None) -> str:
    """Her candidates as they stand now; `refused`: why what she just asked (from a page
    that was out of date) was not done, said above them; `failed`: the move whose typed
    values were refused (refused_move), drawn again with them and its errors."""
    rows = [{**interest.for_employer(p),
             "moves": [(m.value, review.MOVE_LABELS[m]) for m in review.allowed_moves(actor, p)]}
            for p in proposals_for_vacancy(vacancy)]
    return render_template("vacancies/candidates.html", vacancy=vacancy, candidates=rows,
                           refused=refused, failed=failed,
                           filled=hires_of(vacancy) >= vacancy.positions)


# What a move's form lets her type: refused, it is said beside the field, which keeps it.
MOVE_FIELDS = ("start_date", "reason")


def refused_move(actor: Any, vacancy_id: int, proposal_id: int, errors: FormErrors
                 ) -> tuple[str, int]:
    """A refused interview, hire or rejection, answered on her candidates page. A refusal by
    the candidate's state is said above the list as it is; one of what she typed (a start
    day missing, impossible or Gregorian; a reason left out) names the candidate, since a
    message at the top of a long list says nothing of whose row it was, and is said again
    beside that candidate's field, which keeps what she typed."""
    vacancy = services.own_vacancy(actor, vacancy_id)
    typed = {name: messages for name, messages in errors.items() if name in MOVE_FIELDS}
    said = [m for name, messages in errors.items() if name not in MOVE_FIELDS for m in messages]
    failed = None
    if typed:
        to = request.form.get("to", "")
        proposal = db.session.get(Proposal, proposal_id)
        label = review.MOVE_LABELS.get(ProposalStatus(to)) if to in MOVE_VALUES else None
        said.insert(0, f"{label or 'این کار'} برای «{interest.shown_name(proposal)}» انجام "
                       f"نشد: {' '.join(m for messages in typed.values() for m in messages)}")
        failed = {"id": proposal_id, "to": to, "errors": typed,
                  "values": request.form.to_dict()}
    return candidates_page(actor, vacancy, " ".join(said), failed), errors.status


MOVE_VALUES = frozenset(status.value for status in review.MOVE_LABELS)


def refused_on_candidates(actor: Any, vacancy_id: int, error: DomainError
                          ) -> tuple[str, int]:
    """A refusal answered on her candidates page with its status, never a bare error page:
    the page she acted from may have been out of date (an office moved the candidate
    meanwhile, or the graduate withdrew her consent)."""
    roll_back(error)
    message = NOT_ON_LIST if isinstance(error, NotFound) else error.message
    return candidates_page(actor, services.own_vacancy(actor, vacancy_id), message), \
        error.status


NOT_ON_LIST = "این نامزد دیگر در فهرست این فرصت شغلی نیست؛ فهرست به‌روز را در زیر می‌بینید."


@bp.post("/<int:vacancy_id>/candidates/<int:proposal_id>/move")
@role_required(Role.EMPLOYER)
def move(vacancy_id: int, proposal_id: int) -> Response | tuple[str, int]:
    """The employer records an interview, a hire or a rejection of an introduced graduate."""
    actor = employer()
    if actor is None:
        return redirect(url_for("organisations.unit"))
    services.own_vacancy(actor, vacancy_id)
    try:
        shown = review.reviewable(actor, proposal_id)
        if shown.vacancy_id != vacancy_id:
            raise NotFound()
        before = shown.status
        moved, errors = submit(MoveSchema(), lambda data: review.move(
            actor, proposal_id, data["to"], reason=data.get("reason"),
            start_date=data.get("start_date")))
    except (NotAllowed, NotFound) as refused:
        return refused_on_candidates(actor, vacancy_id, refused)
    if errors:
        return refused_move(actor, vacancy_id, proposal_id, errors)
    if moved is not None and moved.status is before:
        flash(review.already_there(moved.status), "info")
    elif moved is not None:
        flash(f"وضعیت نامزد: {moved.status.label}", "success")
    return redirect(url_for("vacancies.candidates", vacancy_id=vacancy_id))


@bp.post("/<int:vacancy_id>/candidates/<int:proposal_id>/interest")
@role_required(Role.EMPLOYER)
def mark_interest(vacancy_id: int, proposal_id: int) -> Response | tuple[str, int]:
    actor = employer()
    if actor is None:
        return redirect(url_for("organisations.unit"))
    vacancy = services.own_vacancy(actor, vacancy_id)
    try:
        interested = InterestSchema().load(form_values(request.form))["interested"]
    except ValidationError:
        return candidates_page(actor, vacancy, INTEREST_VALUES), 400
    try:
        if interest.own_proposal(actor, proposal_id).vacancy_id != vacancy_id:
            raise NotFound()
        changed = interest.mark_interest(actor, proposal_id, interested)
    except (Conflict, NotFound) as refused:
        return refused_on_candidates(actor, vacancy_id, refused)
    db.session.commit()
    flash(INTEREST_SAID[(interested, changed)], "success" if changed else "info")
    return redirect(url_for("vacancies.candidates", vacancy_id=vacancy_id))


INTEREST_SAID = {
    (True, True): "علاقه‌مندی شما به این نامزد ثبت شد؛ دفتر کاریابی برای معرفی اقدام می‌کند.",
    (False, True): "علاقه‌مندی شما به این نامزد برداشته شد.",
    (True, False): "علاقه‌مندی شما به این نامزد پیش‌تر ثبت شده بود؛ چیزی تغییر نکرد.",
    (False, False): "علاقه‌مندی‌ای از شما به این نامزد ثبت نشده بود که برداشته شود؛ چیزی "
                    "تغییر نکرد.",
}
