"""The admin's yearly commitments per agency, as plain rows for the page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from databank.db import db
from databank.monitoring.models import Commitment
from databank.organisations.models import Agency


def commitment_rows(year: int) -> list[dict[str, Any]]:
    rows = db.session.execute(select(Commitment.agency_id, Commitment.target)
                              .where(Commitment.year == year))
    targets = {agency_id: target for agency_id, target in rows}
    return [{"agency_id": agency.id, "agency": agency.name, "target": targets.get(agency.id)}
            for agency in db.session.scalars(select(Agency).order_by(Agency.name))]
