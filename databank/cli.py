"""The `databank` console script: Flask's commands (db, run, shell) plus each area's own."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from databank.accounts.models import Role
from databank.db import db
from databank.errors import DomainError
from databank.jalali import persian_digits


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
        raise click.ClickException("پایگاه داده خالی نیست؛ داده‌های نمونه فقط در پایگاه "
                                   "دادهٔ خالی ساخته می‌شود.")
    logins = seed_demo()
    db.session.commit()
    path = save_logins(current_app.instance_path, logins)
    click.echo("داده‌های نمونهٔ شهرستان ساخته شد. ورود نمونه (نام کاربری / گذرواژه):")
    for username, password in logins.items():
        click.echo(f"  {username:<10} {password}")
    click.echo(f"(در {path} هم نگه داشته شد)")


@click.command("create-admin")
@click.argument("username")
@click.option("--display-name", default="مدیر سامانه")
@click.password_option(prompt="گذرواژه")
@with_appcontext
def create_admin_command(username: str, display_name: str, password: str) -> None:
    """Create an admin account (the first one, on a production database)."""
    from marshmallow import ValidationError

    from databank.accounts.schemas import check_new_password
    from databank.accounts.services import create_user

    try:
        check_new_password(password, username)
        create_user(username=username, password=password, display_name=display_name,
                    role=Role.ADMIN)
    except ValidationError as error:
        raise click.ClickException(" ".join(_messages(error.messages))) from None
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"حساب مدیر «{username}» ساخته شد.")


def _messages(messages: object) -> list[str]:
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in _messages(value)]
    if isinstance(messages, list):
        return [str(m) for m in messages]
    return [str(messages)]


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
