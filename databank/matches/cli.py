"""`databank match`: run the matching engine over the bank and store the proposals."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from databank.cli import Refusal, output_format, replacing
from databank.db import db
from databank.jalali import persian_digits
from databank.matches.export import export_matches, match_count
from databank.matches.services import DEFAULT_TOP, match_bank


@click.command("match")
@click.option("--top", "top", type=click.IntRange(1, 500), default=DEFAULT_TOP,
              show_default=True, help="Proposals kept per vacancy.")
@click.option("--vacancy", "ref", default=None, help="Only the open vacancy with this ref.")
@with_appcontext
def match_command(top: int, ref: str | None) -> None:
    """Propose candidates for the open vacancies among consenting graduates. Proposals an
    office, a graduate or an employer has acted on keep their state."""
    with click.progressbar(length=1, label="تطبیق", show_percent=True) as bar:
        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        stored = match_bank(top, ref, progress)
    if ref and stored == 0 and not _has_open(ref):
        db.session.rollback()
        raise Refusal(f"فرصت شغلی باز با کد «{ref}» پیدا نشد.")
    db.session.commit()
    click.echo(f"{persian_digits(stored)} پیشنهاد تطبیق ذخیره شد.")


@click.command("matches")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
def export_matches_command(path: Path) -> None:
    """Export every proposal to PATH (.csv or .xlsx): vacancy_ref, unit_name, national_id,
    rank, score, reasons, status."""
    fmt = output_format(path)
    with (replacing(path) as temporary,
          click.progressbar(length=match_count(), label="خروجی پیشنهادها") as bar):
        count = export_matches(temporary, fmt, progress=bar.update)
    db.session.commit()
    click.echo(f"{persian_digits(count)} ردیف در {path} نوشته شد.")


def _has_open(ref: str) -> bool:
    from databank.matches.services import open_vacancies

    return bool(open_vacancies(ref))
