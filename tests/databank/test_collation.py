"""Names are listed in Persian alphabetical order, not in the code-point order of the
databases, where پ چ ژ ک گ ی come after every other letter."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.collation import persian_order
from databank.db import db
from databank.organisations.services import get_or_create_agency, get_or_create_unit
from databank.vocabulary import Sector


@pytest.mark.parametrize(("before", "after"), [
    ("کمیته امداد", "مدیریت جهاد کشاورزی"),   # ک before م
    ("اداره کل بهزیستی", "اداره ورزش"),        # ک before و
    ("شرکت پلیمر", "شرکت تراشکاری"),            # پ before ت
    ("شرکت بیسکویت", "شرکت پلیمر"),             # ب before پ
    ("چرم ساوه", "حریر"),                       # چ before ح
    ("ژاله", "سپیده"),                          # ژ before س
    ("گلستان", "لادن"),                         # گ before ل
    ("آموزش فنی", "ابزار"),                      # آ before ا
    ("هما", "یاس"),                             # ی last
    ("۱۲ فروردین", "اداره"),                    # digits first
    ("شرکت ۱", "شرکت ۲"),
    ("یاس", "Zagros"),                          # Latin after Persian
])
def test_names_sort_in_persian_order(before: str, after: str) -> None:
    assert persian_order(before) < persian_order(after)


@pytest.mark.parametrize(("one", "other"), [
    ("کمیته امداد", "كميته امداد"),          # Arabic kaf and yeh
    ("نرم‌افزار", "نرم افزار"),               # half-space and space
    ("ABC", "abc"),
    ("سازمان ۱", "سازمان 1"),
])
def test_spellings_of_one_name_sort_together(one: str, other: str) -> None:
    assert persian_order(one) == persian_order(other)


def test_the_registry_and_the_officer_form_list_agencies_in_persian_order(
        client: FlaskClient, make_user, login) -> None:
    names = ["مدیریت جهاد کشاورزی", "کمیته امداد امام خمینی", "اداره ورزش و جوانان",
             "اداره کل بهزیستی"]
    for name in names:
        get_or_create_agency(name)
    db.session.commit()
    login(make_user(Role.ADMIN))
    page = client.get("/admin/organisations/agencies").get_data(as_text=True)
    expected = ["اداره کل بهزیستی", "اداره ورزش و جوانان", "کمیته امداد امام خمینی",
                "مدیریت جهاد کشاورزی"]
    assert sorted(names, key=lambda n: page.index(n)) == expected
    form = client.get("/admin/users/new").get_data(as_text=True)
    shown = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', form)
    assert [name for name in shown if name in names] == expected


def test_the_units_list_is_in_persian_order_across_its_pages(client: FlaskClient, make_user,
                                                             login) -> None:
    names = [f"{first} {number:02d}" for first in ("یاس", "کاوه", "پارس", "بهار")
             for number in range(10)]
    for name in names:
        get_or_create_unit(name, sector=Sector.INDUSTRY)
    db.session.commit()
    login(make_user(Role.PLACEMENT_OFFICER))
    shown = []
    for number in (1, 2):
        page = client.get(f"/units?page={number}").get_data(as_text=True)
        for name in re.findall(r"(?:یاس|کاوه|پارس|بهار) \d\d", page):
            if name not in shown:  # a row names its unit more than once
                shown.append(name)
    assert shown == sorted(names, key=persian_order)
    assert shown[0] == "بهار 00" and shown[-1] == "یاس 09"
