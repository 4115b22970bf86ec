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


HUGE = 99999999999999999999  # past SQLite's 64 bits and PostgreSQL's integer alike


def test_every_route_takes_an_id_too_large_for_a_row_as_an_unknown_page(app) -> None:
    """An id altered by hand to a huge number names no row: a 404 from the URL map itself,
    for every route with an id, before any view asks the database."""
    from werkzeug.exceptions import NotFound
    from werkzeug.routing import IntegerConverter, RequestRedirect

    adapter = app.url_map.bind("localhost")
    checked = 0
    for rule in app.url_map.iter_rules():
        ints = [name for name, converter in rule._converters.items()
                if isinstance(converter, IntegerConverter)]
        if not ints or len(ints) != len(rule.arguments):
            continue
        path = rule.rule
        for name in ints:
            path = path.replace(f"<int:{name}>", str(HUGE))
        method = next(iter(rule.methods - {"HEAD", "OPTIONS"}))
        try:
            adapter.match(path, method=method)
        except NotFound:
            checked += 1
            continue
        except RequestRedirect:
            pass
        raise AssertionError(f"{rule.rule} takes {HUGE}")
    assert checked >= 20


def test_an_employer_altering_an_id_to_a_huge_number_gets_a_persian_404(
        client, make_user, login) -> None:
    from databank.accounts.models import Role

    login(make_user(Role.EMPLOYER))
    for url in (f"/vacancies/{HUGE}/edit", f"/vacancies/{HUGE}/candidates",
                f"/vacancies/{2**31}/edit"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "صفحه پیدا نشد" in response.get_data(as_text=True)
