"""The admin finds an account by what the caller gives her: a username, the name on the
account, or a graduate's national ID or name in any spelling; the list keeps the search from
page to page, and a search of punctuation alone finds nothing."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.db import db
from tests.conftest import post_form
from tests.databank.people.test_graduate_pages import REGISTRATION

ROW = re.compile(r'<tr data-testid="user-row">.*?</tr>', re.S)


def usernames(client: FlaskClient, search: str) -> set[str]:
    page = client.get("/admin/users", query_string={"q": search}).get_data(as_text=True)
    return {re.search(r'<bdi dir="ltr">([^<]+)</bdi>', row).group(1) for row in ROW.findall(page)}


def test_the_admin_finds_a_graduate_by_national_id_name_or_username(
        app, client: FlaskClient, make_user, login) -> None:
    graduate = app.test_client()
    post_form(graduate, "/graduates/register", REGISTRATION)  # مريم احمدی, Arabic ي
    inspector = make_user(Role.INSPECTOR, username="bazras.one")
    inspector.display_name = "حسن رضایی"
    db.session.commit()
    login(make_user(Role.ADMIN, username="chief"))
    wanted = REGISTRATION["username"]
    assert usernames(client, "542419") == {wanted}  # part of her national ID
    assert usernames(client, "۰۰۱۳۵۴۲۴۱۹") == {wanted}
    assert usernames(client, "احمدي مريم") == {wanted}  # surname first, Arabic letters
    assert usernames(client, "BAZRAS") == {"bazras.one"}
    assert usernames(client, "رضایی") == {"bazras.one"}
    assert usernames(client, "") >= {wanted, "bazras.one", "chief"}


def test_a_search_of_punctuation_alone_finds_nothing_and_says_so(
        client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.ADMIN))
    page = client.get("/admin/users", query_string={"q": "%"}).get_data(as_text=True)
    assert 'data-testid="user-row"' not in page
    assert "کاربری با این جست‌وجو پیدا نشد." in page


def test_the_pager_keeps_the_search(client: FlaskClient, make_user, login) -> None:
    for number in range(55):
        make_user(Role.INSPECTOR, username=f"bazras{number:02d}")
    login(make_user(Role.ADMIN))
    page = client.get("/admin/users", query_string={"q": "bazras"}).get_data(as_text=True)
    assert page.count('data-testid="user-row"') == 50
    assert "/admin/users?page=2&amp;q=bazras" in page
