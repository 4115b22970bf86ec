"""The records pages offer agencies in Persian alphabetical order (databank.collation), not by
code point, where پ would follow ت and گ would follow ل."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.db import db
from databank.organisations.services import get_or_create_agency

NAMES = ["لشکر آزمون", "پست بانک", "گمرک", "تعاون روستایی", "بنیاد مسکن"]
PERSIAN_ORDER = ["بنیاد مسکن", "پست بانک", "تعاون روستایی", "گمرک", "لشکر آزمون"]


@pytest.mark.parametrize(("page", "select"), [("/monitoring/records", "f-agency"),
                                              ("/monitoring/records/new", "f-agency_id")])
def test_the_records_pages_offer_agencies_in_persian_order(app: Flask, make_user, login,
                                                           client: FlaskClient, page: str,
                                                           select: str) -> None:
    for name in NAMES:
        get_or_create_agency(name)
    db.session.commit()
    login(make_user(Role.ADMIN))
    html = client.get(page).get_data(as_text=True)
    options = re.search(rf'<select[^>]*id="{select}".*?</select>', html, re.S)
    assert options, select
    offered = [name for name in re.findall(r"<option[^>]*>([^<]+)</option>", options.group(0))
               if name in NAMES]
    assert offered == PERSIAN_ORDER


