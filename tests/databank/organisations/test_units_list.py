"""The /units list over more than one page: a refused link or release renders it from the POST
view and its pager still leads to the list; a search finds a unit by its workshop code as well
as its name; a page past the end says so instead of claiming there are no units."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import unquote

import pytest
from flask.testing import FlaskClient

from databank.accounts.models import Role, User
from databank.db import db
from databank.organisations import holders
from databank.organisations.models import IndustrialUnit
from databank.organisations.services import get_or_create_unit
from tests.conftest import post_form


@pytest.fixture
def office(client: FlaskClient, make_user, login) -> User:
    officer = make_user(Role.PLACEMENT_OFFICER)
    login(officer)
    return officer


@pytest.fixture
def units(office: User) -> list[IndustrialUnit]:
    """35 units: two pages of 30."""
    made = [get_or_create_unit(f"کارگاه آزمون {number:02d}", workshop_code=f"{7000 + number}")
            for number in range(35)]
    db.session.commit()
    return made


def pager_links(page: str) -> list[str]:
    return [unquote(html.unescape(link))
            for link in re.findall(r'class="page-link" href="([^"]*)"', page)]


@pytest.mark.parametrize("listed", ["/units", "/units?page=2&q=کارگاه"])
def test_a_refused_link_shows_the_list_with_a_pager_to_the_list(
        client: FlaskClient, units: list[IndustrialUnit], listed: str) -> None:
    unit = units[0]
    response = post_form(client, "/units", {"username": "nobody"},
                         action=f"/units/{unit.id}/holder?{listed.partition('?')[2]}")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert holders.NO_ACCOUNT in page
    links = pager_links(page)
    assert links and all(link.startswith("/units?") for link in links)
    assert "/units?page=2" in links or "/units?page=1&q=کارگاه" in links


def test_a_refused_release_shows_the_list_with_a_pager_to_the_list(
        client: FlaskClient, units: list[IndustrialUnit]) -> None:
    response = post_form(client, "/units", {}, action=f"/units/{units[0].id}/release")
    assert response.status_code == 409
    assert pager_links(response.get_data(as_text=True)) == ["/units?page=2"]


@pytest.mark.parametrize("typed", ["7012", "۷۰۱۲", "٧٠١٢", "0007012", " 7012 "])
def test_the_list_finds_a_unit_by_its_workshop_code_in_any_script(
        client: FlaskClient, units: list[IndustrialUnit], typed: str) -> None:
    page = client.get("/units", query_string={"q": typed}).get_data(as_text=True)
    assert "کارگاه آزمون 12" in page
    assert page.count('data-testid="unit-row"') == 1


def test_a_code_stored_in_persian_digits_is_found_too(client: FlaskClient,
                                                      office: User) -> None:
    get_or_create_unit("شرکت قدیمی", workshop_code="۰۵۱۰۰۰۳۷")
    db.session.commit()
    page = client.get("/units", query_string={"q": "5100037"}).get_data(as_text=True)
    assert "شرکت قدیمی" in page


def test_a_search_that_finds_nothing_says_so(client: FlaskClient,
                                            units: list[IndustrialUnit]) -> None:
    page = client.get("/units", query_string={"q": "99999"}).get_data(as_text=True)
    assert "واحدی با این نام یا کد کارگاه پیدا نشد." in page


@pytest.mark.parametrize("typed", ["%", "_", "-- ،"])
def test_a_search_of_punctuation_alone_finds_nothing_and_says_so(
        client: FlaskClient, units: list[IndustrialUnit], typed: str) -> None:
    """It once keyed to nothing and listed every unit, as if nothing had been asked."""
    page = client.get("/units", query_string={"q": typed}).get_data(as_text=True)
    assert page.count('data-testid="unit-row"') == 0
    assert "واحدی با این نام یا کد کارگاه پیدا نشد." in page


def test_a_page_past_the_end_does_not_say_there_are_no_units(
        client: FlaskClient, units: list[IndustrialUnit]) -> None:
    response = client.get("/units", query_string={"page": "7", "q": "کارگاه"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "ثبت نشده است" not in page and "پیدا نشد" not in page
    notice = re.search(r'data-testid="past-the-end">(.*?)</div>', page).group(1)
    assert "صفحهٔ ۷ واحدی ندارد" in notice
    first = unquote(html.unescape(re.search(r'href="([^"]*)"', notice).group(1)))
    assert first == "/units?q=کارگاه"
    assert "/units?page=2&q=کارگاه" in pager_links(page)  # «قبلی»: the last page, not the 6th


def test_no_units_at_all_is_said_as_before(client: FlaskClient, office: User) -> None:
    page: Any = client.get("/units").get_data(as_text=True)
    assert "واحدی ثبت نشده است." in page
