"""A graduate who registers without allowing her profile to be shown is told the truth: no
vacancy is proposed to her until she allows it, with a link to where she does; she is never
promised jobs on a page that cannot show any. One who consents is told her jobs come here."""

from __future__ import annotations

import html
from typing import Any

from flask import Flask, render_template
from flask.testing import FlaskClient

from databank.people.views import REGISTERED, REGISTERED_UNSHOWN
from tests.conftest import post_form
from tests.databank.people.test_graduate_pages import REGISTRATION

UNSHOWN = {k: v for k, v in REGISTRATION.items() if k != "consent"}
PROMISE = "فرصت‌های شغلی مناسب شما در همین صفحه می‌آید"
NOTHING_PROPOSED = "تا این اجازه را ندهید، هیچ فرصت شغلی به شما پیشنهاد نمی‌شود"
CONSENT_LINK = 'href="/profile#f-consent"'


def text_of(response: Any) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_without_consent_she_is_told_nothing_is_proposed_and_not_promised_jobs(
        client: FlaskClient) -> None:
    response = post_form(client, "/graduates/register", UNSHOWN, follow_redirects=True)
    said = text_of(response)
    assert response.status_code == 200 and response.request.path == "/profile/proposals"
    assert PROMISE not in said
    assert REGISTERED_UNSHOWN in said and NOTHING_PROPOSED in said
    assert CONSENT_LINK in said


def test_the_link_leads_to_the_consent_box_on_her_profile(client: FlaskClient) -> None:
    post_form(client, "/graduates/register", UNSHOWN)
    profile = text_of(client.get("/profile"))
    assert 'id="f-consent"' in profile and 'name="consent"' in profile


def test_with_consent_she_is_told_her_jobs_come_on_this_page(client: FlaskClient) -> None:
    said = text_of(post_form(client, "/graduates/register", REGISTRATION,
                             follow_redirects=True))
    assert REGISTERED in said and PROMISE in said
    assert REGISTERED_UNSHOWN not in said and NOTHING_PROPOSED not in said


def test_her_home_page_explains_a_zero_and_links_to_her_consent(client: FlaskClient) -> None:
    post_form(client, "/graduates/register", UNSHOWN)
    home = text_of(client.get("/"))
    assert 'data-testid="proposals-note"' in home and "اجازهٔ نمایش پروفایل" in home
    assert CONSENT_LINK in home
    assert 'data-testid="no-consent"' in home and NOTHING_PROPOSED in home


def test_her_home_page_does_not_blame_consent_she_gave(client: FlaskClient) -> None:
    post_form(client, "/graduates/register", REGISTRATION)
    home = text_of(client.get("/"))
    assert 'data-testid="no-consent"' not in home and NOTHING_PROPOSED not in home


def test_her_home_page_says_exactly_why_when_it_knows_she_has_not_consented(app: Flask
                                                                           ) -> None:
    with app.test_request_context("/"):
        page = render_template("home/graduate.html", summary={
            "has_profile": True, "field": "شیمی", "proposals": 0, "consent": False})
    assert NOTHING_PROPOSED in page and CONSENT_LINK in page
    assert "تا اجازهٔ نمایش پروفایل را ندهید، فرصتی پیشنهاد نمی‌شود." in page


def test_her_home_page_adds_no_note_to_proposals_she_has(app: Flask) -> None:
    with app.test_request_context("/"):
        page = render_template("home/graduate.html", summary={
            "has_profile": True, "field": "شیمی", "proposals": 3, "consent": True})
    assert 'data-testid="proposals-note"' not in page and NOTHING_PROPOSED not in page
