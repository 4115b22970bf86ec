"""The admin's yearly commitments per agency: setting one, and the rows of the page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from databank.accounts.models import User
from databank.collation import in_persian_order
from databank.db import db
from databank.errors import InvalidInput
from databank.jalali import current_year, persian_digits
from databank.monitoring.models import Commitment
from databank.organisations.models import Agency
from databank.organisations.services import chosen, set_commitment

# Commitments are set for the years the working group plans: none before the monitoring began,
# none further ahead than next year (1500 for 1405 is a slip, and would list a century of
# empty years on the dashboard).
EARLIEST_YEAR = 1390


def latest_year() -> int:
    return current_year() + 1


def commitment_rows(year: int) -> list[dict[str, Any]]:
    """Every agency's row; a retired one only where it had a commitment that year (shown, not
    set: it takes none)."""
    rows = db.session.execute(select(Commitment.agency_id, Commitment.target)
                              .where(Commitment.year == year))
    targets = {agency_id: target for agency_id, target in rows}
    agencies = db.session.scalars(select(Agency).order_by(Agency.id))
    return [{"agency_id": agency.id, "agency": agency.name, "target": targets.get(agency.id),
             "retired": agency.retired}
            for agency in in_persian_order(agencies, lambda agency: agency.name)
            if not agency.retired or agency.id in targets]


def commit_agency(actor: User, data: dict[str, Any]) -> Commitment:
    """Set the commitment of the agency the admin picked on the page."""
    agency = chosen(Agency, data["agency_id"], "agency_id")
    if not EARLIEST_YEAR <= data["year"] <= latest_year():
        raise InvalidInput({"year": [f"تعهد برای سال‌های {persian_digits(EARLIEST_YEAR)} تا "
                                     f"{persian_digits(latest_year())} ثبت می‌شود."]})
    return set_commitment(actor, agency, data["year"], data["target"])
