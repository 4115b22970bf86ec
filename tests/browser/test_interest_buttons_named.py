"""The demo graduate's proposals in the real browser: each interest button's accessible name
holds its visible words and names its own vacancy, so a screen reader's list of buttons tells
one card's «به این فرصت علاقه‌مندم» from the next."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank, log_in

pytestmark = pytest.mark.browser


def test_each_interest_button_is_named_by_its_vacancy_and_unit(
        page: Any, live_databank: LiveDatabank) -> None:
    log_in(page, live_databank, "graduate")
    page.goto(f"{live_databank.url}/profile/proposals")
    names = []
    for card in page.locator("[data-testid=proposal]").all():
        buttons = card.locator("form[data-testid^=interest] button")
        if not buttons.count():
            continue
        title = card.locator("h2").inner_text().strip()
        unit = card.locator("p.mb-1").first.inner_text().split(" — ")[0].split("،")[0].strip()
        name = buttons.get_attribute("aria-label")
        assert buttons.inner_text().strip() in name and f"«{title}» در «{unit}»" in name
        assert card.get_by_role("button", name=name, exact=True).count() == 1
        names.append(name)
    assert names, "the demo graduate has no proposal to say interest in"
    assert len(set(names)) == len(names)
