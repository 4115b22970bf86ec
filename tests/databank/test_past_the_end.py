"""A paged list opened at a page past its end (an old bookmark, a list that shrank after a filter
or a removal) says that page has nothing, how many pages the list has, and links its first page,
keeping the list's filters; it never claims the list is empty. A list that is empty still says
its own "nothing yet"."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlencode

import pytest
from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.audit.services import record_event
from databank.db import db
from databank.matches.services import refresh_for_vacancy

NOTICE = re.compile(r'data-testid="past-the-end">(.*?)</div>', re.S)
NOTHING = re.compile(r'data-testid="(?:nothing-yet|no-duplicates)">\s*(.*?)\s*</div>', re.S)


def some_proposals(make_graduate: Callable[..., Any], make_vacancy: Callable[..., Any]) -> None:
    make_graduate()
    make_graduate()
    refresh_for_vacancy(make_vacancy())
    db.session.commit()


def some_duplicates(make_graduate: Callable[..., Any], make_vacancy: Callable[..., Any]) -> None:
    make_graduate(last_name="احمدی", birth_year=1370)
    make_graduate(last_name="احمدی", birth_year=1370)


def some_events(make_graduate: Callable[..., Any], make_vacancy: Callable[..., Any]) -> None:
    record_event(None, "register", "user", 1, to_state="graduate")
    record_event(None, "register", "user", 2, to_state="graduate")
    db.session.commit()


def nothing_to_add(make_graduate: Callable[..., Any], make_vacancy: Callable[..., Any]) -> None:
    """The admin's own account is a row enough."""


# (list with its filters, the testid of one of its rows, what puts rows on it, its noun)
LISTS = [
    ("/admin/audit?entity=user", "audit-row", some_events, "رویدادی"),
    ("/admin/users", "user-row", nothing_to_add, "کاربری"),
    ("/review?city=ساوه", "queue-row", some_proposals, "پیشنهادی"),
    ("/imports/duplicates", "duplicate-group", some_duplicates, "گروهی"),
]


def with_page(listed: str, number: str) -> str:
    return f"{listed}{'&' if '?' in listed else '?'}{urlencode({'page': number})}"


def first_page_link(page: str) -> str:
    notice = NOTICE.search(page)
    assert notice, "no past-the-end notice"
    return unquote(html.unescape(re.search(r'href="([^"]*)"', notice.group(1)).group(1)))


@pytest.fixture
def admin(client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.ADMIN))


@pytest.mark.parametrize(("listed", "row", "fill", "noun"), LISTS)
def test_a_page_past_the_end_says_so_and_links_the_first_page(
        client: FlaskClient, admin: None, make_graduate, make_vacancy, listed: str, row: str,
        fill: Callable[..., None], noun: str) -> None:
    fill(make_graduate, make_vacancy)
    response = client.get(with_page(listed, "7"))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'data-testid="{row}"' not in page
    assert not NOTHING.search(page) and "ثبت نشده" not in page and "نیست." not in page
    notice = html.unescape(NOTICE.search(page).group(1))
    assert f"صفحهٔ ۷ {noun} ندارد؛ فهرست ۱ صفحه دارد." in notice
    first = first_page_link(page)
    assert first == unquote(listed)  # the same list and filters, no page: its first page
    followed = client.get(first)
    assert followed.status_code == 200
    shown = followed.get_data(as_text=True)
    assert f'data-testid="{row}"' in shown and 'data-testid="past-the-end"' not in shown


@pytest.mark.parametrize(("listed", "row", "fill", "noun"), LISTS)
@pytest.mark.parametrize("number", ["abc", "-2", "0", "۲.۵", "99999999999999999999"])
def test_a_page_that_is_no_page_number_shows_the_first_page(
        client: FlaskClient, admin: None, make_graduate, make_vacancy, listed: str, row: str,
        fill: Callable[..., None], noun: str, number: str) -> None:
    fill(make_graduate, make_vacancy)
    response = client.get(with_page(listed, number))
    assert response.status_code == 200, (listed, number)
    page = response.get_data(as_text=True)
    assert f'data-testid="{row}"' in page and 'data-testid="past-the-end"' not in page


def test_a_bad_page_keeps_the_queue_filters_and_names_no_error(
        client: FlaskClient, admin: None, make_graduate, make_vacancy) -> None:
    some_proposals(make_graduate, make_vacancy)
    response = client.get("/review", query_string={"city": "تهران", "page": "abc"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'data-testid="queue-row"' not in page  # the city filter still holds
    assert "پیشنهادی با این فیلترها نیست." in NOTHING.search(page).group(1)


@pytest.mark.parametrize(("listed", "nothing"), [
    ("/admin/audit?entity=commitment", "رویدادی ثبت نشده است."),  # (her login is one)
    ("/admin/audit?entity=commitment&actor=nobody", "رویدادی با این فیلترها نیست."),
    ("/review", "پیشنهاد در جریانی برای دنبال کردن نیست."),  # opened bare: her to-do list
    ("/review?status=&held=", "پیشنهادی در صف نیست."),
    ("/review?city=ساوه", "پیشنهادی با این فیلترها نیست."),
    ("/imports/duplicates", "مورد احتمالاً تکراری پیدا نشد."),
])
@pytest.mark.parametrize("number", [None, "3"])
def test_an_empty_list_says_it_has_nothing_yet(client: FlaskClient, admin: None, listed: str,
                                               nothing: str, number: str | None) -> None:
    response = client.get(with_page(listed, number) if number else listed)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert NOTHING.search(text).group(1) == nothing
    assert 'data-testid="past-the-end"' not in text
