"""The admin reads the audit log; nobody else can."""

from __future__ import annotations

import pytest

from databank.accounts.models import Role
from tests.conftest import post_form


def test_the_admin_sees_who_did_what(client, make_user, login) -> None:
    admin = make_user(Role.ADMIN)
    login(admin)
    post_form(client, "/admin/users/new", {
        "role": "inspector", "display_name": "بازرس تازه", "username": "new.inspector",
        "password": "inspector-pass-1", "password_confirm": "inspector-pass-1"})
    page = client.get("/admin/audit?entity=user").get_data(as_text=True)
    page = page[page.index('data-testid="audit"'):page.index("</table>")]
    assert page.count('data-testid="audit-row"') == 1
    assert "ایجاد کاربر" in page and admin.display_name in page and "بازرس راستی‌آزمایی" in page
    assert "create_user" not in page and "inspector" not in page


def test_an_entry_says_which_agency_year_and_day_it_was_about(client, make_user, login) -> None:
    from databank.db import db
    from databank.organisations.services import get_or_create_agency

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
