"""A search of the monitoring records is taken literally: «%» or «_» are no wildcards and, in no
name or national ID, find nothing, which the page says (they once listed every record, saying
nothing); the list's export follows the same search."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.databank.monitoring.test_job_dates import days
from tests.databank.monitoring.test_record_decisions import SECOND, checker, officer, register

__all__ = ["checker", "officer"]  # the fixtures
LIST = "/monitoring/records"


@pytest.fixture
def two_jobs(officer: FlaskClient) -> None:
    register(officer, days(-3))
    register(officer, days(-2), SECOND)


@pytest.mark.parametrize("typed", ["%", "_", "%%", "٪", "%_%"])
def test_a_search_of_wildcards_alone_finds_nothing_and_says_why(
        checker: FlaskClient, two_jobs, typed: str) -> None:
    response = checker.get(LIST, query_string={"q": typed})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count('data-testid="record"') == 0
    assert f"«{typed}» حرف یا رقمی ندارد" in page


@pytest.mark.parametrize("typed", ["زهرا", "0013542419", "۰۰۱۳۵۴۲۴۱۹", "زهرا%", "_زهرا_"])
def test_a_name_or_national_id_beside_wildcards_still_finds_its_record_alone(
        checker: FlaskClient, two_jobs, typed: str) -> None:
    page = checker.get(LIST, query_string={"q": typed}).get_data(as_text=True)
    assert page.count('data-testid="record"') == 1 and "زهرا کریمی" in page
    assert "حرف یا رقمی ندارد" not in page


def test_the_export_of_a_wildcard_search_holds_no_record(checker: FlaskClient,
                                                         two_jobs) -> None:
    response = checker.get(f"{LIST}/export.csv", query_string={"q": "%"})
    assert response.status_code == 200
    text = response.data.decode("utf-8-sig")
    assert "زهرا" not in text and "مریم" not in text
