"""The admin reads the audit log; nobody else can."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from databank.accounts.models import Role
from databank.audit.models import AuditEntry
from databank.db import db
from databank.jalali import format_date, today
from databank.matches.models import Proposal
from databank.matches.services import refresh_for_vacancy
from databank.organisations.services import get_or_create_agency, get_or_create_office
from tests.conftest import PASSWORD, post_form


def test_the_admin_sees_who_did_what(client, make_user, login) -> None:
    admin = make_user(Role.ADMIN)
    login(admin)
    post_form(client, "/admin/users/new", {
        "role": "inspector", "display_name": "بازرس تازه", "username": "bazras.tazeh",
        "password": "inspector-pass-1", "password_confirm": "inspector-pass-1"})
    page = client.get("/admin/audit?entity=user&action=create_user").get_data(as_text=True)
    page = page[page.index('data-testid="audit"'):page.index("</table>")]
    assert page.count('data-testid="audit-row"') == 1
    assert "ایجاد کاربر" in page and admin.display_name in page and "بازرس راستی‌آزمایی" in page
    assert "create_user" not in page and "inspector" not in page
    assert "کاربر: بازرس تازه (bazras.tazeh)" in page  # by name, not by its number


def test_an_entry_says_which_agency_year_and_day_it_was_about(client, make_user, login) -> None:
    agency = get_or_create_agency("اداره بهزیستی")
    db.session.commit()
    login(make_user(Role.ADMIN))
    post_form(client, "/monitoring/commitments?year=1405",
              {"agency_id": str(agency.id), "year": "1405", "target": "120"})
    post_form(client, "/monitoring/commitments?year=1405",
              {"agency_id": str(agency.id), "year": "1405", "target": "90"})
    page = client.get("/admin/audit?entity=commitment").get_data(as_text=True)
    assert page.count("دستگاه: اداره بهزیستی، سال: ۱۴۰۵") == 2
    assert "۱۲۰" in page and "۹۰" in page


@pytest.mark.parametrize("role", [Role.PLACEMENT_OFFICER, Role.INSPECTOR, Role.GRADUATE])
def test_only_the_admin_reads_the_audit_log(client, make_user, login, role) -> None:
    login(make_user(role))
    assert client.get("/admin/audit").status_code == 403


def test_the_log_names_each_record_and_filters_by_action_user_and_day(
        client, make_user, login, make_graduate, make_vacancy) -> None:
    make_graduate(first_name="نرگس", last_name="امیری")
    vacancy = make_vacancy(title="جوشکار")
    refresh_for_vacancy(vacancy)
    office = get_or_create_office("دفتر کاریابی امید", get_or_create_agency("اداره تعاون"))
    db.session.commit()
    officer = make_user(Role.PLACEMENT_OFFICER, username="omid.officer", office_id=office.id)
    other = make_user(Role.PLACEMENT_OFFICER, username="farda.officer")
    proposal = db.session.scalar(select(Proposal))
    login(officer)
    post_form(client, f"/review/{proposal.id}", {"to": "shortlisted"},
              action=f"/review/{proposal.id}/move")
    old = AuditEntry(actor_id=other.id, action="review", entity="proposal",
                     entity_id=proposal.id, from_state="proposed", to_state="shortlisted")
    db.session.add(old)
    db.session.flush()
    old.at = old.at - timedelta(days=10)
    db.session.commit()
    admin = client.application.test_client()
    post_form(admin, "/login", {"username": make_user(Role.ADMIN).username,
                                "password": PASSWORD})

    def rows(query: str) -> list[str]:
        page = admin.get(f"/admin/audit?{query}").get_data(as_text=True)
        return [row.split("</tr>")[0] for row in page.split('data-testid="audit-row"')[1:]]

    reviews = rows("action=review")
    assert len(reviews) == 2
    assert all("پیشنهاد تطبیق: نرگس امیری ← جوشکار" in row for row in reviews)
    assert len(rows("action=review&actor=omid")) == 1
    assert len(rows(f"action=review&since={format_date(today())}")) == 1
    earlier = format_date(today() - timedelta(days=5))
    assert len(rows(f"action=review&until={earlier}")) == 1
    backwards = admin.get(f"/admin/audit?action=review&since={format_date(today())}"
                          f"&until={earlier}")
    assert "روز پایان پیش از روز آغاز است" in backwards.get_data(as_text=True)
    bad = admin.get("/admin/audit?action=review&since=1405/13/01")
    assert bad.status_code == 400 and "از روز: " in bad.get_data(as_text=True)
    assert bad.get_data(as_text=True).count('data-testid="audit-row"') == 2  # the rest applies


def test_a_person_who_is_no_graduate_is_not_called_one(client, make_user, login) -> None:
    """An agency's job may name anyone: the log calls a person a person."""
    from databank.people.services import get_or_create_person
    from databank.vocabulary import Gender
    from tests.conftest import valid_national_id

    worker = get_or_create_person(valid_national_id(7070), first_name="رضا", last_name="نادری",
                                  gender=Gender.MALE)
    db.session.commit()
    login(make_user(Role.ADMIN))
    post_form(client, "/admin/people/identity", {
        "national_id": worker.national_id, "first_name": "رضا", "last_name": "نادری‌پور",
        "gender": "male", "reason": "نام خانوادگی در کارت ملی نادری‌پور است"},
        action="/admin/people/identity/correct")
    page = client.get("/admin/audit?action=correct_identity").get_data(as_text=True)
    assert page.count('data-testid="audit-row"') == 1
    assert "شخص: رضا نادری‌پور" in page and "دانش‌آموخته:" not in page
