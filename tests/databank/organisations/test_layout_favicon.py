"""The layout names the bank's icon, and the server has it: no 404 in every browser tab."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from databank.accounts.models import Role

ICON = re.compile(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">')


def test_the_unit_page_names_an_icon_that_is_served(client: FlaskClient, make_user,
                                                     login) -> None:
    login(make_user(Role.EMPLOYER))
    page = client.get("/unit").get_data(as_text=True)
    [href] = ICON.findall(page)
    response = client.get(href)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml" and b"<svg" in response.data
    response.close()
