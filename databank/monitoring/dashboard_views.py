"""The employment dashboard page and its tables' CSV and XLSX exports."""

from __future__ import annotations

import io
import re

from flask import Blueprint, render_template, request, send_file
from flask_login import current_user
from werkzeug.wrappers import Response

from databank.accounts.access import role_required
from databank.errors import InvalidInput, NotFound
from databank.imports.writers import write_table
from databank.jalali import current_year
from databank.monitoring import dashboard as figures
from databank.organisations.models import Agency
from databank.validation import InvalidValue, fold_digits, jalali_year

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")
TABLE_NAMES = ", ".join(figures.TABLES)
MIMETYPES = {"csv": "text/csv",  # werkzeug adds "; charset=utf-8"
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _year() -> tuple[int, str | None]:
    """The year asked for, or the current one and why the one asked for cannot be shown."""
    raw = request.args.get("year", "").strip()
    if not raw:
        return current_year(), None
    try:
        return jalali_year(raw, earliest=figures.FIRST_YEAR, latest=figures.last_year()), None
    except InvalidValue as error:
        return current_year(), error.message


def _exported_year() -> int:
    """A file named for one year is never another's: a year that cannot be shown refuses the
    export (400) rather than hand over the current year's figures under its link."""
    year, error = _year()
    if error:
        raise InvalidInput({"year": [error]}, error)
    return year


def _agency() -> Agency | None:
    """The breakdown's agency from ?agency=ID, within what the user may see."""
    raw = fold_digits(request.args.get("agency", "")).strip()
    if raw and not re.fullmatch(r"[0-9]{1,9}", raw):
        raise NotFound()
    return figures.breakdown_scope(current_user._get_current_object(),
                                   int(raw) if raw else None)


@bp.get("/")
@role_required(*figures.VIEWERS)
def index() -> tuple[str, int]:
    """A year that cannot be shown is said above the figures, which are the current year's
    (as the commitments and records pages do), answered 400 like any refused input."""
    (year, year_error), agency = _year(), _agency()
    user = current_user._get_current_object()
    return render_template(
        "dashboard/index.html", year=year, agency=agency.id if agency else None,
        agency_name=agency.name if agency else None, page=figures.dashboard(year, agency),
        years=figures.year_choices(year), agencies=figures.agency_choices(user),
        county_choice=user.role in figures.COUNTY_ROLES,
        breakdown_tables=figures.BREAKDOWN_TABLES,
        year_error=f"{year_error} سال جاری نشان داده شده است." if year_error else None,
    ), 400 if year_error else 200


@bp.get(f"/export/<any({TABLE_NAMES}):name>.<any(csv, xlsx):fmt>")
@role_required(*figures.VIEWERS)
def export(name: str, fmt: str) -> Response:
    year, agency = _exported_year(), _agency()
    table = figures.table(name, year, agency)
    buffer = io.BytesIO()
    write_table(buffer, fmt, table.headers, table.export_rows())
    buffer.seek(0)
    scope = f"-agency-{agency.id}" if agency and name in figures.BREAKDOWN_TABLES else ""
    response = send_file(buffer, mimetype=MIMETYPES[fmt], as_attachment=True,
                         download_name=f"dashboard-{name}-{year}{scope}.{fmt}")
    response.headers["Cache-Control"] = "no-store"
    return response
