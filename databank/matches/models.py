"""Match proposals: the matcher's candidate-job pairs and where a placement office took them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from databank.db import db, enum_type, utcnow
from databank.organisations.models import PlacementOffice
from databank.people.models import GraduateProfile
from databank.vacancies.models import Vacancy


class ProposalStatus(StrEnum):
    PROPOSED = "proposed"
    SHORTLISTED = "shortlisted"
    INTRODUCED = "introduced"
    INTERVIEWED = "interviewed"
    HIRED = "hired"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return {
            "proposed": "پیشنهادشده", "shortlisted": "در فهرست کوتاه", "introduced": "معرفی‌شده",
            "interviewed": "مصاحبه‌شده", "hired": "استخدام‌شده", "rejected": "ردشده",
        }[self.value]


class Proposal(db.Model):
    __tablename__ = "match_proposals"
    __table_args__ = (
        UniqueConstraint("vacancy_id", "profile_id"),
        CheckConstraint("score >= 0 AND score <= 100", name="score_range"),
        CheckConstraint("status <> 'rejected' OR rejection_reason IS NOT NULL",
                        name="rejection_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"))
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("graduate_profiles.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float]
    rank: Mapped[int]
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[ProposalStatus] = mapped_column(
        enum_type(ProposalStatus, "proposal_status"), default=ProposalStatus.PROPOSED, index=True
    )
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    graduate_interested: Mapped[bool] = mapped_column(default=False)
    employer_interested: Mapped[bool] = mapped_column(default=False)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("placement_offices.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    engine_version: Mapped[str | None] = mapped_column(String(40))
    # Which top holds the pair: its vacancy's best candidates, its graduate's best vacancies
    # (matches.services.store). An untouched proposal neither holds is withdrawn.
    by_vacancy: Mapped[bool] = mapped_column(default=False, server_default=false())
    by_profile: Mapped[bool] = mapped_column(default=False, server_default=false())

    vacancy: Mapped[Vacancy] = relationship()
    profile: Mapped[GraduateProfile] = relationship()
    office: Mapped[PlacementOffice | None] = relationship()
