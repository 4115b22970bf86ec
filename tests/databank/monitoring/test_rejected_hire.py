"""An inspector rejecting the monitoring record of a hire made in the bank (the job was not
real) undoes the hire everywhere it counted: the proposal leaves «استخدام‌شده», the vacancy's
position is free again (and a vacancy the hire had filled and closed opens again), the
dashboard no longer counts her hired, and the graduate is proposed again."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from databank.jalali import today
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_vacancy
from databank.monitoring.models import MonitoringRecord, Placement, RecordStatus
from databank.organisations.services import get_or_create_agency, get_or_create_office
from databank.vacancies.models import Vacancy, VacancyStatus
from databank.vacancies.services import edit_vacancy
from tests.conftest import PASSWORD, post_form
from tests.databank.monitoring.test_dashboard_open_positions import figure
from tests.databank.monitoring.test_job_dates import days

REASON = "در بازدید، فرد در محل کار نبود."


def signed_in(app: Flask, user: User) -> FlaskClient:
    browser = app.test_client()
    post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    return browser


@dataclass
class Bank:
    """A graduate proposed to two vacancies; the office took her to interview at the first."""

    app: Flask
    make_user: Any
    proposal: Proposal
    vacancy: Vacancy
    other: Vacancy
    office: FlaskClient
    office_user: User

    def browser(self, role: Role, **links: Any) -> tuple[FlaskClient, User]:
        user = self.make_user(role, **links)
        return signed_in(self.app, user), user

    def hire(self, proposal: Proposal | None = None) -> Any:
        proposal = proposal or self.proposal
        return post_form(self.office, f"/review/{proposal.id}",
                         {"to": "hired", "start_date": days(0)},
                         action=f"/review/{proposal.id}/move")

    def record(self) -> MonitoringRecord:
        return db.session.scalar(select(MonitoringRecord).join(
            Placement, Placement.id == MonitoringRecord.placement_id).where(
            Placement.proposal_id == self.proposal.id))

    def reject(self, inspector: FlaskClient, reason: str = REASON) -> str:
        """The inspector's page after rejecting the hire's record, with its message."""
        record_id = self.record().id
        response = post_form(inspector, "/monitoring/records?status=registered",
                             {"verified": "0", "reason": reason},
                             action=f"/monitoring/records/{record_id}/decide",
                             follow_redirects=True)
        assert response.status_code == 200
        return response.get_data(as_text=True)


@pytest.fixture
def bank(app: Flask, make_user, make_graduate, make_vacancy) -> Bank:
    make_graduate()
    vacancy = make_vacancy(positions=1, title="برنامه‌نویس وب")
    other = make_vacancy(positions=2, title="کارشناس داده")
    refresh_for_vacancy(vacancy)
    refresh_for_vacancy(other)
    office = get_or_create_office("دفتر کاریابی امید",
                                  get_or_create_agency("اداره تعاون، کار و رفاه اجتماعی"))
    proposal = db.session.scalar(select(Proposal).where(Proposal.vacancy_id == vacancy.id))
    proposal.status, proposal.office_id = ProposalStatus.INTERVIEWED, office.id
    db.session.commit()
    officer = make_user(Role.PLACEMENT_OFFICER, office_id=office.id)
    return Bank(app, make_user, proposal, vacancy, other, signed_in(app, officer), officer)


def county_row(page: str, ref: str) -> str:
    """The row of the county list that shows the vacancy with `ref`."""
    rows = re.findall(r'<tr data-testid="county-vacancy">(.*?)</tr>', page, re.S)
    found = [row for row in rows if f">{ref}<" in row]
    assert len(found) == 1, ref
    return found[0]


def cell(row: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">([^<]*)<', row)
    assert match, testid
    return match.group(1).strip()


def county(browser: FlaskClient, vacancy: Vacancy) -> str:
    return county_row(browser.get("/vacancies/county?state=all").get_data(as_text=True),
                      vacancy.ref)


def dashboard(browser: FlaskClient) -> dict[str, int]:
    page = browser.get("/dashboard/").get_data(as_text=True)
    return {name: figure(page, name) for name in ("open-vacancies", "open-positions", "hired")}


def test_rejecting_a_hires_record_undoes_the_hire_everywhere(bank: Bank) -> None:
    assert bank.hire().status_code == 302
    assert "بسته" in county(bank.office, bank.vacancy)  # the one position taken: closed
    assert cell(county(bank.office, bank.other), "in-play") == "۰"  # employed: not proposed
    assert dashboard(bank.office) == {"open-vacancies": 1, "open-positions": 2, "hired": 1}
    employer, _ = bank.browser(Role.EMPLOYER, unit_id=bank.vacancy.unit_id)
    assert "۱ استخدام" in employer.get("/vacancies").get_data(as_text=True)

    inspector, inspector_user = bank.browser(Role.INSPECTOR)
    page = bank.reject(inspector)

    name = bank.proposal.profile.person.full_name
    assert (f"اشتغال «{name}» رد شد. استخدام او در «برنامه‌نویس وب» دیگر شمرده نمی‌شود؛ "
            "پیشنهاد آن به وضعیت «ردشده» رفت؛ این فرصت شغلی دوباره باز شد و ۱ ظرفیت خالی "
            "دارد. او دوباره به فرصت‌های شغلی پیشنهاد می‌شود.") in page
    proposal_page = bank.office.get(f"/review/{bank.proposal.id}").get_data(as_text=True)
    assert re.search(r'data-testid="status">ردشده<', proposal_page)
    assert f"دلیل رد: اشتغال در راستی‌آزمایی رد شد: {REASON}" in proposal_page
    history = proposal_page[proposal_page.index('data-testid="history"'):]
    assert inspector_user.display_name in history and "استخدام‌شده" in history

    row = county(bank.office, bank.vacancy)
    assert cell(row, "free") == "۱ از ۱" and "باز" in row
    assert cell(county(bank.office, bank.other), "in-play") == "۱"  # proposed again
    assert dashboard(bank.office) == {"open-vacancies": 2, "open-positions": 3, "hired": 0}
    listed = employer.get("/vacancies").get_data(as_text=True)
    assert "استخدام)" not in listed
    assert 'text-bg-success" data-testid="vacancy-status">باز' in listed

    audit = {(e.action, e.entity, e.from_state, e.to_state) for e in db.session.scalars(
        select(AuditEntry).where(AuditEntry.action.in_(("hire_rejected",
                                                        "vacancy_reopened"))))}
    assert audit == {("hire_rejected", "proposal", "hired", "rejected"),
                     ("vacancy_reopened", "vacancy", "closed", "open")}


def test_the_freed_position_can_be_filled_by_another_interviewed_candidate(
        bank: Bank, make_graduate) -> None:
    second = make_graduate()
    refresh_for_vacancy(bank.vacancy)
    waiting = db.session.scalar(select(Proposal).where(Proposal.profile_id == second.id,
                                                       Proposal.vacancy_id == bank.vacancy.id))
    waiting.status, waiting.office_id = ProposalStatus.INTERVIEWED, bank.proposal.office_id
    db.session.commit()
    bank.hire()
    held = bank.office.get(f"/review/{waiting.id}").get_data(as_text=True)
    assert 'data-testid="move-hired"' not in held

    bank.reject(bank.browser(Role.INSPECTOR)[0])

    assert 'data-testid="move-hired"' in bank.office.get(
        f"/review/{waiting.id}").get_data(as_text=True)
    assert bank.hire(waiting).status_code == 302
    db.session.refresh(waiting)
    assert waiting.status is ProposalStatus.HIRED
    assert "بسته" in county(bank.office, bank.vacancy)  # filled again by a real hire


def test_a_vacancy_its_employer_closed_by_hand_stays_closed(bank: Bank) -> None:
    bank.vacancy.positions = 2
    db.session.commit()
    bank.hire()
    employer, _ = bank.browser(Role.EMPLOYER, unit_id=bank.vacancy.unit_id)
    post_form(employer, "/vacancies", {"status": "closed"},
              action=f"/vacancies/{bank.vacancy.id}/status")
    assert "بسته" in county(bank.office, bank.vacancy)

    page = bank.reject(bank.browser(Role.INSPECTOR)[0])

    assert "پیشنهاد آن به وضعیت «ردشده» رفت" in page and "دوباره باز شد" not in page
    row = county(bank.office, bank.vacancy)
    assert "بسته" in row and cell(row, "free") == "۲ از ۲"
    db.session.refresh(bank.proposal)
    assert bank.proposal.status is ProposalStatus.REJECTED


def test_a_filled_vacancy_whose_deadline_has_passed_stays_closed(bank: Bank) -> None:
    bank.hire()
    bank.vacancy.deadline = today() - timedelta(days=1)
    db.session.commit()

    page = bank.reject(bank.browser(Role.INSPECTOR)[0])

    assert "دوباره باز شد" not in page
    assert db.session.get(Vacancy, bank.vacancy.id).status is VacancyStatus.CLOSED


def test_a_filled_vacancy_edited_since_still_opens_again(bank: Bank) -> None:
    bank.hire()
    employer = bank.make_user(Role.EMPLOYER, unit_id=bank.vacancy.unit_id)
    edit_vacancy(employer, bank.vacancy.id, {"description": "کار در شیفت صبح"})
    db.session.commit()

    bank.reject(bank.browser(Role.INSPECTOR)[0])

    db.session.expire_all()
    assert db.session.get(Vacancy, bank.vacancy.id).status is VacancyStatus.OPEN


def test_a_graduate_who_withdrew_her_consent_is_not_said_to_be_proposed_again(
        bank: Bank) -> None:
    bank.hire()
    bank.proposal.profile.consent = False
    db.session.commit()

    page = bank.reject(bank.browser(Role.INSPECTOR)[0])

    assert "دوباره باز شد" in page and "دوباره به فرصت‌های شغلی پیشنهاد" not in page
    assert cell(county(bank.office, bank.other), "in-play") == "۰"


def test_verifying_a_hires_record_keeps_the_hire(bank: Bank) -> None:
    bank.hire()
    inspector, _ = bank.browser(Role.INSPECTOR)
    post_form(inspector, "/monitoring/records", {"verified": "1"},
              action=f"/monitoring/records/{bank.record().id}/decide")
    db.session.refresh(bank.proposal)
    assert bank.proposal.status is ProposalStatus.HIRED
    assert dashboard(bank.office)["hired"] == 1
    assert "بسته" in county(bank.office, bank.vacancy)


def test_a_hire_rejected_before_this_rule_no_longer_counts(bank: Bank) -> None:
    """A record rejected while the proposal stayed hired (before rejections undid hires)."""
    bank.hire()
    record = bank.record()
    record.status, record.rejection_reason = RecordStatus.REJECTED, REASON
    db.session.commit()
    assert dashboard(bank.office)["hired"] == 0
    assert cell(county(bank.office, bank.vacancy), "free") == "۱ از ۱"


def test_rejecting_an_agencys_own_record_says_nothing_of_a_hire(bank: Bank) -> None:
    officer, _ = bank.browser(Role.AGENCY_OFFICER)
    post_form(officer, "/monitoring/records/new", {
        "national_id": "0013542419", "first_name": "زهرا", "last_name": "کریمی",
        "gender": "زن", "mobile": "09121234567", "sector": "services",
        "unit_name": "کارگاه خیاطی نور", "start_date": days(-10)})
    record = db.session.scalar(select(MonitoringRecord))
    response = post_form(bank.browser(Role.INSPECTOR)[0], "/monitoring/records",
                         {"verified": "0", "reason": REASON},
                         action=f"/monitoring/records/{record.id}/decide",
                         follow_redirects=True)
    page = response.get_data(as_text=True)
    assert 'role="alert">اشتغال «زهرا کریمی» رد شد.</div>' in page
