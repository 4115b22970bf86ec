"""An agency takes back a job it registered by mistake («پس گرفتن ثبت»), with a reason, while the
job still awaits its check: it stops counting, stops holding the person (another agency may
register her at once), stays in the bank reading «پس‌گرفته» with the reason, and is audited
once. A verified job, a hire's job, another agency's job and other roles are refused."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from databank.jalali import current_year, today
from databank.matches.models import Proposal
from databank.matches.services import refresh_for_vacancy
from databank.monitoring import dashboard
from databank.monitoring.models import MonitoringRecord, Placement, RecordStatus
from databank.monitoring.schemas import WITHDRAWAL_REASON
from databank.monitoring.services import create_record, decide
from databank.monitoring.withdrawal import FROM_HIRE, VERIFIED
from databank.organisations.models import Agency
from databank.organisations.services import get_or_create_agency, get_or_create_unit
from databank.people.models import Person
from databank.vocabulary import Gender, Sector
from tests.conftest import PASSWORD, name_of, post_form, valid_national_id
from tests.databank.monitoring.test_agency_home import figure
from tests.databank.monitoring.test_job_dates import JOB, days

LIST = "/monitoring/records"
NAME = "زهرا کریمی"
REASON = "کد ملی را اشتباه وارد کردیم؛ این فرد در برنامهٔ ما نیست."
OURS, THEIRS = "مدیریت جهاد کشاورزی", "بنیاد برکت"


def signed_in(app: Flask, user: User) -> FlaskClient:
    browser = app.test_client()
    post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
    return browser


def agency_officer(app: Flask, make_user, name: str) -> tuple[FlaskClient, User]:
    agency = get_or_create_agency(name)
    db.session.commit()
    user = make_user(Role.AGENCY_OFFICER, agency_id=agency.id)
    return signed_in(app, user), user


@pytest.fixture
def ours(app: Flask, make_user) -> tuple[FlaskClient, User]:
    return agency_officer(app, make_user, OURS)


@pytest.fixture
def officer(ours: tuple[FlaskClient, User]) -> FlaskClient:
    return ours[0]


@pytest.fixture
def other(app: Flask, make_user) -> FlaskClient:
    return agency_officer(app, make_user, THEIRS)[0]


def register(browser: FlaskClient, job: dict[str, str] = JOB) -> MonitoringRecord:
    response = post_form(browser, f"{LIST}/new", {**job, "start_date": days(0)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalar(select(MonitoringRecord).order_by(MonitoringRecord.id.desc()))


def withdraw(browser: FlaskClient, record: MonitoringRecord, reason: str = REASON,
             **kwargs) -> object:
    response = post_form(browser, "/", {"reason": reason},
                         action=f"{LIST}/{record.id}/withdraw", **kwargs)
    db.session.expire_all()
    return response


def withdrawals() -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "withdraw_job")))


def alerts(page: str, kind: str) -> list[str]:
    return re.findall(rf'<div class="alert alert-{kind}" role="alert">(.*?)</div>', page, re.S)


def row_of(page: str, record: MonitoringRecord) -> str:
    """The list's row of `record`, by the person's name (each test's people differ)."""
    rows = re.findall(r'<tr data-testid="record">.*?</tr>', page, re.S)
    name = f'data-testid="record-name">{record.person.full_name}'
    found = [row for row in rows if name in row]
    assert len(found) == 1, name
    return found[0]


def test_the_officer_withdraws_her_agencys_job_and_it_stays_reading_withdrawn_with_the_reason(
        ours: tuple[FlaskClient, User]) -> None:
    officer, user = ours
    record = register(officer)
    row = row_of(officer.get(LIST).get_data(as_text=True), record)
    assert f'action="/monitoring/records/{record.id}/withdraw"' in row
    assert 'name="reason"' in row and "required" in row and 'maxlength="1000"' in row
    assert f"data-confirm=\"ثبت اشتغال «{NAME}» پس گرفته شود؟" in row

    response = withdraw(officer, record, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert alerts(page, "success") == [
        f"ثبت اشتغال «{NAME}» پس گرفته شد؛ این اشتغال دیگر شمرده نمی‌شود و هر دستگاهی "
        "می‌تواند او را برای همان روزها ثبت کند."]
    assert db.session.get(MonitoringRecord, record.id) is not None  # kept for the audit trail
    assert record.status is RecordStatus.REJECTED and record.rejection_reason == REASON
    assert record.verified_by_id is None and record.verified_at is None
    shown = row_of(page, record)
    assert '<td data-label="وضعیت">پس‌گرفته<' in shown and f"دلیل پس گرفتن: {REASON}" in shown
    assert "ردشده" not in shown and "/withdraw" not in shown and "/end" not in shown
    [entry] = withdrawals()
    assert (entry.actor_id, entry.entity, entry.entity_id) == (user.id, "monitoring_record",
                                                               record.id)
    assert (entry.from_state, entry.to_state, entry.reason) == ("registered", "withdrawn",
                                                                REASON)
    assert entry.details["agency"] == OURS


def test_the_audit_log_reads_a_withdrawal_in_persian(ours, make_user, login,
                                                     client: FlaskClient) -> None:
    withdraw(ours[0], register(ours[0]))
    login(make_user(Role.ADMIN))
    page = client.get("/admin/audit").get_data(as_text=True)
    table = page[page.index('data-testid="audit"'):page.index("</table>")]
    for text in ("پس گرفتن ثبت اشتغال", "پس‌گرفته", "در انتظار راستی‌آزمایی", REASON, OURS):
        assert text in table
    assert "withdraw" not in table


def withdrawn_beside_rejected(officer: FlaskClient, make_user
                              ) -> tuple[MonitoringRecord, MonitoringRecord]:
    """Her job (NAME) withdrawn, and مریم رضایی's rejected by an inspector."""
    mine = register(officer)
    rejected = register(officer, {**JOB, "national_id": "0499370899", "first_name": "مریم",
                                  "last_name": "رضایی", "mobile": "09121234568"})
    withdraw(officer, mine)
    decide(make_user(Role.INSPECTOR), rejected.id, False, "در محل کار نبود")
    db.session.commit()
    return mine, rejected


def test_an_inspectors_rejection_still_reads_rejected_beside_a_withdrawal(
        officer: FlaskClient, make_user) -> None:
    mine, rejected = withdrawn_beside_rejected(officer, make_user)
    page = officer.get(LIST).get_data(as_text=True)
    assert '<td data-label="وضعیت">ردشده<' in row_of(page, rejected)
    assert '<td data-label="وضعیت">پس‌گرفته<' in row_of(page, mine)
    assert "دلیل پس گرفتن" not in row_of(page, rejected)


def test_the_rejected_filter_lists_the_inspectors_rejections_and_withdrawn_has_its_own(
        officer: FlaskClient, make_user) -> None:
    withdrawn_beside_rejected(officer, make_user)
    page = officer.get(LIST).get_data(as_text=True)
    assert f'href="{LIST}?status=withdrawn">پس‌گرفته</a>' in page
    only_rejected = officer.get(f"{LIST}?status=rejected").get_data(as_text=True)
    assert "مریم رضایی" in only_rejected and NAME not in only_rejected
    only_withdrawn = officer.get(f"{LIST}?status=withdrawn").get_data(as_text=True)
    assert NAME in only_withdrawn and "مریم رضایی" not in only_withdrawn
    assert 'name="status" value="withdrawn"' in only_withdrawn  # the search keeps the tab
    rows = officer.get(f"{LIST}/export.csv?status=withdrawn").get_data().decode("utf-8-sig")
    header, *lines = rows.splitlines()
    assert "دلیل رد یا پس گرفتن" in header and len(lines) == 1 and REASON in lines[0]


def test_a_withdrawn_job_stops_counting_on_her_home_page_and_the_dashboard(
        officer: FlaskClient) -> None:
    record = register(officer)
    home = officer.get("/").get_data(as_text=True)
    assert (figure(home, "records"), figure(home, "status-registered")) == ("۱", "۱")
    assert dashboard.county_summary(current_year()).registered == 1
    withdraw(officer, record)
    home = officer.get("/").get_data(as_text=True)
    assert (figure(home, "records"), figure(home, "status-registered")) == ("۰", "۰")
    assert figure(home, "status-rejected") == "۰"  # no inspector rejected it
    assert 'data-testid="withdrawn"' in home and "۱ ثبت امسال را دستگاه خودش پس گرفته" in home
    assert dashboard.county_summary(current_year()).registered == 0


def test_the_records_export_reads_a_withdrawal_as_such(officer: FlaskClient) -> None:
    withdraw(officer, register(officer))
    exported = officer.get(f"{LIST}/export.csv").get_data().decode("utf-8-sig")
    row = exported.splitlines()[1]
    assert "پس‌گرفته" in row and REASON in row and "ردشده" not in row


def test_once_withdrawn_another_agency_registers_the_person_at_once(
        officer: FlaskClient, other: FlaskClient) -> None:
    record = register(officer)
    refused = post_form(other, f"{LIST}/new", {**JOB, "start_date": days(0)})
    assert refused.status_code == 409 and OURS in refused.get_data(as_text=True)
    withdraw(officer, record)
    theirs = register(other)
    assert theirs.id != record.id and theirs.agency.name == THEIRS
    assert theirs.person_id == record.person_id and theirs.status is RecordStatus.REGISTERED


def test_withdrawing_a_graduates_job_proposes_her_again(officer: FlaskClient, make_graduate,
                                                        make_vacancy) -> None:
    profile = make_graduate()
    refresh_for_vacancy(make_vacancy())
    db.session.commit()

    def proposals() -> int:
        return db.session.scalar(select(func.count(Proposal.id))
                                 .where(Proposal.profile_id == profile.id))

    assert proposals() == 1
    record = register(officer, {**JOB, "national_id": profile.person.national_id,
                                "first_name": "مریم", "last_name": f"احمدی {name_of(1)}",
                                "mobile": profile.person.mobile})
    assert proposals() == 0  # she works: out of the queue
    withdraw(officer, record)
    assert proposals() == 1


@pytest.mark.parametrize("reason", ["", "   ", "\u200c\u200f"])
def test_a_withdrawal_without_a_reason_is_refused_beside_the_field_and_nothing_written(
        officer: FlaskClient, reason: str) -> None:
    record = register(officer)
    response = withdraw(officer, record, reason)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(r'<div class="invalid-feedback d-block" id="f-reason-error">'
                     rf"{re.escape(WITHDRAWAL_REASON)}</div>", page)
    assert 'aria-invalid="true"' in page and f"/records/{record.id}/withdraw" in page
    assert record.status is RecordStatus.REGISTERED and record.rejection_reason is None
    assert withdrawals() == []


def test_a_reason_longer_than_a_thousand_characters_is_refused(officer: FlaskClient) -> None:
    record = register(officer)
    response = withdraw(officer, record, "ن" * 1001)
    assert response.status_code == 400
    assert "دلیل پس گرفتن حداکثر ۱۰۰۰ نویسه می‌تواند باشد" in response.get_data(as_text=True)
    assert record.status is RecordStatus.REGISTERED and withdrawals() == []


def test_a_verified_job_is_not_withdrawn_and_the_message_sends_to_the_inspector(
        officer: FlaskClient, make_user) -> None:
    record = register(officer)
    decide(make_user(Role.INSPECTOR), record.id, True)
    db.session.commit()
    assert "/withdraw" not in row_of(officer.get(LIST).get_data(as_text=True), record)
    response = withdraw(officer, record)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert VERIFIED in page and "بازرس" in VERIFIED and "ذکر دلیل رد" in VERIFIED
    assert record.status is RecordStatus.VERIFIED and withdrawals() == []


def test_a_hires_job_is_not_withdrawn_and_the_message_names_the_inspectors_rejection(
        officer: FlaskClient) -> None:
    person = Person(national_id=valid_national_id(310_000_001), first_name="سارا",
                    last_name="محمدی", gender=Gender.FEMALE)
    unit = get_or_create_unit("شرکت آزمون پس گرفتن", city="ساوه")
    db.session.add(person)
    db.session.flush()
    placement = Placement(person_id=person.id, unit_id=unit.id, start_date=today())
    db.session.add(placement)
    db.session.flush()
    agency = db.session.scalar(select(Agency).where(Agency.name == OURS))
    record = create_record(None, person, agency, sector=Sector.SERVICES, start_date=today(),
                           unit=unit, placement_id=placement.id)
    db.session.commit()
    assert "/withdraw" not in row_of(officer.get(LIST).get_data(as_text=True), record)
    response = withdraw(officer, record)
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and FROM_HIRE in page
    assert "بازرس" in FROM_HIRE and "رد کند" in FROM_HIRE and "استخدام" in FROM_HIRE
    assert record.status is RecordStatus.REGISTERED and withdrawals() == []


def test_another_agencys_job_is_not_found(officer: FlaskClient, other: FlaskClient) -> None:
    record = register(other)
    assert withdraw(officer, record).status_code == 404
    assert record.status is RecordStatus.REGISTERED and withdrawals() == []


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.EMPLOYER, Role.PLACEMENT_OFFICER,
                                  Role.GRADUATE])
def test_other_roles_may_not_withdraw(app: Flask, officer: FlaskClient, make_user,
                                      role: Role) -> None:
    record = register(officer)
    assert withdraw(signed_in(app, make_user(role)), record).status_code == 403
    assert record.status is RecordStatus.REGISTERED and withdrawals() == []


def test_the_admin_withdraws_any_agencys_job(app: Flask, officer: FlaskClient,
                                             make_user) -> None:
    record = register(officer)
    assert withdraw(signed_in(app, make_user(Role.ADMIN)), record).status_code == 302
    assert record.status is RecordStatus.REJECTED and len(withdrawals()) == 1


def test_withdrawing_again_says_it_was_done_keeps_the_first_reason_and_writes_nothing(
        officer: FlaskClient) -> None:
    record = register(officer)
    withdraw(officer, record)
    response = withdraw(officer, record, "ثبت تکراری بود", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert alerts(page, "info") == [f"ثبت اشتغال «{NAME}» پیش‌تر پس گرفته شده بود (دلیل: "
                                    f"«{REASON}»)؛ چیزی تغییر نکرد."]
    assert alerts(page, "danger") == [] and alerts(page, "success") == []
    assert record.rejection_reason == REASON and len(withdrawals()) == 1


def test_a_job_starting_ahead_is_withdrawn_too(officer: FlaskClient) -> None:
    response = post_form(officer, f"{LIST}/new", {**JOB, "start_date": days(12)})
    assert response.status_code == 302
    record = db.session.scalar(select(MonitoringRecord))
    assert record.start_date == today() + timedelta(days=12)
    assert withdraw(officer, record).status_code == 302
    assert record.status is RecordStatus.REJECTED


def test_an_older_page_posted_again_without_a_reason_is_told_the_records_state(
        officer: FlaskClient, make_user) -> None:
    """Its form had the reason box; the record has since been taken back or verified: the
    answer is about the record, not a missing reason on a page that shows no box."""
    taken = register(officer)
    withdraw(officer, taken)
    again = withdraw(officer, taken, "", follow_redirects=True)
    assert again.status_code == 200
    assert "پیش‌تر پس گرفته شده بود" in alerts(again.get_data(as_text=True), "info")[0]
    checked = register(officer, {**JOB, "national_id": valid_national_id(515151)})
    decide(make_user(Role.INSPECTOR), checked.id, True)
    db.session.commit()
    refused = withdraw(officer, checked, "")
    assert refused.status_code == 409 and VERIFIED in refused.get_data(as_text=True)


@pytest.mark.parametrize(("action", "ahead"), [("end", 0), ("end/correct", 1)])
def test_an_older_page_ending_a_withdrawn_job_is_told_it_was_taken_back(
        officer: FlaskClient, action: str, ahead: int) -> None:
    record = register(officer)
    withdraw(officer, record)
    response = post_form(officer, LIST, {"end_date": days(ahead)},
                         action=f"{LIST}/{record.id}/{action}",
                         follow_redirects=True)
    page = response.get_data(as_text=True)
    said = " ".join(alerts(page, "danger"))  # the list again, with the refusal on top
    assert f"این ثبت را «{OURS}» پس گرفته است (دلیل: «{REASON}»)" in said
    assert "در راستی‌آزمایی رد شده" not in said
    db.session.expire_all()
    assert record.end_date is None and withdrawals() and len(withdrawals()) == 1


@pytest.mark.parametrize("verified", ["1", "0"])
def test_an_inspectors_older_page_is_told_the_agency_took_the_job_back(
        app: Flask, officer: FlaskClient, make_user, verified: str) -> None:
    record = register(officer)
    withdraw(officer, record)
    inspector = signed_in(app, make_user(Role.INSPECTOR))
    response = post_form(inspector, LIST, {"verified": verified, "reason": "در محل کار نبود"},
                         action=f"{LIST}/{record.id}/decide", follow_redirects=True)
    page = response.get_data(as_text=True)
    said = " ".join(alerts(page, "danger"))
    assert f"این ثبت را «{OURS}» پس گرفته است" in said and "پیش‌تر رد شده بود" not in page
    db.session.expire_all()
    assert record.verified_at is None and record.rejection_reason == REASON
