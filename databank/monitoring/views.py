"""Monitoring records: agency officers register and end jobs (set a mistaken end right, take
back one registered by mistake), inspectors verify them, the admin sets each agency's yearly
commitment."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from databank.accounts.access import role_required
from databank.accounts.models import Role, User
from databank.db import db, paginate
from databank.errors import InvalidInput
from databank.forms import status_for, submit
from databank.jalali import current_year, format_date, persian_digits, today
from databank.monitoring import already_done, bulk_verify, record_export, services, withdrawal
from databank.monitoring.commitments import (
    EARLIEST_YEAR,
    commit_agency,
    commitment_rows,
    latest_year,
)
from databank.monitoring.models import (
    WITHDRAWN_LABEL,
    MonitoringRecord,
    RecordStatus,
    withdrawn,
)
from databank.monitoring.record_filters import NAMES as FILTER_NAMES
from databank.monitoring.record_filters import STATES, read_filters
from databank.monitoring.schemas import (
    BulkVerifySchema,
    CommitmentSchema,
    CorrectEndSchema,
    DecisionSchema,
    EndSchema,
    JobRecordSchema,
    WithdrawalSchema,
)
from databank.organisations.models import Agency
from databank.organisations.services import agency_choices, name_options
from databank.schemas import FormSchema
from databank.vocabulary import Gender, Sector

bp = Blueprint("monitoring", __name__, url_prefix="/monitoring")
VIEWERS = (Role.AGENCY_OFFICER, Role.INSPECTOR, Role.PLACEMENT_OFFICER, Role.ADMIN)


def record_row(record: MonitoringRecord) -> dict[str, Any]:
    """A withdrawn record reads as such, with its agency's reason, not as an inspector's
    rejection (monitoring.withdrawal)."""
    person = record.person
    taken_back = withdrawn(record)
    return {
        "id": record.id, "name": person.full_name, "national_id": person.national_id,
        "agency": record.agency.name, "agency_id": record.agency_id,
        "unit": record.unit.name if record.unit else record.employer_name or "",
        "sector": record.sector.label, "start": record.start_date, "end": record.end_date,
        "status": WITHDRAWN_LABEL if taken_back else record.status.label,
        "status_value": record.status.value, "withdrawn": taken_back,
        "withdrawable": services.withdrawable(record),
        "reason": record.rejection_reason or "",
        "from_databank": record.placement_id is not None,
        "started": services.started(record),
        "verifiable": record.status is RecordStatus.REGISTERED and services.started(record),
    }


@bp.get("/records")
@role_required(*VIEWERS)
def records() -> tuple[str, int]:
    actor = current_user._get_current_object()
    filters = read_filters(request.args, agency_fixed=actor.role is Role.AGENCY_OFFICER)
    query = filters.apply(services.visible_records(actor)).options(
        selectinload(MonitoringRecord.person), selectinload(MonitoringRecord.agency),
        selectinload(MonitoringRecord.unit)).order_by(MonitoringRecord.start_date.desc(),
                                                      MonitoringRecord.id.desc())
    page = paginate(query, per_page=25)
    agencies = [] if actor.role is Role.AGENCY_OFFICER else name_options(Agency)
    return render_template(
        "monitoring/records.html", rows=[record_row(r) for r in page.items], page=page,
        args=filters.args(), filters=filters, errors=filters.errors, agencies=agencies,
        status_options=list(STATES.items()),
    ), status_for(filters.errors)


@bp.get("/records/export.<any(csv, xlsx):fmt>")
@role_required(*VIEWERS)
def export_records(fmt: str) -> Response:
    """The list as a file, with the same search and filters; unusable filters refuse it (400),
    rather than hand over every record in their place."""
    actor = current_user._get_current_object()
    filters = read_filters(request.args, agency_fixed=actor.role is Role.AGENCY_OFFICER)
    if filters.errors:
        raise InvalidInput(filters.errors, " ".join(
            message for messages in filters.errors.values() for message in messages))
    buffer = io.BytesIO()
    record_export.export_records(actor, filters, buffer, fmt)
    db.session.commit()
    buffer.seek(0)
    response = send_file(buffer, as_attachment=True, download_name=f"monitoring-records.{fmt}")
    response.headers["Cache-Control"] = "no-store"
    return response


def _form_options() -> dict[str, Any]:
    return {"gender_options": [(g.value, g.label) for g in Gender],
            "sector_options": [(s.value, s.label) for s in Sector],
            "agency_options": agency_choices()}


@bp.route("/records/new", methods=["GET", "POST"])
@role_required(Role.AGENCY_OFFICER, Role.ADMIN)
def new_record() -> str | Response | tuple[str, int]:
    actor = current_user._get_current_object()
    values, errors = request.form.to_dict(), {}
    if request.method == "POST":
        outcome, errors = submit(JobRecordSchema(), lambda data: _registered(actor, data))
        if outcome is not None:
            _, note = outcome
            flash(" ".join(filter(None, (
                "اشتغال ثبت شد و پس از راستی‌آزمایی کامل به حساب می‌آید.", note))), "success")
            return redirect(url_for("monitoring.records"))
    return render_template("monitoring/new_record.html", values=values, errors=errors,
                           fixed_agency=actor.agency.name if actor.agency else None,
                           **_form_options()), status_for(errors)


def _registered(actor: User, data: dict[str, Any]) -> tuple[MonitoringRecord, str | None]:
    """The job registered, and what the officer must know of what was not written: a mobile
    the bank keeps as it was (services.kept_mobile)."""
    record = services.register_job(actor, data, close_unit_question=services.CLOSE_UNIT)
    return record, services.kept_mobile(record.person, data.get("mobile"))


@bp.post("/records/<int:record_id>/end")
@role_required(Role.AGENCY_OFFICER, Role.ADMIN)
def end_record(record_id: int) -> Response:
    actor = current_user._get_current_object()
    shown = services.own_record(actor, record_id)
    name = shown.person.full_name
    record, errors = submit(EndSchema(), lambda data: already_done.end_once(
        actor, record_id, data["end_date"]))
    if not errors and record is None:  # this very end was recorded already
        flash(already_done.ended_message(name, shown), "info")
    else:
        _flash(errors, ended_message(name, record.end_date) if record else "",
               f"پایان اشتغال «{name}» ثبت نشد: ")
    return redirect(url_for("monitoring.records", **_list_args()))


def ended_message(name: str, end: date, done: str = "ثبت شد") -> str:
    """An end announced for a later day still holds her until it comes (models.active_on):
    saying she is free now would send another agency to a refusal."""
    day = format_date(end)
    if end <= today():
        return f"پایان اشتغال «{name}» {done}؛ از {day} می‌توان او را دوباره ثبت کرد."
    return (f"پایان اشتغال «{name}» {done}؛ اشتغال او در {day} پایان می‌یابد. از همین حالا "
            f"هر دستگاهی می‌تواند اشتغال تازهٔ او را با تاریخ شروع {day} یا پس از آن ثبت کند.")


@bp.post("/records/<int:record_id>/end/correct")
@role_required(Role.AGENCY_OFFICER, Role.ADMIN)
def correct_end(record_id: int) -> Response:
    actor = current_user._get_current_object()
    name = services.own_record(actor, record_id).person.full_name
    record, errors = submit(CorrectEndSchema(), lambda data: services.correct_end(
        actor, record_id, None if data["clear"] else data["end_date"]))
    _flash(errors, corrected_message(name, record.end_date) if record else "",
           f"اصلاح پایان اشتغال «{name}» انجام نشد: ")
    return redirect(url_for("monitoring.records", **_list_args()))


def corrected_message(name: str, end: date | None) -> str:
    """An end taken back holds her again: another agency's officer will meet a refusal."""
    if end is None:
        return (f"پایان اشتغال «{name}» برداشته شد؛ اشتغال او ادامه دارد و دستگاه دیگری "
                "نمی‌تواند او را ثبت کند.")
    return ended_message(name, end, done="اصلاح شد")


@bp.post("/records/<int:record_id>/withdraw")
@role_required(Role.AGENCY_OFFICER, Role.ADMIN)
def withdraw(record_id: int) -> Response | tuple[str, int]:
    """A refusal is answered on a page of its own, with the reason beside its field (400) or
    why this record cannot be taken back and what to do instead (409); the list is a redirect
    away once it is done, or was done already."""
    actor = current_user._get_current_object()
    shown = services.own_record(actor, record_id)
    row = record_row(shown)
    # a record past taking back is refused for its state, not for a reason left empty on a
    # form posted again from an older page
    schema = WithdrawalSchema() if services.withdrawable(shown) else FormSchema()
    record, errors = submit(schema, lambda data: withdrawal.withdraw_once(
        actor, record_id, data.get("reason", "")))
    if errors:
        return render_template("monitoring/withdraw.html", record=row, errors=errors,
                               values=request.form.to_dict(), here=_list_args()
                               ), status_for(errors)
    if record is None:  # taken back already
        flash(withdrawal.withdrawn_message(row["name"], shown), "info")
    else:
        flash(f"ثبت اشتغال «{row['name']}» پس گرفته شد؛ این اشتغال دیگر شمرده نمی‌شود و "
              "هر دستگاهی می‌تواند او را برای همان روزها ثبت کند.", "success")
    return redirect(url_for("monitoring.records", **_list_args()))


@bp.post("/records/<int:record_id>/decide")
@role_required(Role.INSPECTOR, Role.ADMIN)
def decide(record_id: int) -> Response:
    actor = current_user._get_current_object()
    shown = services.own_record(actor, record_id)
    name = shown.person.full_name
    verified = request.form.get("verified") == "1"  # for the message; the schema decides
    decision, errors = submit(DecisionSchema(), lambda data: already_done.decide_once(
        actor, record_id, data["verified"], data.get("reason")))
    if not errors and decision is None:  # the same decision was taken already
        flash(already_done.decided_message(name, shown), "info")
        return redirect(url_for("monitoring.records", **_list_args()))
    done = f"اشتغال «{name}» تأیید شد." if verified else f"اشتغال «{name}» رد شد."
    if decision is not None and decision.undone is not None:
        done = f"{done} {decision.undone.message}"
    _flash(errors, done, f"{'تأیید' if verified else 'رد'} اشتغال «{name}» انجام نشد: ")
    return redirect(url_for("monitoring.records", **_list_args()))


@bp.post("/records/verify")
@role_required(Role.INSPECTOR, Role.ADMIN)
def verify_selected() -> Response:
    """The records ticked on the list, verified together (bulk_verify); each one that could
    not be is named with its reason."""
    actor = current_user._get_current_object()
    outcome, errors = submit(BulkVerifySchema(), lambda data: bulk_verify.verify_selected(
        actor, data["record_id"]), lists=("record_id",))
    if outcome is None:
        _flash(errors, "", "تأیید سوابق انجام نشد: ")
    else:
        if outcome.verified:
            flash(f"{persian_digits(len(outcome.verified))} اشتغال تأیید شد: "
                  f"{'، '.join(outcome.verified)}.", "success")
        if outcome.already:
            names = "، ".join(f"«{name}»" for name in outcome.already)
            flash(f"اشتغال {names} پیش‌تر تأیید شده بود؛ {already_done.NOTHING_CHANGED}",
                  "info")
        for name, reason in outcome.refused:
            flash(f"اشتغال «{name}» تأیید نشد: {reason}" if name
                  else f"یکی از سوابق انتخاب‌شده تأیید نشد: {reason}", "danger")
    return redirect(url_for("monitoring.records", **_list_args()))


def _list_args() -> dict[str, str]:
    """The search and page the list was showing, which its forms carry in their action: after
    a decision the inspector is back where she was, not at the top of every record."""
    return {k: v for k, v in request.args.items() if k in (*FILTER_NAMES, "page") and v}


def _flash(errors: dict[str, list[str]], success: str, refused: str) -> None:
    """The list holds many rows: a message names the person whose row it is about."""
    for messages in errors.values():
        for message in messages:
            flash(refused + message, "danger")
    if not errors:
        flash(success, "success")


@bp.route("/commitments", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def commitments() -> str | Response | tuple[str, int]:
    """A refused target is said in its agency's row, with what was typed; a year that cannot
    be one is said above the list, which shows the current year instead."""
    actor = current_user._get_current_object()
    year, year_error = _year(request.values.get("year"))
    errors: dict[str, list[str]] = {"year": [year_error]} if year_error else {}
    error_row, typed = None, request.form.get("target", "")
    if request.method == "POST" and not year_error:
        _, errors = submit(CommitmentSchema(), lambda data: commit_agency(actor, data))
        if not errors:
            flash("تعهد اشتغال ذخیره شد.", "success")
            return redirect(url_for("monitoring.commitments", year=year))
        error_row = request.form.get("agency_id", type=int)
    return render_template("monitoring/commitments.html", year=year, errors=errors,
                           error_row=error_row, typed=typed, latest_year=latest_year(),
                           rows=commitment_rows(year)), status_for(errors)


def _year(raw: str | None) -> tuple[int, str | None]:
    """The year asked for, or the current one and why the one asked for cannot be shown."""
    from databank.validation import InvalidValue, jalali_year

    if not (raw or "").strip():
        return current_year(), None
    try:
        return jalali_year(raw, earliest=EARLIEST_YEAR, latest=latest_year()), None
    except InvalidValue as error:
        return current_year(), f"{error.message} سال جاری نشان داده شده است."
