"""The skills box suggests from the lexicon however the start of a word was typed: with an
Arabic-keyboard ي, in small Latin letters, after a Persian semicolon."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank

pytestmark = pytest.mark.browser


def suggested(page: Any, typed: str) -> list[str]:
    """The options the browser may list: those whose value or label holds the box's text (as
    Chromium filters a datalist), by the value each one puts in the box."""
    page.fill("#f-skills", "")
    page.type("#f-skills", typed)
    return page.locator("#f-skills-live option").evaluate_all(
        """(options, typed) => options
             .filter(o => (o.value + " " + o.label).toLowerCase().includes(typed.toLowerCase()))
             .map(o => o.value)""", typed)


@pytest.mark.parametrize(("typed", "expected"), [
    ("پايت", "پایتون، "),             # Arabic ي
    ("exc", "اکسل، "),                 # its Latin name, in small letters
    ("اکسل؛ پایت", "اکسل؛ پایتون، "),  # after a Persian semicolon
])
def test_the_skills_box_suggests_however_it_was_typed(browser: Any, live_databank: LiveDatabank,
                                                     typed: str, expected: str) -> None:
    page = browser.new_page()
    page.goto(f"{live_databank.url}/graduates/register")
    assert expected in suggested(page, typed)
    page.close()
