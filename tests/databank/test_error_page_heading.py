"""An error page's one heading is its Persian title («صفحه پیدا نشد»), which a screen reader's
list of headings offers; the status code stays on the page beside it, as a figure."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient


@pytest.mark.parametrize("method, address, status", [("get", "/no/such/page", "۴۰۴"),
                                                     ("put", "/login", "۴۰۵")])
def test_the_error_page_s_heading_is_its_persian_title(client: FlaskClient, method: str,
                                                      address: str, status: str) -> None:
    page = getattr(client, method)(address).get_data(as_text=True)
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert len(headings) == 1
    heading = headings[0].strip()
    assert re.search("[\u0600-\u06ff]{2,}", heading) and not re.search("[۰-۹0-9]", heading)
    assert f">{status}<" in page
    assert re.search(r"<title>\s*" + re.escape(heading), page)
