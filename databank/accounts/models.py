"""Users and their roles: who may log in and what each may do."""

from __future__ import annotations

import secrets
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from databank.db import db, enum_type, utcnow

if TYPE_CHECKING:
    from databank.organisations.models import Agency, IndustrialUnit, PlacementOffice
    from databank.people.models import Person


class Role(StrEnum):
    GRADUATE = "graduate"
    EMPLOYER = "employer"
    PLACEMENT_OFFICER = "placement_officer"
    AGENCY_OFFICER = "agency_officer"
    INSPECTOR = "inspector"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


# No parentheses: the navbar and the CLI's messages put a label in parentheses after a name.
ROLE_LABELS = {
    Role.GRADUATE: "دانش‌آموخته",
    Role.EMPLOYER: "کارفرمای واحد صنعتی",
    Role.PLACEMENT_OFFICER: "کارشناس دفتر کاریابی",
    Role.AGENCY_OFFICER: "کارشناس دستگاه اجرایی",
    Role.INSPECTOR: "بازرس راستی‌آزمایی",
    Role.ADMIN: "مدیر سامانه",
}
OFFICER_ROLES = (Role.PLACEMENT_OFFICER, Role.AGENCY_OFFICER, Role.INSPECTOR, Role.ADMIN)
SELF_REGISTERED_ROLES = (Role.GRADUATE, Role.EMPLOYER)


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(db.Model):
    """A login. The session carries `session_token`, not the id, so logging out or changing the
    password (which rotate it) ends every session of that user on the server."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "role <> 'placement_officer' OR office_id IS NOT NULL", name="officer_has_office"
        ),
        CheckConstraint(
            "role <> 'agency_officer' OR agency_id IS NOT NULL", name="agency_officer_has_agency"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"))
    is_active: Mapped[bool] = mapped_column(default=True)
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None]
    # raised to end the trust of every browser she logged in from (accounts.devices)
    device_epoch: Mapped[int] = mapped_column(default=0, server_default="0")
    # a password someone else knows (the admin typed or reset it): changed before anything else
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), unique=True)
    # One account holds a unit: a second holder would see the contacts meant for the first.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("industrial_units.id"), unique=True)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("placement_offices.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))

    person: Mapped[Person | None] = relationship()
    unit: Mapped[IndustrialUnit | None] = relationship()
    office: Mapped[PlacementOffice | None] = relationship()
    agency: Mapped[Agency | None] = relationship()

    # Flask-Login's protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return self.session_token

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles


class UnheldName(db.Model):
    """Wrong passwords sent for a username nobody holds, counted and locked as an account's
    are: were such a name never locked, the lock message would tell a stranger which names
    exist. Rows are pruned once they have said nothing for a day (accounts.services)."""

    __tablename__ = "unheld_login_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None]
    last_failed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
