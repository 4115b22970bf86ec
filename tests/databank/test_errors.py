"""Error pages are Persian, and an unexpected error never shows a traceback or keeps a write."""

from __future__ import annotations

from sqlalchemy import func, select

from databank.db import db
from databank.organisations.models import Agency


def test_unknown_page_is_a_persian_404(client) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "صفحه پیدا نشد" in response.get_data(as_text=True)


def test_wrong_method_is_a_persian_405(client) -> None:
    response = client.put("/login")
    assert response.status_code == 405
    assert "این نوع درخواست را نمی‌پذیرد" in response.get_data(as_text=True)


def test_an_unexpected_error_is_a_persian_500_and_rolls_back(app) -> None:
    @app.get("/boom")
    def boom() -> str:
        db.session.add(Agency(name="دستگاه نیمه‌کاره"))
        db.session.flush()
        raise RuntimeError("bug")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/boom")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "خطای سامانه" in page and "RuntimeError" not in page
    assert db.session.scalar(select(func.count(Agency.id))) == 0
