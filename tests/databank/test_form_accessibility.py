"""Refused fields are announced to screen readers: each invalid control says aria-invalid="true"
and points with aria-describedby at its Persian error (then its help), and the form's summary sits
in an alert region; fields without an error point at their help only, or at nothing."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.db import db
from databank.organisations.services import get_or_create_estate
from tests.conftest import post_form

CONTROLS = {"input", "select", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
PERSIAN = re.compile("[\u0600-\u06ff]")
UNIT = {"name": "شرکت لبنيات آوای دشت", "industrial_estate": "شهرک صنعتی کاظم‌آباد",
        "sector": "industry", "city": "ساوه", "address": "خیابان اول", "phone": "۰۸۶-۴۲۲۲۳۳۴۴",
        "workshop_code": "5100037"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def content(self) -> str:
        return " ".join("".join(self.text).split())

    @property
    def described_by(self) -> list[str]:
        return self.attrs.get("aria-describedby", "").split()


class Page(HTMLParser):
    """The page's elements with an id, its form controls, and the text inside each."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.feed(html)
        self.close()
        self.ids = Counter(e.attrs["id"] for e in self.elements if e.attrs.get("id"))
        self.by_id = {e.attrs["id"]: e for e in self.elements if e.attrs.get("id")}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text.append(data)

    def control(self, name: str) -> Element:
        [found] = [e for e in self.elements if e.tag in CONTROLS and e.attrs.get("name") == name
                   and e.attrs.get("type") != "hidden"]
        return found

    def controls(self) -> list[Element]:
        return [e for e in self.elements if e.tag in CONTROLS and e.attrs.get("type") != "hidden"]

    def invalid(self) -> list[Element]:
        return [e for e in self.controls() if "is-invalid" in e.classes]


def parse(response: Any) -> Page:
    return Page(response.get_data(as_text=True))


def assert_announced(page: Page) -> None:
    """What every page must hold: each refused control is flagged and described by its
    messages, then its help; no control points at an id that is missing or not unique."""
    duplicated = [name for name, times in page.ids.items() if times > 1]
    assert not duplicated, f"ids used twice: {duplicated}"
    for control in page.controls():
        for ident in control.described_by:
            assert ident in page.by_id, f"{control.attrs['name']} points at missing #{ident}"
        if "aria-describedby" in control.attrs:
            assert control.described_by, f"{control.attrs['name']} has an empty aria-describedby"
        invalid = "is-invalid" in control.classes
        assert (control.attrs.get("aria-invalid") == "true") is invalid, control.attrs["name"]
    for control in page.invalid():
        described = [page.by_id[ident] for ident in control.described_by]
        assert described, f"{control.attrs['name']} is refused but described by nothing"
        first = described[0]
        assert "invalid-feedback" in first.classes and PERSIAN.search(first.content), \
            f"{control.attrs['name']}: its first description is not its Persian error"
        kinds = ["help" if "form-text" in e.classes else "error" for e in described]
        assert kinds == sorted(kinds, key=lambda kind: kind != "error"), \
            f"{control.attrs['name']}: errors must come before help"


def assert_summary_is_announced(page: Page) -> None:
    [summary] = [e for e in page.elements if e.attrs.get("data-testid") == "form-errors"]
    assert summary.attrs.get("role") == "alert" and PERSIAN.search(summary.content)


def error_texts(page: Page, control: Element) -> list[str]:
    return [page.by_id[ident].content for ident in control.described_by
            if "invalid-feedback" in page.by_id[ident].classes]


# Graduate registration: inputs with and without help, and checkboxes.

def test_an_empty_graduate_registration_announces_every_refused_field(client: FlaskClient
                                                                      ) -> None:
    response = post_form(client, "/graduates/register", {})
    assert response.status_code == 400
    page = parse(response)
    assert_announced(page)
    assert_summary_is_announced(page)
    refused = {control.attrs["name"] for control in page.invalid()}
    assert {"national_id", "username", "password", "first_name", "mobile"} <= refused
    national_id = page.control("national_id")
    assert national_id.described_by == ["f-national_id-error"]
    assert national_id.attrs["aria-invalid"] == "true"
    assert PERSIAN.search(page.by_id["f-national_id-error"].content)


def test_a_refused_field_with_help_is_described_by_its_error_then_its_help(client: FlaskClient
                                                                          ) -> None:
    page = parse(post_form(client, "/graduates/register", {"username": "زهرا"}))
    username = page.control("username")
    assert username.attrs["aria-invalid"] == "true"
    assert username.described_by[-1] == "f-username-help"
    assert username.described_by[0] == "f-username-error"
    assert page.by_id["f-username-help"].content == (
        "حروف انگلیسی، رقم، نقطه، خط تیره یا زیرخط، با حرف یا رقم در آغاز؛ دست‌کم ۳ نویسه.")
    assert all(PERSIAN.search(text) for text in error_texts(page, username))


def test_a_refused_checkbox_is_announced(client: FlaskClient) -> None:
    page = parse(post_form(client, "/graduates/register", {"consent": "شاید"}))
    assert_announced(page)
    consent = page.control("consent")
    assert consent.attrs["type"] == "checkbox" and consent.attrs["aria-invalid"] == "true"
    assert error_texts(page, consent) == ["بله یا خیر را انتخاب کنید."]
    assert page.control("head_of_household").attrs.keys().isdisjoint(
        {"aria-invalid", "aria-describedby"})


def test_an_untouched_form_points_at_help_only_and_flags_nothing(client: FlaskClient) -> None:
    page = parse(client.get("/graduates/register"))
    assert_announced(page)
    assert not page.invalid()
    assert all("aria-invalid" not in control.attrs for control in page.controls())
    assert page.control("username").described_by == ["f-username-help"]
    assert page.control("password").described_by == ["f-password-help"]
    assert page.control("mobile").described_by == ["f-mobile-help"]
    for name in ("national_id", "password_confirm", "first_name", "gender", "consent"):
        assert "aria-describedby" not in page.control(name).attrs, name


def test_a_field_without_error_keeps_pointing_at_its_help_beside_refused_ones(
        client: FlaskClient) -> None:
    page = parse(post_form(client, "/graduates/register", {"birth_year": "۱۳۷۵"}))
    birth_year = page.control("birth_year")
    assert "is-invalid" not in birth_year.classes and "aria-invalid" not in birth_year.attrs
    assert birth_year.described_by == ["f-birth_year-help"]


# Employer registration.

def test_an_empty_employer_registration_announces_every_refused_field(client: FlaskClient
                                                                      ) -> None:
    response = post_form(client, "/register", {})
    page = parse(response)
    assert response.status_code == 400
    assert_announced(page)
    assert_summary_is_announced(page)
    refused = {control.attrs["name"] for control in page.invalid()}
    assert {"display_name", "username", "password"} <= refused
    password = page.control("password")
    assert password.described_by[0] == "f-password-error"
    assert password.described_by[-1] == "f-password-help"


# Vacancy form: input, select and textarea.

@pytest.fixture
def employer(client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.EMPLOYER))
    get_or_create_estate(UNIT["industrial_estate"], "ساوه")  # on the admin's list
    db.session.commit()
    assert post_form(client, "/unit", UNIT).status_code == 302


def test_a_refused_vacancy_announces_its_input_select_and_textarea(client: FlaskClient,
                                                                   employer) -> None:
    response = post_form(client, "/vacancies/new", {
        "title": "", "positions": "صد", "min_degree": "99", "gender": "any",
        "deadline": "1405/99/99", "description": "ب" * 4001})
    assert response.status_code == 400
    page = parse(response)
    assert_announced(page)
    assert_summary_is_announced(page)
    refused = {control.attrs["name"]: control.tag for control in page.invalid()}
    assert refused.get("title") == "input"
    assert refused.get("min_degree") == "select"
    assert refused.get("description") == "textarea"
    deadline = page.control("deadline")
    assert deadline.described_by == ["f-deadline-error", "f-deadline-help"]
    assert "aria-invalid" not in page.control("gender").attrs
    assert "aria-describedby" not in page.control("city").attrs


# The monitoring record form: required selects.

def test_a_refused_monitoring_record_announces_its_selects(app: Flask, make_user, login,
                                                            client: FlaskClient) -> None:
    login(make_user(Role.AGENCY_OFFICER))
    response = post_form(client, "/monitoring/records/new", {"start_date": "۱۴۰۵/۰۷/۰۱"})
    assert response.status_code == 400
    page = parse(response)
    assert_announced(page)
    assert_summary_is_announced(page)
    for name in ("gender", "sector"):
        select = page.control(name)
        assert select.tag == "select" and select.attrs["aria-invalid"] == "true"
        assert select.described_by == [f"f-{name}-error"]
    start_date = page.control("start_date")
    assert "aria-invalid" not in start_date.attrs
    assert start_date.described_by == ["f-start_date-help"]


# The upload form: the file input drawn by macros/uploads.html.

def test_an_upload_without_a_file_announces_the_file_input(client: FlaskClient, make_user,
                                                           login) -> None:
    login(make_user(Role.ADMIN))
    response = post_form(client, "/imports/", {"kind": "graduates"})
    page = parse(response)
    assert_announced(page)
    file_input = page.control("file")
    assert file_input.attrs["aria-invalid"] == "true"
    assert file_input.described_by == ["f-file-error", "f-file-help"]
    assert error_texts(page, file_input) == ["فایلی برای ورود انتخاب کنید."]


# The macros themselves, for what no page shows today.

FIELDS = """{% from "macros/forms.html" import input, select, textarea, checkbox %}
{{ input("a", "الف", {}, errors, help="راهنمای الف") }}
{{ input("b", "ب", {}, errors, help="راهنمای ب") }}
{{ select("c", "پ", [("1", "یک")], {}, errors) }}
{{ textarea("d", "ت", {}, errors) }}
{{ checkbox("e", "ث", {}, errors, help="راهنمای ث") }}"""


def render(app: Flask, errors: dict[str, list[str]]) -> Page:
    with app.test_request_context():
        return Page(app.jinja_env.from_string(FIELDS).render(errors=errors))


def test_two_fields_on_one_page_have_their_own_ids(app: Flask) -> None:
    page = render(app, {"a": ["خطای الف"], "b": ["خطای ب"]})
    assert_announced(page)
    assert page.control("a").described_by == ["f-a-error", "f-a-help"]
    assert page.control("b").described_by == ["f-b-error", "f-b-help"]
    assert page.by_id["f-a-error"].content == "خطای الف"
    assert page.by_id["f-b-error"].content == "خطای ب"


def test_a_field_with_several_messages_is_described_by_each(app: Flask) -> None:
    page = render(app, {"c": ["نخست", "دوم"], "d": ["سوم"], "e": ["چهارم"]})
    assert_announced(page)
    assert page.control("c").described_by == ["f-c-error", "f-c-error-2"]
    assert [page.by_id[i].content for i in page.control("c").described_by] == ["نخست", "دوم"]
    assert page.control("d").described_by == ["f-d-error"]
    assert page.control("e").described_by == ["f-e-error", "f-e-help"]


def test_fields_without_errors_or_help_point_at_nothing(app: Flask) -> None:
    page = render(app, {})
    assert_announced(page)
    for name in ("c", "d"):
        assert page.control(name).attrs.keys().isdisjoint({"aria-describedby", "aria-invalid"})
    assert page.control("a").described_by == ["f-a-help"]
