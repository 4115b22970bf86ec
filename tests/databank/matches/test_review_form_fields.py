"""A refused move on a proposal's page is said beside the field it is about: the field is
flagged invalid and described by its Persian message, not only by an alert at the top of the
page. The forms leave the checking to the server (novalidate), so an empty box gets the bank's
Persian message, never the browser's English bubble; the rejection's box has a visible label."""

from __future__ import annotations

from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.jalali import format_date, today
from databank.organisations.services import get_or_create_agency
from tests.databank.matches.test_office_review import office_officer, one_proposal, to_interviewed
from tests.databank.matches.test_review import move
from tests.databank.test_form_accessibility import (
    Page,
    assert_announced,
    error_texts,
    parse,
)


def forms(page: Page) -> list:
    return [e for e in page.elements if e.tag == "form" and e.attrs.get("method") == "post"
            and e.attrs.get("data-testid", "").startswith("move-")]


def alerts(page: Page) -> list[str]:
    return [e.content for e in page.elements if e.attrs.get("role") == "alert"]


def test_an_empty_hire_date_is_refused_beside_its_field(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    officer = office_officer(make_user, "دفتر کاریابی امید", "اداره تعاون، کار و رفاه اجتماعی")
    proposal = one_proposal(make_graduate, make_vacancy)
    login(officer)
    to_interviewed(client, proposal)
    page = parse(client.get(f"/review/{proposal.id}"))
    assert forms(page) and all("novalidate" in form.attrs for form in forms(page))
    refused = move(client, proposal, "hired", start_date="")
    assert refused.status_code == 400
    page = parse(refused)
    assert_announced(page)
    start = page.control("start_date")
    assert start.attrs.get("aria-invalid") == "true"
    [message] = error_texts(page, start)
    assert "تاریخ شروع به کار را وارد کنید" in message
    assert not any(message in alert for alert in alerts(page))  # said once, beside the field
    assert page.control("agency_id").attrs.get("aria-invalid") is None


def test_a_hire_credited_to_no_agency_is_refused_beside_the_agency_box(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    get_or_create_agency("آموزش فنی و حرفه‌ای")
    proposal = one_proposal(make_graduate, make_vacancy)
    login(make_user(Role.ADMIN))
    to_interviewed(client, proposal)
    start = format_date(today())
    page = parse(move(client, proposal, "hired", start_date=start, agency_id=""))
    assert_announced(page)
    agency = page.control("agency_id")
    assert agency.attrs.get("aria-invalid") == "true"
    assert "دستگاه اجرایی" in error_texts(page, agency)[0]
    assert page.control("start_date").attrs["value"] == start
    labels = {e.attrs.get("for"): e.content for e in page.elements if e.tag == "label"}
    assert labels[agency.attrs["id"]] == "دستگاه اعتبارگیرنده"


def test_a_rejection_without_a_reason_is_refused_beside_its_labelled_box(
        client: FlaskClient, make_user, login, make_graduate, make_vacancy) -> None:
    officer = office_officer(make_user, "دفتر کاریابی امید", None)
    proposal = one_proposal(make_graduate, make_vacancy)
    login(officer)
    refused = move(client, proposal, "rejected", reason="  ")
    assert refused.status_code == 400
    page = parse(refused)
    assert_announced(page)
    reason = page.control("reason")
    labels = {e.attrs.get("for"): e.content for e in page.elements if e.tag == "label"}
    assert labels[reason.attrs["id"]] == "دلیل رد"
    assert reason.attrs.get("aria-invalid") == "true"
    assert error_texts(page, reason) == ["دلیل رد را بنویسید."]
