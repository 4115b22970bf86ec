"""A placement office takes a proposal from 'proposed' to 'hired'; the employer records its
part; every decision is audited; and nobody acts on what is not theirs."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role
from databank.audit.models import AuditEntry
from databank.db import db
from databank.jalali import format_date, today
from databank.matches.interest import mark_interest
from databank.matches.models import Proposal, ProposalStatus
from databank.matches.services import refresh_for_vacancy
from databank.monitoring.models import MonitoringRecord, Placement, RecordStatus
from databank.organisations.services import get_or_create_agency, get_or_create_office
from databank.vacancies.models import VacancyStatus
from tests.conftest import post_form


@pytest.fixture
def proposal(make_graduate, make_vacancy) -> Proposal:
    make_graduate()
    vacancy = make_vacancy(positions=1)
    refresh_for_vacancy(vacancy)
    db.session.commit()
    return db.session.scalar(select(Proposal))


@pytest.fixture
def officer(make_user):
    agency = get_or_create_agency("اداره تعاون، کار و رفاه اجتماعی")
    office = get_or_create_office("دفتر کاریابی امید", agency)
    db.session.commit()
    return make_user(Role.PLACEMENT_OFFICER, office_id=office.id)


def move(client: FlaskClient, proposal: Proposal, to: str, **extra: str):
    return post_form(client, f"/review/{proposal.id}", {"to": to, **extra},
                     action=f"/review/{proposal.id}/move")


def test_the_queue_lists_proposals_by_score_with_filters(client: FlaskClient, officer, login,
                                                         make_graduate, make_vacancy) -> None:
    make_graduate(field_of_study="حسابداری", skills=["سپیدار"], desired_job="حسابدار",
                  city="نوبران")
    make_graduate()
    vacancy = make_vacancy(fields=["حسابداری", "مهندسی کامپیوتر - نرم‌افزار"], skills=[],
                           min_degree=None)
    refresh_for_vacancy(vacancy)
    db.session.commit()
    login(officer)
    page = client.get("/review").get_data(as_text=True)
    scores = [p.score for p in db.session.scalars(select(Proposal)
                                                  .order_by(Proposal.score.desc()))]
    assert len(scores) == 2
    assert page.count('data-testid="queue-row"') == 2
    first, second = (page.index(f">{round(s)}<".translate(str.maketrans(
        "0123456789", "۰۱۲۳۴۵۶۷۸۹"))) for s in scores)
    assert first <= second
    only = client.get("/review?city=نوبران").get_data(as_text=True)
    assert only.count('data-testid="queue-row"') == 1 and "حسابداری" in only
    bad = client.get("/review?min_score=abc")
    assert bad.status_code == 400 and "یک عدد وارد کنید" in bad.get_data(as_text=True)


def test_an_office_takes_a_proposal_to_a_hire_and_a_monitoring_record(
        client: FlaskClient, officer, login, proposal: Proposal) -> None:
    proposal.created_at = datetime(2026, 11, 1, 8, 0)  # proposed on 1405/08/10
    db.session.commit()
    login(officer)
    for step in ("shortlisted", "introduced", "interviewed"):
        assert move(client, proposal, step).status_code == 302
    assert move(client, proposal, "hired", start_date="۱۴۰۵/۰۹/۰۱").status_code == 302
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.HIRED
    placement = db.session.scalar(select(Placement))
    record = db.session.scalar(select(MonitoringRecord))
    assert placement.start_date == record.start_date == date(2026, 11, 22)
    assert record.agency.name == "اداره تعاون، کار و رفاه اجتماعی"
    assert record.status is RecordStatus.REGISTERED and record.placement_id == placement.id
    assert proposal.vacancy.status is VacancyStatus.CLOSED  # its one position is filled
    trail = db.session.scalars(select(AuditEntry).where(AuditEntry.entity == "proposal")
                               .order_by(AuditEntry.id)).all()
    assert [(e.from_state, e.to_state) for e in trail] == [
        ("proposed", "shortlisted"), ("shortlisted", "introduced"),
        ("introduced", "interviewed"), ("interviewed", "hired")]
    assert all(e.actor_id == officer.id for e in trail)
    assert "استخدام‌شده" in client.get(f"/review/{proposal.id}").get_data(as_text=True)


def test_a_hire_cannot_start_before_the_day_it_was_proposed(client: FlaskClient, officer,
                                                           login, proposal: Proposal) -> None:
    """Last year's number typed early in a year would credit the job to the wrong year."""
    login(officer)
    for step in ("shortlisted", "introduced", "interviewed"):
        assert move(client, proposal, step).status_code == 302
    early = move(client, proposal, "hired", start_date=format_date(today() - timedelta(days=1)))
    assert early.status_code == 400
    said = early.get_data(as_text=True)
    assert f"این پیشنهاد در {format_date(today())} ساخته شده است" in said
    assert "رصد اشتغال" in said
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.INTERVIEWED
    assert db.session.scalar(select(func.count(MonitoringRecord.id))) == 0
    assert db.session.scalar(select(func.count(Placement.id))) == 0
    assert move(client, proposal, "hired", start_date=format_date(today())).status_code == 302


def test_steps_cannot_be_skipped_and_rejection_needs_a_reason(client: FlaskClient, officer,
                                                             login, proposal) -> None:
    login(officer)
    skipped = move(client, proposal, "hired", start_date="1405/09/01")
    assert skipped.status_code == 409
    assert "از وضعیت «پیشنهادشده» نمی‌توان به «استخدام‌شده» رفت" in skipped.get_data(as_text=True)
    no_reason = move(client, proposal, "rejected")
    assert no_reason.status_code == 400
    assert "دلیل رد را بنویسید" in no_reason.get_data(as_text=True)
    assert move(client, proposal, "rejected", reason="سابقهٔ کار ندارد").status_code == 302
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.REJECTED
    assert proposal.rejection_reason == "سابقهٔ کار ندارد"
    assert move(client, proposal, "shortlisted").status_code == 409


def test_a_hire_without_a_start_date_changes_nothing(client: FlaskClient, officer, login,
                                                     proposal) -> None:
    login(officer)
    for step in ("shortlisted", "introduced", "interviewed"):
        move(client, proposal, step)
    response = move(client, proposal, "hired", start_date="1405/13/01")
    assert response.status_code == 400
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.INTERVIEWED
    assert db.session.scalar(select(Placement)) is None


def test_another_office_cannot_act_on_a_proposal_this_office_took(
        client: FlaskClient, officer, login, make_user, proposal, app) -> None:
    login(officer)
    move(client, proposal, "shortlisted")
    other = make_user(Role.PLACEMENT_OFFICER)
    rival = app.test_client()
    post_form(rival, "/login", {"username": other.username,
                                "password": "correct-horse-battery"})
    response = post_form(rival, f"/review/{proposal.id}", {"to": "introduced"},
                         action=f"/review/{proposal.id}/move")
    assert response.status_code == 403
    assert "دفتر کاریابی امید" in response.get_data(as_text=True)


def test_the_employer_interviews_and_hires_after_the_introduction(
        client: FlaskClient, officer, login, proposal, make_user, app) -> None:
    login(officer)
    move(client, proposal, "shortlisted")
    employer = make_user(Role.EMPLOYER, unit_id=proposal.vacancy.unit_id)
    browser = app.test_client()
    post_form(browser, "/login", {"username": employer.username,
                                  "password": "correct-horse-battery"})
    page = f"/vacancies/{proposal.vacancy_id}/candidates"
    early = post_form(browser, page, {"to": "interviewed"},
                      action=f"{page}/{proposal.id}/move")
    assert early.status_code == 409
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.SHORTLISTED  # not introduced yet: refused
    move(client, proposal, "introduced")
    post_form(browser, page, {"to": "interviewed"}, action=f"{page}/{proposal.id}/move")
    post_form(browser, page, {"to": "hired", "start_date": "1405/09/10"},
              action=f"{page}/{proposal.id}/move")
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.HIRED
    record = db.session.scalar(select(MonitoringRecord))
    assert record.agency.name == "اداره تعاون، کار و رفاه اجتماعی"
    assert record.registered_by_id == employer.id


def test_the_graduate_sees_where_her_proposal_stands(client: FlaskClient, officer, login,
                                                     proposal, make_user, app) -> None:
    login(officer)
    move(client, proposal, "shortlisted")
    graduate = make_user(Role.GRADUATE, person_id=proposal.profile.person_id)
    browser = app.test_client()
    post_form(browser, "/login", {"username": graduate.username,
                                  "password": "correct-horse-battery"})
    assert "در فهرست کوتاه" in browser.get("/profile/proposals").get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.GRADUATE, Role.EMPLOYER, Role.AGENCY_OFFICER,
                                  Role.INSPECTOR])
def test_only_offices_and_the_admin_reach_the_review_pages(client: FlaskClient, make_user,
                                                           login, proposal, role) -> None:
    login(make_user(role))
    assert client.get("/review").status_code == 403
    assert client.get(f"/review/{proposal.id}").status_code == 403


def test_an_employer_cannot_move_another_units_candidate(client: FlaskClient, make_user,
                                                         login, proposal, make_vacancy) -> None:
    own = make_vacancy()
    employer = make_user(Role.EMPLOYER, unit_id=own.unit_id)
    login(employer)
    page = f"/vacancies/{own.id}/candidates"
    response = post_form(client, page, {"to": "rejected", "reason": "x"},
                         action=f"{page}/{proposal.id}/move")
    assert response.status_code == 404
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.PROPOSED


@pytest.fixture
def two_proposals(make_graduate, make_vacancy) -> tuple[Proposal, Proposal]:
    """Two candidates for one position."""
    make_graduate()
    make_graduate()
    vacancy = make_vacancy(positions=1)
    refresh_for_vacancy(vacancy)
    db.session.commit()
    first, second = db.session.scalars(select(Proposal).order_by(Proposal.id))
    return first, second


def hire_the_first(client: FlaskClient, first: Proposal, second: Proposal) -> None:
    """Both interviewed, the first hired: the vacancy's one position is taken."""
    for proposal in (first, second):
        for step in ("shortlisted", "introduced", "interviewed"):
            assert move(client, proposal, step).status_code == 302
    assert move(client, first, "hired", start_date=format_date(today())).status_code == 302


def test_a_filled_vacancy_takes_no_second_hire_but_its_candidates_can_be_rejected(
        client: FlaskClient, officer, login, two_proposals) -> None:
    first, second = two_proposals
    login(officer)
    hire_the_first(client, first, second)
    db.session.refresh(first.vacancy)
    assert first.vacancy.status is VacancyStatus.CLOSED
    refused = move(client, second, "hired", start_date=format_date(today()))
    assert refused.status_code == 409
    assert "همهٔ ظرفیت این فرصت شغلی پر شده است" in refused.get_data(as_text=True)
    db.session.refresh(second)
    assert second.status is ProposalStatus.INTERVIEWED
    assert db.session.scalar(select(func.count(Placement.id))) == 1
    assert db.session.scalar(select(func.count(MonitoringRecord.id))) == 1
    page = client.get(f"/review/{second.id}").get_data(as_text=True)
    assert "ثبت استخدام" not in page and 'value="rejected"' in page
    assert move(client, second, "rejected", reason="ظرفیت پر شد").status_code == 302


def test_a_reopened_vacancy_whose_positions_are_taken_refuses_the_hire(
        client: FlaskClient, officer, login, two_proposals) -> None:
    first, second = two_proposals
    login(officer)
    hire_the_first(client, first, second)
    first.vacancy.status = VacancyStatus.OPEN  # the employer reopened it, one position still
    db.session.commit()
    refused = move(client, second, "hired", start_date=format_date(today()))
    assert refused.status_code == 409
    assert "ظرفیت" in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Placement.id))) == 1


def test_a_paused_vacancy_holds_its_proposals_until_it_reopens(
        client: FlaskClient, officer, login, proposal) -> None:
    login(officer)
    proposal.vacancy.status = VacancyStatus.PAUSED
    db.session.commit()
    refused = move(client, proposal, "shortlisted")
    assert refused.status_code == 409 and "متوقف" in refused.get_data(as_text=True)
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.PROPOSED
    proposal.vacancy.status = VacancyStatus.OPEN
    db.session.commit()
    assert move(client, proposal, "shortlisted").status_code == 302


def test_a_graduate_who_withdrew_consent_is_not_introduced(
        client: FlaskClient, officer, login, proposal) -> None:
    login(officer)
    move(client, proposal, "shortlisted")
    proposal.profile.consent = False
    db.session.commit()
    refused = move(client, proposal, "introduced")
    assert refused.status_code == 409
    assert "اجازهٔ معرفی" in refused.get_data(as_text=True)
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.SHORTLISTED
    assert move(client, proposal, "rejected", reason="رضایت را پس گرفت").status_code == 302


def test_queue_filters_take_persian_digits_and_no_wildcards(client: FlaskClient, officer,
                                                            login, make_graduate,
                                                            make_vacancy) -> None:
    make_graduate(field_of_study="حسابداری", skills=["سپیدار"])
    make_graduate()
    vacancy = make_vacancy(ref="002-01", skills=[], min_degree=None,
                           fields=["حسابداری", "مهندسی کامپیوتر - نرم‌افزار"])
    refresh_for_vacancy(vacancy)
    db.session.commit()
    login(officer)

    def rows(**query: str) -> int:
        page = client.get("/review", query_string=query)
        assert page.status_code == 200
        return page.get_data(as_text=True).count('data-testid="queue-row"')

    assert rows() == 2
    assert rows(vacancy="۰۰۲-۰۱") == rows(vacancy="002-01") == 2
    assert rows(vacancy="003-01") == 0
    assert rows(field="حسابداری") == rows(field="حسابداری%") == 1
    assert rows(field="%") == rows(field="_") == 0  # in no field: nothing, not everyone


def test_a_proposal_no_office_followed_is_hired_by_the_admin_naming_the_agency(
        client: FlaskClient, login, make_user, proposal, app) -> None:
    agency = get_or_create_agency("اداره تعاون، کار و رفاه اجتماعی")
    admin = make_user(Role.ADMIN)
    db.session.commit()
    login(admin)
    for step in ("shortlisted", "introduced"):
        assert move(client, proposal, step).status_code == 302
    employer = make_user(Role.EMPLOYER, unit_id=proposal.vacancy.unit_id)
    browser = app.test_client()
    post_form(browser, "/login", {"username": employer.username,
                                  "password": "correct-horse-battery"})
    page = f"/vacancies/{proposal.vacancy_id}/candidates"
    post_form(browser, page, {"to": "interviewed"}, action=f"{page}/{proposal.id}/move")
    assert "employer-move-hired" not in browser.get(page).get_data(as_text=True)
    refused = post_form(browser, page, {"to": "hired", "start_date": format_date(today())},
                        action=f"{page}/{proposal.id}/move")
    assert refused.status_code == 409  # said on her candidates page
    assert "استخدام را مدیر سامانه" in refused.get_data(as_text=True)
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.INTERVIEWED
    assert move(client, proposal, "hired", start_date=format_date(today()),
                agency_id=str(agency.id)).status_code == 302
    record = db.session.scalar(select(MonitoringRecord))
    assert record.agency_id == agency.id


def test_two_offices_moving_one_proposal_at_the_same_moment_act_one_after_the_other(
        app, make_user, proposal) -> None:
    """Officers of two offices press "shortlist" at once: one takes the proposal, the other
    is told it is in the first office's hands; one decision in the audit log."""
    from tests.conftest import PASSWORD, at_once, csrf_token

    browsers = []
    for _ in range(2):
        user = make_user(Role.PLACEMENT_OFFICER)
        browser = app.test_client()
        post_form(browser, "/login", {"username": user.username, "password": PASSWORD})
        browsers.append((browser, csrf_token(browser, f"/review/{proposal.id}")))
    target = f"/review/{proposal.id}/move"
    db.session.commit()
    statuses = at_once([
        lambda browser=browser, token=token: browser.post(
            target, data={"to": "shortlisted", "csrf_token": token}).status_code
        for browser, token in browsers])
    assert sorted(statuses) == [302, 403]
    db.session.expire_all()
    moves = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "review")).all()
    assert [(m.from_state, m.to_state) for m in moves] == [("proposed", "shortlisted")]


def test_the_history_names_every_step_in_persian(client: FlaskClient, officer, login,
                                                 make_user, proposal: Proposal) -> None:
    """Interest shown by the graduate is a step of the history too, not an identifier."""
    graduate = make_user(Role.GRADUATE, person_id=proposal.profile.person_id)
    mark_interest(graduate, proposal.id)
    db.session.commit()
    login(officer)
    assert move(client, proposal, "shortlisted").status_code == 302
    page = client.get(f"/review/{proposal.id}").get_data(as_text=True)
    history = page[page.index('data-testid="history"'):]
    assert "علاقه‌مندی دانش‌آموخته" in history and "graduate_interested" not in history
    assert "shortlisted" not in history and ProposalStatus.SHORTLISTED.label in history


def test_a_step_an_office_presses_twice_is_done_once_and_said_so(
        client: FlaskClient, officer, login, proposal: Proposal) -> None:
    login(officer)
    first, second = move(client, proposal, "shortlisted"), move(client, proposal, "shortlisted")
    assert first.status_code == second.status_code == 302
    assert second.headers["Location"].startswith(f"/review/{proposal.id}")
    page = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "این پیشنهاد پیش‌تر به وضعیت «در فهرست کوتاه» رسیده بود؛ چیزی تغییر نکرد." in page
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(
        AuditEntry.action == "review")) == 1


def test_a_step_already_passed_from_an_older_tab_is_said_to_be_done(
        client: FlaskClient, officer, login, proposal: Proposal) -> None:
    login(officer)
    move(client, proposal, "shortlisted")
    move(client, proposal, "introduced")
    stale = move(client, proposal, "shortlisted")
    assert stale.status_code == 302
    page = client.get(stale.headers["Location"]).get_data(as_text=True)
    assert "پیش‌تر به وضعیت «معرفی‌شده» رسیده بود" in page
    db.session.refresh(proposal)
    assert proposal.status is ProposalStatus.INTRODUCED
