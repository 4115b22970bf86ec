"""Turning an account on or off names the account and which way it went: the admin's list holds
many accounts, and «وضعیت حساب به‌روز شد» said neither."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.db import db
from tests.conftest import post_form


@pytest.mark.parametrize(("active", "said", "state"), [("0", "غیرفعال", False),
                                                       ("1", "فعال", True)])
def test_turning_an_account_on_or_off_names_it_and_the_way_it_went(
        client: FlaskClient, make_user, login, active: str, said: str, state: bool) -> None:
    user = make_user(Role.INSPECTOR)
    user.is_active = not state
    db.session.commit()
    login(make_user(Role.ADMIN))
    response = post_form(client, "/admin/users", {"active": active},
                         action=f"/admin/users/{user.id}/active", follow_redirects=True)
    page = response.get_data(as_text=True)
    flashed = re.findall(r'<div class="alert alert-success" role="alert">(.*?)</div>', page)
    assert flashed == [f"حساب «{user.username}» {said} شد."]
    assert "وضعیت حساب به‌روز شد" not in page
    db.session.refresh(user)
    assert user.is_active is state
