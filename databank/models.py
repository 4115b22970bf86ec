"""Imports every area's models so that the metadata is complete (for Alembic and create_all)."""

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.matches.models import Proposal, ProposalStatus
from databank.monitoring.models import Commitment, MonitoringRecord, Placement, RecordStatus
from databank.organisations.models import (
    Agency,
    IndustrialEstate,
    IndustrialUnit,
    PlacementOffice,
    University,
    UniversityKind,
)
from databank.people.models import GraduateProfile, Person
from databank.vacancies.models import Vacancy, VacancyStatus

__all__ = [
    "Agency", "AuditEntry", "Commitment", "GraduateProfile", "IndustrialEstate", "IndustrialUnit",
    "MonitoringRecord", "Person", "Placement", "PlacementOffice", "Proposal", "ProposalStatus",
    "RecordStatus", "Role", "University", "UniversityKind", "User", "Vacancy", "VacancyStatus",
]
