"""Upload pages for the two monitoring files: an inspector's social-insurance list that
verifies registered jobs, and an agency's list of jobs its programme created."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from databank.accounts.access import role_required
from databank.accounts.models import User
from databank.db import db
from databank.forms import FormErrors, status_for
from databank.imports import storage
from databank.imports.errors import UnreadableFile
from databank.imports.readers import file_format
from databank.imports.views import download, keep_error_file, send_error_file
from databank.imports.writers import write_table
from databank.monitoring import job_import, verification

bp = Blueprint("verification", __name__)
SHOWN = 500
T = TypeVar("T")


@bp.route("/monitoring/verification/insured", methods=["GET", "POST"])
@role_required(*verification.VERIFIERS)
def insured() -> tuple[str, int]:
    actor = current_user._get_current_object()
    outcome, errors = None, {}
    if request.method == "POST":
        outcome, errors = _with_upload(lambda path, name: _verify_insured(actor, path, name))
        if outcome is not None:
            db.session.commit()
    result, token = outcome or (None, None)
    return render_template("verification/insured.html", result=result, errors=errors,
                           token=token, window=verification.INSURANCE_WINDOW,
                           columns=verification.INSURANCE_COLUMNS, shown=SHOWN
                           ), status_for(errors)


def _verify_insured(actor: User, path: Path, name: str
                    ) -> tuple[verification.VerificationResult, str | None]:
    """The verification, and the token of the list's error file when some of its rows were
    refused or explain no record."""
    insurance = verification.read_insurance_list(path, name)
    result = verification.verify_insured(actor, insurance)
    token = keep_error_file("." + insurance.format, lambda target: (
        verification.write_error_file(insurance, result, target))) \
        if result.error_rows() else None
    return result, token


@bp.get("/monitoring/verification/insured/errors/<token>")
@role_required(*verification.VERIFIERS)
def insured_error_file(token: str) -> Response:
    return send_error_file(token, "insurance-list-errors")


@bp.route("/monitoring/records/import", methods=["GET", "POST"])
@role_required(*job_import.IMPORTERS)
def import_jobs() -> tuple[str, int]:
    actor = current_user._get_current_object()
    outcome, errors = None, {}
    if request.method == "POST":
        outcome, errors = _with_upload(lambda path, name: _import_jobs(actor, path, name))
    result, token = outcome or (None, None)
    return render_template("verification/import_jobs.html", result=result, errors=errors,
                           token=token, columns=job_import.JOB_COLUMNS, shown=SHOWN,
                           agency=actor.agency.name if actor.agency else None
                           ), status_for(errors)


def _import_jobs(actor: User, path: Path, name: str
                 ) -> tuple[job_import.JobImportResult, str | None]:
    """The import, and the token of its error file when rows were refused."""
    source = job_import.prepare_jobs(path, name)
    result = job_import.import_jobs(actor, source)
    token = keep_error_file("." + source.table.format, lambda target: (
        job_import.write_error_file(source, result, target))) if result.refused else None
    return result, token


@bp.get("/monitoring/records/import/template.<any(csv, xlsx):fmt>")
@role_required(*job_import.IMPORTERS)
def job_template(fmt: str) -> Response:
    """An empty sheet with the Persian headers the import reads: what an agency fills in.
    An agency officer's has no agency column (her rows are her agency's)."""
    buffer = io.BytesIO()
    write_table(buffer, fmt, job_import.template_headers(current_user.agency_id is None), ())
    buffer.seek(0)
    return download(buffer, f"jobs-template.{fmt}")


@bp.get("/monitoring/records/import/errors/<token>")
@role_required(*job_import.IMPORTERS)
def job_error_file(token: str) -> Response:
    return send_error_file(token, "jobs-import-errors")


def _with_upload(run: Callable[[Path, str], T]) -> tuple[T | None, FormErrors]:
    """Run the service on the uploaded file, kept only while it is read."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return None, {"file": ["فایلی برای بارگذاری انتخاب کنید."]}
    try:
        with _saved(upload) as path:
            return run(path, upload.filename[:200]), {}
    except UnreadableFile as error:
        db.session.rollback()
        return None, {"file": [error.message]}


@contextmanager
def _saved(upload: FileStorage) -> Iterator[Path]:
    suffix = "." + file_format(upload.filename or "")
    _, path = storage.new_file(storage.folder(current_app.instance_path, "uploads"), suffix)
    upload.save(path)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)
