"""An employer's vacancies page over the years: 25 a page, the open and paused ones first (an
old open vacancy is never buried under newer closed ones), and the same-title question on a
closed vacancy's «بازگشایی» sees titles in play on every page."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from databank.accounts.models import User
from databank.db import db
from databank.vacancies.models import VacancyStatus
from databank.vacancies.views import VACANCIES_PER_PAGE
from tests.databank.vacancies.test_employer_pages import employer

__all__ = ["employer"]  # the fixture

ROW = re.compile(r'<td data-label="عنوان">(.*?)</td>')


def test_the_list_pages_with_what_is_in_play_first(client: FlaskClient, employer: User,
                                                   make_vacancy) -> None:
    unit = employer.unit
    namesake = make_vacancy(unit=unit, title="جوشکار", ref="OLD-1")  # the oldest, closed
    namesake.status = VacancyStatus.CLOSED
    open_one = make_vacancy(unit=unit, title="جوشکار", ref="OLD-2")
    for number in range(VACANCIES_PER_PAGE + 1):
        closed = make_vacancy(unit=unit, title=f"اپراتور خط {number}", ref=f"C-{number}")
        closed.status = VacancyStatus.CLOSED
    db.session.commit()

    first = client.get("/vacancies").get_data(as_text=True)
    titles = ROW.findall(first)
    assert len(titles) == VACANCIES_PER_PAGE
    assert titles[0] == "جوشکار"  # the one open vacancy, older than all but one, comes first
    assert "صفحهٔ ۱ از ۲" in first and 'href="/vacancies?page=2"' in first

    second = client.get("/vacancies?page=2").get_data(as_text=True)
    assert len(ROW.findall(second)) == 28 - VACANCIES_PER_PAGE
    # the closed «جوشکار» on page 2 knows its namesake on page 1 is open: reopening asks
    row = re.search(r"<tr>((?:(?!<tr>).)*?>OLD-1<(?:(?!<tr>).)*?)</tr>", second, re.S)
    assert row is not None and 'name="title_checked"' in row.group(1)
    assert f">{open_one.ref}<" in first and f">{open_one.ref}<" not in second

    past = client.get("/vacancies?page=7").get_data(as_text=True)
    assert 'data-testid="past-the-end"' in past and "فهرست ۲ صفحه دارد" in past
    assert "هنوز فرصت شغلی منتشر نکرده‌اید." not in past
