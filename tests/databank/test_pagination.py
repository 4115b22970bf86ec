"""Every paged list takes any `?page=`: digits of any script, a page past the end, nonsense or
a number too large for the database give a list (the first page for what is not a page
number), never an error page."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.db import MAX_PAGE, requested_page

LISTS = ["/monitoring/records", "/admin/audit", "/admin/users", "/imports/duplicates", "/review",
         "/units"]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("page", ["99999999999999999999", "abc", "۲", "", "-3", "0", "2.5",
                                  str(MAX_PAGE)])
def test_a_list_answers_any_page_number(client: FlaskClient, login, make_user, url: str,
                                        page: str) -> None:
    login(make_user(Role.ADMIN))
    response = client.get(url, query_string={"page": page})
    assert response.status_code == 200, (url, page)


def test_the_page_number_is_read_in_any_script_and_bounded() -> None:
    assert [requested_page(v) for v in ("3", "۳", "٣", " 4 ", None)] == [3, 3, 3, 4, 1]
    assert [requested_page(v) for v in ("0", "-1", "x", "1e9", "²", str(MAX_PAGE + 1))] == [1] * 6
