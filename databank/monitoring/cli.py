"""`databank verify insured PATH --as USERNAME` and `databank import jobs PATH --as USERNAME`:
translations between the terminal and the verification and job-import services. The account
named by --as is the one the audit log records as acting."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from databank.accounts.models import ROLE_LABELS, Role, User
from databank.cli import Refusal
from databank.db import db
from databank.imports.cli import PartlyRefused, error_file_for, errors_option, write_error_file
from databank.imports.columns import REASON_HEADER
from databank.imports.errors import UnreadableFile
from databank.jalali import format_date
from databank.jalali import persian_digits as fa
from databank.monitoring import job_import, verification

SHOWN = 200
AS_HELP = "Username of the account acting (recorded in the audit log)."


def _fail(message: str) -> NoReturn:
    raise Refusal(message)


def acting_user(username: str | None, roles: Sequence[Role]) -> User:
    allowed = " یا ".join(ROLE_LABELS[role] for role in roles)
    if not username:
        _fail(f"حساب انجام‌دهنده را با ‎--as نام‌کاربری‎ مشخص کنید ({allowed}).")
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None or not user.is_active:
        _fail(f"حساب فعالی با نام کاربری «{username}» پیدا نشد.")
    if user.role not in roles:
        _fail(f"حساب «{username}» ({user.role.label}) اجازهٔ این کار را ندارد؛ فقط "
              f"{allowed}.")
    return user


def _listed(title: str, lines: Sequence[str]) -> None:
    click.echo(f"{title}: {fa(len(lines))}")
    for line in lines[:SHOWN]:
        click.echo(f"  {line}")
    if len(lines) > SHOWN:
        click.echo(f"  ... و {fa(len(lines) - SHOWN)} مورد دیگر")


@click.group("verify")
def verify_group() -> None:
    """Verify registered jobs in bulk."""


@verify_group.command("insured")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--as", "username", help=AS_HELP)
@errors_option
@with_appcontext
def verify_insured_command(path: Path, username: str | None, errors_path: Path | None) -> None:
    """Verify registered jobs against a social-insurance list (.csv or .xlsx with
    national_id, workshop_code, employer_name, start_date). Rows refused or matching no
    record go to an error file, each with its reason."""
    actor = acting_user(username, verification.VERIFIERS)
    try:
        insurance = verification.read_insurance_list(path)
    except UnreadableFile as error:
        _fail(f"فایل «{path}» خوانده نشد: {error.message} هیچ سابقه‌ای تغییر نکرد.")
    error_file, error_format = error_file_for(path, errors_path)
    try:
        result = verification.verify_insured(actor, insurance)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    error_rows = bool(result.error_rows())
    if error_rows:
        write_error_file(error_file, lambda target: verification.write_error_file(
            insurance, result, target, error_format), bool(result.verified),
            lambda: _report_insured(result, None))
    _report_insured(result, error_file if error_rows else None)


def _report_insured(result: verification.VerificationResult, error_file: Path | None) -> None:
    window = verification.INSURANCE_WINDOW
    click.echo(f"راستی‌آزمایی با فهرست بیمهٔ «{result.name}» (بیمه از "
               f"{fa(window.days_before)} روز پیش تا {fa(window.days_after)} روز پس از شروع "
               "اشتغال)")
    click.echo(f"ردیف‌های خوانده‌شده: {fa(result.rows_read)}")
    _listed("تأییدشده در این اجرا", [_record(line) for line in result.verified])
    _listed("همچنان در انتظار راستی‌آزمایی",
            [f"{_record(line)}: {line.reason}" for line in result.pending])
    _listed("ردیف‌های بیمهٔ بی‌سابقه در بانک", [
        f"ردیف {fa(row.row)} — {row.national_id}، کارگاه {row.workshop_code}"
        f"{'، ' + row.employer_name if row.employer_name else ''}، از "
        f"{format_date(row.start_date)}: {row.reason}" for row in result.unmatched])
    _listed("ردیف‌های ردشده", [f"ردیف {fa(row.row)} — {row.reason}" for row in result.refused])
    if error_file:
        click.echo(f"فایل ردیف‌های ردشده و جورنشده (با ستون «{REASON_HEADER}»): {error_file}")
    if result.ignored_columns:
        click.echo("ستون‌های ناشناخته که نادیده گرفته شد: " + "، ".join(result.ignored_columns))


def _record(line: verification.RecordLine) -> str:
    unit = f"، {line.unit}" if line.unit else ""
    return (f"{line.full_name} ({line.national_id})، {line.agency}{unit}، شروع "
            f"{format_date(line.start_date)}")


@click.command("jobs")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--as", "username", help=AS_HELP)
@errors_option
@with_appcontext
def import_jobs_command(path: Path, username: str | None, errors_path: Path | None) -> None:
    """Register jobs an agency's programme created outside the databank, from PATH (.csv or
    .xlsx); an agency officer imports for her own agency, the admin names it per row. Refused
    rows go to an error file, to fix and import again."""
    actor = acting_user(username, job_import.IMPORTERS)
    try:
        source = job_import.prepare_jobs(path)
        error_file, error_format = error_file_for(path, errors_path)
        with click.progressbar(length=source.table.rows, label="ورود اشتغال‌ها",
                               file=sys.stderr) as bar:
            result = job_import.import_jobs(actor, source, progress=bar.update)
    except UnreadableFile as error:
        _fail(f"فایل «{path}» وارد نشد: {error.message} هیچ ردیفی ذخیره نشد.")
    if result.refused:
        write_error_file(error_file, lambda target: job_import.write_error_file(
            source, result, target, error_format), bool(result.registered),
            lambda: _report_jobs(result, None))
    _report_jobs(result, error_file if result.refused else None)
    if result.refused:  # exit 3, as the other imports: some rows refused, the rest stored
        raise PartlyRefused(f"{fa(len(result.refused))} ردیف رد شد و ثبت نشد (فایل ردیف‌های "
                            f"ردشده: {error_file})؛ ردیف‌های درست ثبت شدند.")


def _report_jobs(result: job_import.JobImportResult, error_file: Path | None) -> None:
    click.echo(f"ردیف‌های خوانده‌شده: {fa(result.rows_read)}")
    click.echo(f"ثبت‌شده: {fa(result.registered)}")
    if result.unchanged:
        click.echo(f"بی‌تغییر (همان اشتغالِ ثبت‌شدهٔ این دستگاه؛ نوشته نشد): "
                   f"{fa(result.unchanged)}")
    _listed("ردشده", [row.reason for row in result.refused])
    if result.notes:
        _listed("یادداشت ردیف‌های ثبت‌شده", [
            f"ردیف {fa(note.row)}{f' — {note.column}' if note.column else ''}: {note.message}"
            for note in result.notes])
    if result.new_units:
        _listed("واحدهای تازه‌ای که این فایل ساخت", [
            f"«{name}»" + (" — نزدیک به " + "، ".join(f"«{known}»" for known in close)
                          if close else "")
            for name, close in result.new_units.items()])
    if error_file:
        click.echo(f"فایل ردیف‌های ردشده (با ستون «دلیل رد»): {error_file}")
    if result.ignored_columns:
        click.echo("ستون‌های ناشناخته که نادیده گرفته شد: " + "، ".join(result.ignored_columns))


def commands() -> tuple[click.Command, ...]:
    """`verify` is a group of its own; `jobs` joins the `import` group of the imports area."""
    from databank.imports.cli import import_group

    import_group.add_command(import_jobs_command)
    return (verify_group,)
