"""The upload page, the error-file download, exports and the possible-duplicates list; for
placement officers and admins only (the files carry national IDs and mobile numbers)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, send_file
from flask_login import current_user
from marshmallow import ValidationError
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from databank.accounts.access import role_required
from databank.accounts.models import Role
from databank.db import db, requested_page
from databank.forms import FormErrors, status_for
from databank.imports import duplicates, exports, services, storage
from databank.imports.columns import COLUMNS, GRADUATES, KIND_LABELS, KINDS
from databank.imports.errors import UnreadableFile
from databank.imports.readers import file_format
from databank.imports.schemas import UploadSchema
from databank.schemas import form_values

bp = Blueprint("imports", __name__, url_prefix="/imports")
OFFICERS = (Role.PLACEMENT_OFFICER, Role.ADMIN)
SHOWN_REFUSALS = 500


@bp.route("/", methods=["GET", "POST"])
@role_required(*OFFICERS)
def upload() -> tuple[str, int]:
    values: dict[str, Any] = {"kind": GRADUATES}
    errors: FormErrors = {}
    report = None
    if request.method == "POST":
        values = request.form.to_dict()
        report, errors = _import_upload(request.files.get("file"))
    return render_template(
        "imports/upload.html", values=values, errors=errors, report=report,
        kind_options=[(kind, KIND_LABELS[kind]) for kind in KINDS],
        columns={kind: COLUMNS[kind] for kind in KINDS}, shown=SHOWN_REFUSALS,
        all_graduates=exports.all_graduates(current_user._get_current_object()),
    ), status_for(errors)


def _import_upload(upload: FileStorage | None) -> tuple[dict[str, Any] | None, FormErrors]:
    try:
        data = UploadSchema().load(form_values(request.form))
    except ValidationError as error:
        return None, {name: list(messages) for name, messages in error.messages.items()}
    if upload is None or not upload.filename:
        return None, {"file": ["فایلی برای ورود انتخاب کنید."]}
    try:
        suffix = "." + file_format(upload.filename)
    except UnreadableFile as error:
        return None, {"file": [error.message]}
    _, path = storage.new_file(storage.folder(current_app.instance_path, "uploads"), suffix)
    upload.save(path)
    try:
        name = PurePosixPath(upload.filename.replace("\\", "/")).name[:200]
        source = services.prepare(data["kind"], path, name=name)
        result = services.run_import(source, actor=current_user._get_current_object(),
                                     strict=data["strict"])
    except UnreadableFile as error:
        return None, {"file": [error.message]}
    finally:
        path.unlink(missing_ok=True)
    token = keep_error_file(suffix, lambda target: services.write_error_file(
        source, result, target)) if result.refused else None
    return {"result": result, "kind_label": KIND_LABELS[result.kind], "token": token}, {}


def keep_error_file(suffix: str, write: Callable[[Path], None]) -> str:
    """An error file of the current user's (storage.keep_error_file): any import page's."""
    return storage.keep_error_file(current_app.instance_path, current_user.id, suffix, write)


def send_error_file(token: str, name: str) -> Response:
    """The current user's error file by its token; 404 for a token of anyone else's, as for
    one that never was (any import page's download)."""
    path = storage.find_error_file(current_app.instance_path, current_user.id, token)
    if path is None:
        abort(404)
    return download(io.BytesIO(path.read_bytes()), f"{name}{path.suffix}")


@bp.get("/errors/<token>")
@role_required(*OFFICERS)
def error_file(token: str) -> Response:
    return send_error_file(token, "import-errors")


@bp.get("/export/<any(graduates, vacancies):kind>.<any(csv, xlsx):fmt>")
@role_required(*OFFICERS)
def export(kind: str, fmt: str) -> Response:
    """An office's graduates file holds only those who consented (exports.all_graduates)."""
    buffer = io.BytesIO()
    exports.export(kind, buffer, fmt, actor=current_user._get_current_object())
    db.session.commit()
    buffer.seek(0)
    return download(buffer, f"{kind}.{fmt}")


def download(buffer: io.BytesIO, name: str) -> Response:
    """A file to save, never cached: exports and error files carry personal data."""
    response = send_file(buffer, as_attachment=True, download_name=name)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/duplicates")
@role_required(*OFFICERS)
def possible_duplicates() -> str:
    page = duplicates.possible_duplicates(
        requested_page(request.args.get("page")),
        consented_contacts_only=not exports.all_graduates(current_user._get_current_object()))
    return render_template("imports/duplicates.html", page=page)
