"""A live databank with the demo county, served on a free local port, and Debian's Chromium
driven by Playwright. Skipped, with the reason, where no Chromium or Playwright can be had."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from databank import create_app

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


@dataclass(frozen=True)
class LiveDatabank:
    url: str
    logins: dict[str, str]


@pytest.fixture(scope="session")
def live_databank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveDatabank]:
    from flask_migrate import upgrade

    from databank.db import db
    from databank.demo.seed import seed_demo

    folder: Path = tmp_path_factory.mktemp("live")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'live.sqlite'}",
                      "SECRET_KEY": "browser-tests", "INSTANCE_PATH": str(folder)})
    with app.app_context():
        upgrade()
        logins = seed_demo()
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveDatabank(f"http://127.0.0.1:{server.server_port}", logins)
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's chromium package "
                    "(make test does it when run as root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="fa-IR")
    page = context.new_page()
    yield page
    context.close()


def log_in(page: Any, live: LiveDatabank, username: str) -> None:
    page.goto(f"{live.url}/login")
    page.fill("#f-username", username)
    page.fill("#f-password", live.logins[username])
    page.click("main button[type=submit]")


def candidate_pages(page: Any, live: LiveDatabank) -> list[str]:
    """The candidates pages of the signed-in employer's vacancies, as her list links them."""
    page.goto(f"{live.url}/vacancies")
    return page.locator("[data-testid=vacancies] a[href$=candidates]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")


def register_employer(page: Any, live: LiveDatabank, display_name: str, username: str) -> None:
    """Open an employer account at /register; the page lands on /unit, to describe her unit."""
    page.goto(f"{live.url}/register")
    page.fill("#f-display_name", display_name)
    page.fill("#f-username", username)
    page.fill("#f-password", "a-long-enough-pass")
    page.fill("#f-password_confirm", "a-long-enough-pass")
    page.click("main button[type=submit]")
    page.wait_for_url("**/unit")
