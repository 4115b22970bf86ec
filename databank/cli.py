"""The `databank` console script: Flask's commands (db, run, shell) plus each area's own."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from databank.accounts.models import Role
from databank.db import db
from databank.errors import DomainError
from databank.jalali import persian_digits


class Refusal(click.ClickException):
    """A refusal printed as its Persian message alone: click's own English "Error:" prefix
    would otherwise precede every message of the app's commands. Exits with status 1."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.format_message(), file=file, err=file is None)


def output_format(path: Path) -> str:
    """The format ("csv" or "xlsx") the extension of a file about to be written names, once
    its folder is known to take a new file: checked before any work, so that nothing is
    stored, and no traceback comes, for a file that cannot be written."""
    from databank.imports.readers import FORMATS

    if path.is_dir():
        raise Refusal(f"«{path}» یک پوشه است؛ نام یک فایل را بدهید.")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise Refusal(f"فایل «{path}» نوشته نمی‌شود: قالب فایل از پسوندش خوانده می‌شود و "
                      "پسوند باید ‎.csv‎ یا ‎.xlsx‎ باشد.")
    folder = path.parent
    if not folder.is_dir():
        raise Refusal(f"پوشهٔ «{folder}» وجود ندارد؛ فایل «{path.name}» در آن نوشته "
                      "نمی‌شود.")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        raise Refusal(f"در پوشهٔ «{folder}» نمی‌توان فایل نوشت؛ پوشهٔ دیگری بدهید.") from None
    return fmt


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` that takes its place only when the block succeeds, so
    a failed write never leaves a half-written file (nor spoils one already there). A failure
    to write is refused in Persian."""
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                        suffix=".part")
    except OSError as error:
        raise Refusal(f"فایل «{path}» نوشته نشد: {error.strerror}.") from None
    os.close(handle)
    temporary = Path(name)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 is not what the user set
        yield temporary
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise Refusal(f"فایل «{path}» نوشته نشد: {error.strerror}.") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _create_app() -> Flask:
    from databank import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False,
             load_dotenv=False)
def main() -> None:
    """databank: بانک اطلاعات اشتغال شهرستان."""


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when data exists.")
@with_appcontext
def seed_demo_command(if_empty: bool) -> None:
    """Fill an empty database with the demo county and print the demo logins."""
    from databank.demo.seed import is_empty, save_logins, seed_demo

    if not is_empty():
        if if_empty:
            click.echo("پایگاه داده از قبل داده دارد؛ داده‌های نمونه افزوده نشد.")
            return
        raise Refusal("پایگاه داده خالی نیست؛ داده‌های نمونه فقط در پایگاه "
                      "دادهٔ خالی ساخته می‌شود.")
    logins = seed_demo()
    db.session.commit()
    path = save_logins(current_app.instance_path, logins)
    click.echo("داده‌های نمونهٔ شهرستان ساخته شد. ورود نمونه (نام کاربری / گذرواژه):")
    for username, password in logins.items():
        click.echo(f"  {username:<10} {password}")
    click.echo(f"(در {path} هم نگه داشته شد)")


ACCOUNT_FIELDS = {"username": "نام کاربری", "display_name": "نام نمایشی",
                  "password": "گذرواژه", "password_confirm": "تکرار گذرواژه"}


@click.command("create-admin")
@click.argument("username")
@click.option("--display-name", default="مدیر سامانه", show_default=True)
@click.option("--password", help="The password (asked for, hidden, when not given).")
@with_appcontext
def create_admin_command(username: str, display_name: str, password: str | None) -> None:
    """Create an admin account (the first one, on a production database). The values go
    through the schema of the web form for new accounts, so the same rules and messages
    apply."""
    from databank.accounts.schemas import _NewAccountSchema
    from databank.accounts.services import create_user

    confirm = password
    if password is None:
        password = click.prompt("گذرواژه", hide_input=True)
        confirm = click.prompt("تکرار گذرواژه", hide_input=True)
    errors = _NewAccountSchema().validate({"username": username, "display_name": display_name,
                                           "password": password, "password_confirm": confirm})
    if errors:
        raise Refusal("حساب مدیر ساخته نشد.\n" + "\n".join(_messages(errors)))
    try:
        create_user(username=username, password=password, display_name=display_name,
                    role=Role.ADMIN)
    except DomainError as error:
        db.session.rollback()
        raise Refusal(error.message) from None
    db.session.commit()
    click.echo(f"حساب مدیر «{username}» ساخته شد.")


def _messages(messages: object, field: str | None = None) -> list[str]:
    """Each message of a marshmallow error tree, after the Persian label of its field."""
    if isinstance(messages, dict):
        return [line for key, value in messages.items()
                for line in _messages(value, ACCOUNT_FIELDS.get(str(key), field))]
    items = messages if isinstance(messages, list) else [messages]
    return [f"{field}: {item}" if field else str(item) for item in items]


@click.command("rekey")
@with_appcontext
def rekey_command() -> None:
    """Recompute the stored keys of every free-text field (after an upgrade of the matcher's
    normalisation): the matcher trusts what is stored."""
    from databank.db import refresh_twins

    changed = refresh_twins()
    db.session.commit()
    click.echo(f"{persian_digits(changed)} کلید مقایسه دوباره ساخته شد.")


def register(app: Flask) -> None:
    from databank.imports.cli import commands as import_commands
    from databank.imports.cli import export_group
    from databank.matches.cli import export_matches_command, match_command
    from databank.monitoring.cli import commands as monitoring_commands

    export_group.add_command(export_matches_command)
    for command in (seed_demo_command, create_admin_command, rekey_command, match_command,
                    *import_commands(), *monitoring_commands()):
        app.cli.add_command(command)


if __name__ == "__main__":
    main()
