"""The `databank` command: the demo county and the first admin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.accounts.services import authenticate, find_user
from databank.db import db
from databank.jalali import current_year
from databank.monitoring.models import Commitment
from databank.organisations.models import Agency, IndustrialEstate, PlacementOffice, University
from databank.people.models import GraduateProfile
from databank.vacancies.models import Vacancy


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_demo_fills_an_empty_county_and_prints_working_logins(runner, app) -> None:
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert count(GraduateProfile) >= 200 and count(Vacancy) >= 40
    assert count(University) >= 4 and count(IndustrialEstate) >= 3
    assert count(PlacementOffice) >= 2 and count(Agency) >= 5
    assert db.session.scalar(select(func.count(Commitment.id)).where(
        Commitment.year == current_year())) == count(Agency)
    roles = set(db.session.scalars(select(User.role)))
    assert roles == set(Role)
    for line in result.output.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in {"admin", "graduate", "employer"}:
            assert authenticate(parts[0], parts[1]) is not None
    graduate = db.session.scalar(select(User).where(User.username == "graduate"))
    assert graduate.person.profile is not None
    assert (app.instance_path + "/demo-logins.txt") in result.output.replace("\n", "")


def test_seed_demo_refuses_a_database_that_holds_data(runner, make_user) -> None:
    make_user(Role.ADMIN)
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "خالی نیست" in result.output
    assert count(GraduateProfile) == 0
    quiet = runner.invoke(args=["seed-demo", "--if-empty"])
    assert quiet.exit_code == 0 and count(GraduateProfile) == 0


def test_create_admin(runner) -> None:
    result = runner.invoke(args=["create-admin", "chief"],
                           input="a-strong-password\na-strong-password\n")
    assert result.exit_code == 0, result.output
    assert authenticate("chief", "a-strong-password").role is Role.ADMIN
    again = runner.invoke(args=["create-admin", "chief"],
                          input="a-strong-password\na-strong-password\n")
    assert again.exit_code != 0 and "گرفته شده" in again.output
    weak = runner.invoke(args=["create-admin", "other"], input="short\nshort\n")
    assert weak.exit_code != 0 and "۱۰" in weak.output


def test_the_console_script_is_installed_and_lists_its_commands() -> None:
    installed = Path(sys.executable).parent / "databank"
    script = subprocess.run([str(installed), "--help"], capture_output=True, text=True,
                            check=False)
    assert script.returncode == 0, script.stderr
    for command in ("db", "seed-demo", "create-admin", "rekey", "match", "run"):
        assert command in script.stdout


def test_rekey_rebuilds_stored_keys_that_no_longer_meet_the_matcher(
        runner, make_graduate, make_vacancy) -> None:
    """Keys written by an older normalisation are recomputed, so that matching (which trusts
    them) sees what key() gives today; keys already right are left alone."""
    from sqlalchemy import update

    from matching import key

    graduate = make_graduate(field_of_study="حسابداری", skills=["اکسل", "سپیدار"])
    vacancy = make_vacancy(title="حسابدار", fields=["حسابداری"])
    db.session.execute(update(GraduateProfile).values(field_key="old", skills_key="old|old"))
    db.session.execute(update(Vacancy).values(title_key="old"))
    db.session.commit()
    result = runner.invoke(args=["rekey"])
    assert result.exit_code == 0, result.output
    assert "۳ کلید مقایسه دوباره ساخته شد" in result.output
    db.session.expire_all()
    assert graduate.field_key == key("حسابداری") and vacancy.title_key == key("حسابدار")
    assert graduate.skills_key == f"{key('اکسل')}|{key('سپیدار')}"
    again = runner.invoke(args=["rekey"])
    assert "۰ کلید مقایسه دوباره ساخته شد" in again.output


def test_create_admin_asks_for_the_password_in_persian(runner) -> None:
    result = runner.invoke(args=["create-admin", "chief"],
                           input="a-strong-password\na-strong-password\n")
    assert result.exit_code == 0, result.output
    assert "گذرواژه" in result.output and "تکرار گذرواژه" in result.output
    assert "Repeat" not in result.output
    mismatch = runner.invoke(args=["create-admin", "second"],
                             input="a-strong-password\nanother-password\n")
    assert mismatch.exit_code == 1
    assert "تکرار گذرواژه: تکرار گذرواژه با خود گذرواژه یکی نیست." in mismatch.output
    assert find_user("second") is None


def test_create_admin_keeps_the_username_rules_of_the_web_form(runner) -> None:
    """The same schema as the form for new accounts: the same Persian messages, exit 1, and
    no account; too long a name is refused before PostgreSQL would truncate-fail on it."""
    shape = "نام کاربری فقط حروف انگلیسی"
    for username, message in (("x", "بین ۳ و ۶۴"), ("bad name", shape), ("مدیر", shape),
                              ("a" * 65, "بین ۳ و ۶۴")):
        result = runner.invoke(args=["create-admin", username],
                               input="a-strong-password\na-strong-password\n")
        assert result.exit_code == 1, (username, result.output)
        assert "نام کاربری: " in result.stderr and message in result.stderr, result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)
    long_name = runner.invoke(args=["create-admin", "chief", "--display-name", "ب" * 121],
                              input="a-strong-password\na-strong-password\n")
    assert long_name.exit_code == 1
    assert "نام نمایشی: نام حداکثر ۱۲۰ نویسه است." in long_name.stderr
    assert count(User) == 0
    edge = runner.invoke(args=["create-admin", "a" * 64, "--display-name", "ب" * 120],
                         input="a-strong-password\na-strong-password\n")
    assert edge.exit_code == 0, edge.output
    assert find_user("a" * 64).display_name == "ب" * 120


def test_refusals_are_printed_in_persian_without_clicks_english_prefix(
        runner, make_user) -> None:
    make_user(Role.ADMIN)
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 1
    assert result.stderr.startswith("پایگاه داده خالی نیست")
    assert "Error" not in result.output
