"""The import page names its required columns in words, «(لازم)», not by their colour alone
(a screen reader, or an eye that does not tell the blues apart, gets the same list)."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from databank.accounts.models import Role
from databank.imports.columns import GRADUATE_COLUMNS, VACANCY_COLUMNS

BADGE = re.compile(r'<span class="badge text-bg-[^"]*"[^>]*>(.*?)</span>\s*(?=<span|</p>)',
                   re.S)


def test_each_required_column_says_so_in_words_and_no_other_does(
        client: FlaskClient, make_user, login) -> None:
    login(make_user(Role.PLACEMENT_OFFICER))
    page = client.get("/imports/").get_data(as_text=True)
    said = [re.sub(r"<[^>]+>", "", badge) for badge in BADGE.findall(page)]
    columns = [*GRADUATE_COLUMNS, *VACANCY_COLUMNS]
    assert len(said) == len(columns)
    for column, text in zip(columns, said, strict=True):
        assert text.startswith(column.label)
        assert ("(لازم)" in text) is column.required, text
