"""`databank import graduates|vacancies PATH`, `databank export graduates|vacancies PATH` and
`databank duplicates`: translations between the terminal and the import services."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click
from flask.cli import with_appcontext

from databank.cli import Refusal, output_format, replacing
from databank.db import db
from databank.imports import duplicates, exports, services
from databank.imports.columns import KIND_LABELS, KINDS, REASON_HEADER
from databank.imports.errors import UnreadableFile
from databank.jalali import persian_digits as fa

SHOWN_REFUSALS = 50
# The exit status of an import whose good rows were stored and some rows refused: a script
# must take it neither for a whole import (0) nor for a failed one (1: a file that cannot be
# read, --strict with a refused row; click's usage errors are 2).
PARTLY_REFUSED = 3
EXIT_STATUS_HELP = ("Exit status: 0 when no row was refused (a row that says just what the "
                    "bank holds is counted unchanged, not refused, even one about a graduate "
                    "with an account or a unit an employer holds); 3 when some rows were "
                    "refused (written to the error file) and the others stored; 1 when the "
                    "import failed: an unreadable file or --strict with a refused row "
                    "(nothing stored), or an error file that could not be written (the "
                    "message says what was stored).")


@click.group("import")
def import_group() -> None:
    """Import graduates or vacancies from a CSV (UTF-8) or XLSX file."""


@click.group("export")
def export_group() -> None:
    """Export graduates or vacancies as CSV or XLSX (by the file's extension)."""


class PartlyRefused(Refusal):
    """Printed as its Persian message, as every refusal, with its own exit status."""

    exit_code = PARTLY_REFUSED


def _fail(message: str) -> NoReturn:
    raise Refusal(message)


def error_file_for(path: Path, errors_path: Path | None) -> tuple[Path, str]:
    """Where the refused rows of an import of `path` go, and in which format; checked before
    the import, whose good rows are committed as it goes."""
    error_file = errors_path or path.with_name(f"{path.stem}-errors{path.suffix}")
    try:
        return error_file, output_format(error_file)
    except Refusal as refusal:
        _fail(f"{refusal.message} (فایل ردیف‌های ردشده؛ جای دیگری را با ‎--errors‎ بدهید.) "
              "هیچ ردیفی ذخیره نشد.")


def write_error_file(error_file: Path, write: Callable[[Path], None], stored: bool,
                     report: Callable[[], None]) -> None:
    """Write the error file in place of any older one; when it cannot be written, the report
    is printed all the same (its refused rows are all the sender has left) and the command
    fails saying what was stored."""
    try:
        with replacing(error_file) as temporary:
            write(temporary)
    except Refusal as refusal:
        report()
        done = "ردیف‌های درست ذخیره شده‌اند" if stored else "هیچ ردیفی از این فایل ذخیره نشد"
        _fail(f"{refusal.message} {done}؛ ردیف‌های ردشده در بالا آمده‌اند.")


errors_option = click.option(
    "--errors", "errors_path", type=click.Path(path_type=Path),
    help="Where to write the refused rows, as CSV or XLSX by its extension "
         "(default: PATH-errors.ext).")


def _import(kind: str, path: Path, strict: bool, errors_path: Path | None) -> None:
    try:
        source = services.prepare(kind, path)
    except UnreadableFile as error:
        _fail(f"فایل «{path}» وارد نشد: {error.message} هیچ ردیفی ذخیره نشد.")
    error_file, error_format = error_file_for(path, errors_path)
    label = f"ورود {KIND_LABELS[kind]}"
    with click.progressbar(length=source.table.rows, label=label, file=sys.stderr) as bar:
        result = services.run_import(source, strict=strict, progress=bar.update)
    if result.refused:
        # in the format its own extension names, whatever the format of the file imported
        as_named = replace(source, table=replace(source.table, format=error_format))
        write_error_file(error_file, lambda target: services.write_error_file(
            as_named, result, target), result.stored, lambda: _report(result, None))
    _report(result, error_file if result.refused else None)
    if not result.stored:
        _fail("حالت سخت‌گیرانه: چون ردیف ردشده وجود دارد، هیچ ردیفی از این فایل ذخیره نشد.")
    if result.refused:
        raise PartlyRefused(f"{fa(len(result.refused))} ردیف رد شد و ذخیره نشد (فایل "
                            f"ردیف‌های ردشده: {error_file})؛ ردیف‌های درست ذخیره شدند.")


def _report(result: services.ImportResult, error_file: Path | None) -> None:
    click.echo(f"ردیف‌های خوانده‌شده: {fa(result.rows_read)}")
    click.echo(f"ساخته‌شده: {fa(result.created)}")
    click.echo(f"به‌روزشده: {fa(result.updated)}")
    if result.unchanged:
        click.echo(f"بی‌تغییر (همان که در بانک است؛ نوشته نشد): {fa(result.unchanged)}")
    click.echo(f"ردشده: {fa(len(result.refused))}")
    for row in result.refused[:SHOWN_REFUSALS]:
        click.echo(f"  {row.reason}")
    if len(result.refused) > SHOWN_REFUSALS:
        click.echo(f"  ... و {fa(len(result.refused) - SHOWN_REFUSALS)} ردیف دیگر")
    if error_file:
        click.echo(f"فایل ردیف‌های ردشده (با ستون «{REASON_HEADER}»): {error_file}")
    if result.ignored_columns:
        click.echo("ستون‌های ناشناخته که نادیده گرفته شد: " + "، ".join(result.ignored_columns))
    if result.possible_duplicates:
        click.echo(f"موارد احتمالاً تکراری (نام و سال تولد یکسان، کد ملی متفاوت): "
                   f"{fa(result.possible_duplicates)} گروه؛ فهرست در صفحهٔ /imports/duplicates "
                   f"یا با فرمان «databank duplicates».")


def _make_import(kind: str) -> click.Command:
    @click.command(kind, help=f"Import {kind} from PATH (.csv or .xlsx); refused rows go to "
                              "an error file of the same format.\n\n" + EXIT_STATUS_HELP)
    @click.argument("path", type=click.Path(path_type=Path))
    @click.option("--strict", is_flag=True,
                  help="Store nothing when any row is refused (exit status 1).")
    @errors_option
    @with_appcontext
    def command(path: Path, strict: bool, errors_path: Path | None) -> None:
        _import(kind, path, strict, errors_path)

    return command


def _make_export(kind: str) -> click.Command:
    @click.command(kind, help=f"Export all {kind} to PATH (.csv or .xlsx).")
    @click.argument("path", type=click.Path(path_type=Path))
    @with_appcontext
    def command(path: Path) -> None:
        fmt = output_format(path)
        with (replacing(path) as temporary,
              click.progressbar(length=exports.export_count(kind),
                                label=f"خروجی {KIND_LABELS[kind]}", file=sys.stderr) as bar):
            count = exports.export(kind, temporary, fmt, progress=bar.update)
        db.session.commit()
        click.echo(f"{fa(count)} ردیف در {path} نوشته شد.")

    return command


for _kind in KINDS:
    import_group.add_command(_make_import(_kind))
    export_group.add_command(_make_export(_kind))


@click.command("duplicates")
@with_appcontext
def duplicates_command() -> None:
    """List possible duplicate graduates (same name and birth year, different national IDs)."""
    count = 0
    for group in duplicates.all_possible_duplicates():
        count += 1
        click.echo(f"{group.full_name} — متولد {fa(group.birth_year)}:")
        for person in group.persons:
            details = "، ".join(part for part in (person.city, person.university,
                                                  person.field_of_study) if part)
            click.echo(f"  {person.national_id}  {person.full_name}  {details}")
    click.echo(f"{fa(count)} گروه احتمالاً تکراری." if count
               else "مورد احتمالاً تکراری پیدا نشد.")


def commands() -> tuple[click.Command, ...]:
    return (import_group, export_group, duplicates_command)
