"""A graduate registers herself with her profile, keeps it, and sees the jobs proposed to her;
a placement office records the mobile that lets a stored person claim her record."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from marshmallow import ValidationError
from werkzeug.wrappers import Response

from databank.accounts import devices
from databank.accounts.access import role_required
from databank.accounts.models import Role
from databank.accounts.services import username_taken
from databank.accounts.views import start_session
from databank.db import db
from databank.errors import Conflict, NotFound, roll_back
from databank.forms import FormErrors, also_said, status_for, submit
from databank.matches import interest
from databank.matches.schemas import INTEREST_VALUES, InterestSchema
from databank.matches.services import proposals_for_profile
from databank.organisations.services import university_names
from databank.people import office_records, services
from databank.people.office_records import PersonCard
from databank.people.schemas import (
    GraduateRegistrationSchema,
    OfficeMobileSchema,
    OwnProfileSchema,
    PersonLookupSchema,
)
from databank.rate_limits import refused_page, registrations_paused
from databank.schemas import form_values
from databank.suggestions import lexicon_suggestions
from databank.vocabulary import DEGREE_LABELS, Gender

bp = Blueprint("people", __name__)


def form_context(values: dict[str, Any], errors: dict[str, list[str]]) -> dict[str, Any]:
    """`university_asked`: her university came close to a listed one, and the form offers the
    box that says it is another (kept ticked once she ticked it)."""
    asked = any(services.NOT_LISTED_TICK in message for message in errors.get("university", []))
    return {
        "values": values, "errors": errors, "universities": university_names(),
        "university_asked": asked or bool(values.get("university_checked")),
        "degree_options": [(str(level), label) for level, label in DEGREE_LABELS.items()],
        "gender_options": [(g.value, g.label) for g in Gender],
        **lexicon_suggestions(),
    }


REGISTERED = "ثبت‌نام شما انجام شد. فرصت‌های شغلی مناسب شما در همین صفحه می‌آید."
# Without her consent the matcher proposes nothing: she is told so, not promised jobs here.
REGISTERED_UNSHOWN = ("ثبت‌نام شما انجام شد. چون اجازهٔ نمایش پروفایل خود را نداده‌اید، فعلاً "
                      "هیچ فرصت شغلی به شما پیشنهاد نمی‌شود؛ هر وقت خواستید، این اجازه را در "
                      "پروفایل خود بدهید.")


@bp.route("/graduates/register", methods=["GET", "POST"])
def register() -> str | Response | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        user, errors = submit(GraduateRegistrationSchema(), services.register_graduate)
        errors = also_said(errors, {
            "username": username_taken(request.form.get("username", "")),
            "university": services.university_question(
                " ".join(request.form.get("university", "").split()),
                bool(request.form.get("university_checked")))})
        if user is not None:
            start_session(user)
            flash(REGISTERED if services.own_profile(user).consent else REGISTERED_UNSHOWN,
                  "success")
            if user.person is not None and not services.identity_is_hers(user.person):
                flash("پروندهٔ شما پیش‌تر در بانک ثبت شده بود: نام، جنسیت و سال تولد همان است "
                      "که در بانک ثبت شده؛ اگر نادرست است، با کارت ملی به دفتر کاریابی "
                      "مراجعه کنید تا مدیر سامانه آن را اصلاح کند. آنچه در فرم خالی گذاشتید "
                      "(مانند مهارت‌ها یا شهر) همان است که در پرونده بود؛ در «پروفایل من» آن را "
                      "ببینید و اگر لازم است تغییر دهید.", "info")
            welcome = redirect(url_for("people.proposals"))
            devices.remember(welcome, user)  # her browser passes a stranger's lock
            return welcome
    return _register_page(errors)


@refused_page("people.register")
def _register_paused(minutes: int) -> tuple[str, int]:
    """Too many refused claims from her address: the form again with what she typed."""
    return _register_page(FormErrors({"_form": [registrations_paused(minutes)]}, status=429))


def _register_page(errors: dict[str, list[str]]) -> tuple[str, int]:
    values = request.form.to_dict() if request.method == "POST" else {}  # consent is opt-in
    for secret in ("password", "password_confirm", "csrf_token"):
        values.pop(secret, None)
    return render_template("people/register.html", **form_context(values, errors)), \
        status_for(errors)


@bp.route("/profile", methods=["GET", "POST"])
@role_required(Role.GRADUATE)
def profile() -> str | Response | tuple[str, int]:
    actor = current_user._get_current_object()
    own = services.own_profile(actor)
    errors: dict[str, list[str]] = {}
    values = services.profile_values(own)
    if request.method == "POST":
        values = request.form.to_dict()
        # the fields her form carried: one she emptied is cleared, not kept
        _, errors = submit(OwnProfileSchema(), lambda data: services.update_own_profile(
            actor, data, carried=request.form.keys()))
        if not errors:
            flash("پروفایل شما ذخیره شد و پیشنهادهای شغلی به‌روز شد.", "success")
            return redirect(url_for("people.profile"))
    context = form_context(values, errors)
    context["national_id"] = own.person.national_id
    context["recorded_identity"] = services.recorded_identity(own.person)
    return render_template("people/profile.html", **context), status_for(errors)


@bp.get("/profile/proposals")
@role_required(Role.GRADUATE)
def proposals() -> str:
    return _proposals_page()


def _proposals_page(refused: str | None = None) -> str:
    own = services.own_profile(current_user._get_current_object())
    rows = interest.graduate_cards(proposals_for_profile(own), own.person_id)
    return render_template("people/proposals.html", proposals=rows, consent=own.consent,
                           refused=refused)


# Her list was open while the proposal left it. Only an untouched proposal leaves (matches.
# services withdraws those of a vacancy that stopped recruiting: paused, closed, filled or past
# its deadline; and those no longer among her or the vacancy's best); one she said interest in
# or an office acted on stays on her list, a paused vacancy's too, showing where it stands.
GONE = ("این فرصت دیگر در فهرست پیشنهادهای شما نیست: پیشنهادی که نه شما به آن علاقه نشان "
        "داده‌اید و نه دفتر کاریابی آن را دنبال کرده، برداشته می‌شود اگر فرصت دیگر نیرو "
        "نپذیرد (کارفرما آن را متوقف یا بسته کرده، ظرفیتش پر شده یا مهلتش گذشته) یا دیگر در "
        "میان فرصت‌های مناسب شما نباشد. پیشنهادی که به آن علاقه نشان داده‌اید، حتی اگر متوقف "
        "شود، در فهرست می‌ماند. فهرست به‌روز را در زیر می‌بینید.")


@bp.post("/profile/proposals/<int:proposal_id>/interest")
@role_required(Role.GRADUATE)
def mark_interest(proposal_id: int) -> Response | tuple[str, int]:
    """A refusal (her consent withdrawn, the proposal past the introduction) is said on her
    list of proposals, which shows where each one stands now."""
    try:
        interested = InterestSchema().load(form_values(request.form))["interested"]
    except ValidationError:
        return _proposals_page(INTEREST_VALUES), 400
    try:
        changed = interest.mark_interest(current_user._get_current_object(), proposal_id,
                                         interested)
    except Conflict as refused:
        roll_back(refused)
        return _proposals_page(refused.message), refused.status
    except NotFound as gone:
        roll_back(gone)
        return _proposals_page(GONE), gone.status
    db.session.commit()
    if not changed:
        flash("علاقه‌مندی شما به این فرصت پیش‌تر ثبت شده بود؛ چیزی تغییر نکرد." if interested
              else "علاقه‌مندی‌ای از شما برای این فرصت ثبت نشده بود که برداشته شود؛ چیزی "
                   "تغییر نکرد.", "info")
    else:
        flash("علاقه‌مندی شما ثبت شد؛ دفتر کاریابی آن را می‌بیند." if interested
              else "علاقه‌مندی شما برداشته شد.", "success")
    return redirect(url_for("people.proposals"))


@bp.route("/people/mobile", methods=["GET", "POST"])
@role_required(*office_records.OFFICE_ROLES)
def office_mobile() -> tuple[str, int]:
    """Step one: the national ID is posted, never put in the URL, and the stored record shown
    for the officer to compare with the national card."""
    card, errors = None, FormErrors()
    if request.method == "POST":
        card, errors = _look_up()
    return _mobile_page(request.form.to_dict(), errors, card)


@bp.post("/people/mobile/record")
@role_required(*office_records.OFFICE_ROLES)
def record_mobile() -> Response | tuple[str, int]:
    """Step two: the national ID comes back in a hidden field with the mobile to record."""
    actor = current_user._get_current_object()
    person, errors = submit(OfficeMobileSchema(), lambda data: office_records.record_mobile(
        actor, data["national_id"], data["mobile"]))
    if person is not None:
        # Neither her national ID nor her mobile in the flash: it travels in the session
        # cookie, which is signed, not encrypted.
        flash(f"شمارهٔ همراه «{person.full_name}» ثبت شد. اکنون می‌تواند با کد ملی خود و همین "
              "شمارهٔ همراه در صفحهٔ «ثبت‌نام دانش‌آموخته» ثبت‌نام کند و پروندهٔ خود را تحویل "
              "بگیرد.", "success")
        return redirect(url_for("people.office_mobile"))
    card = None
    if "national_id" not in errors:
        card, _ = _look_up()
    return _mobile_page(request.form.to_dict(), errors, card)


def _look_up() -> tuple[PersonCard | None, FormErrors]:
    actor = current_user._get_current_object()
    return submit(PersonLookupSchema(),
                      lambda data: office_records.person_card(actor, data["national_id"]))


def _mobile_page(values: dict[str, Any], errors: FormErrors, card: PersonCard | None
                 ) -> tuple[str, int]:
    if card is not None:
        values = {**values, "national_id": card.national_id}
    return render_template("people/office_mobile.html", values=values, errors=errors,
                           card=card, keeps_her_own=office_records.KEEPS_HER_OWN), \
        status_for(errors)
