"""The admin's yearly commitments per agency: setting one, and the rows of the page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from databank.accounts.models import User
from databank.db import db
from databank.monitoring.models import Commitment
from databank.organisations.models import Agency
from databank.organisations.services import chosen, set_commitment


def commitment_rows(year: int) -> list[dict[str, Any]]:
    rows = db.session.execute(select(Commitment.agency_id, Commitment.target)
                              .where(Commitment.year == year))
    targets = {agency_id: target for agency_id, target in rows}
    return [{"agency_id": agency.id, "agency": agency.name, "target": targets.get(agency.id)}
            for agency in db.session.scalars(select(Agency).order_by(Agency.name))]


def commit_agency(actor: User, data: dict[str, Any]) -> Commitment:
    """Set the commitment of the agency the admin picked on the page."""
    agency = chosen(Agency, data["agency_id"], "agency_id")
    return set_commitment(actor, agency, data["year"], data["target"])
