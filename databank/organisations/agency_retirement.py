"""Retiring an executive agency the working group no longer counts (dissolved, or merged into
another by the province). Nothing is deleted: its jobs, hires and commitments stay where the
figures and the audit log need them. What changes is the future: no job, hire or account is
credited to it, and it leaves the forms' choices. An agency still in use (an active officer,
an office whose hires it takes) is refused with what to move first, so that no one is left
working for an agency the forms no longer offer."""

from __future__ import annotations

from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.audit.services import record_event
from databank.db import db
from databank.errors import Conflict, NotAllowed, NotFound
from databank.jalali import persian_digits
from databank.organisations.models import Agency, PlacementOffice

RETIRED = ("دستگاه «{name}» کنار گذاشته شده است و اشتغال، استخدام، تعهد یا حساب تازه‌ای به نام "
           "آن ثبت نمی‌شود؛ اگر هنوز کار می‌کند، مدیر سامانه آن را در «دستگاه‌ها، دفاتر و "
           "شهرک‌ها» بازمی‌گرداند.")
HAS_OFFICERS = ("{count} حساب کاربری فعال از «{name}» است؛ پیش از کنار گذاشتن، آن‌ها را در "
                "صفحهٔ کاربران به دستگاه دیگری ببرید یا غیرفعال کنید.")
HAS_OFFICES = ("استخدام‌های {offices} به نام «{name}» ثبت می‌شود؛ پیش از کنار گذاشتن، دستگاه "
               "این دفترها را در همین صفحه تغییر دهید.")


def set_retired(actor: User, agency_id: int, retired: bool) -> Agency:
    """Retire the agency, or bring a retired one back; audited either way."""
    if actor.role is not Role.ADMIN:
        raise NotAllowed()
    agency = db.session.get(Agency, agency_id, with_for_update=True)
    if agency is None:
        raise NotFound()
    if agency.retired == retired:
        return agency
    if retired:
        _check_unused(agency)
    agency.retired = retired
    db.session.flush()
    record_event(actor, "retire_agency" if retired else "restore_agency", "agency", agency.id,
                 name=agency.name)
    return agency


def _check_unused(agency: Agency) -> None:
    officers = db.session.scalars(select(User.id).where(
        User.agency_id == agency.id, User.is_active.is_(True))).all()
    if officers:
        raise Conflict(HAS_OFFICERS.format(count=persian_digits(len(officers)),
                                           name=agency.name))
    offices = db.session.scalars(select(PlacementOffice.name).where(
        PlacementOffice.agency_id == agency.id).order_by(PlacementOffice.id)).all()
    if offices:
        raise Conflict(HAS_OFFICES.format(offices="، ".join(f"«{name}»" for name in offices),
                                          name=agency.name))


def refuse_retired(agency: Agency, field: str = "agency_id") -> None:
    """What every path crediting an agency asks first (a job, a hire, an account, an office)."""
    if agency.retired:
        raise Conflict(RETIRED.format(name=agency.name), field=field)
