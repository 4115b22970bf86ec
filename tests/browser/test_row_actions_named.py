"""Buttons and links repeated on every row of a list name their row for a screen reader: each
one's accessible name (as Chromium computes it) holds the words it shows and the row's own
person, vacancy or unit, and no two of a page share one, so a list of buttons read out of the
table («بررسی، بررسی، بررسی…») still tells them apart. No column header is nameless."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank, candidate_pages, log_in

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 800}


def accessible_name(page: Any, control: Any) -> str:
    """The name Chromium's accessibility tree gives `control`: what a screen reader says."""
    control.evaluate("c => c.setAttribute('data-named', '')")
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-named]"})
        tree = cdp.send("Accessibility.getPartialAXTree",
                        {"nodeId": node["nodeId"], "fetchRelatives": False})
        return next(n["name"]["value"] for n in tree["nodes"] if not n.get("ignored"))
    finally:
        cdp.detach()
        control.evaluate("c => c.removeAttribute('data-named')")


def shown(control: Any) -> str:
    """The words drawn on the control (a visually hidden part left out)."""
    return control.evaluate("""c => { const copy = c.cloneNode(true);
        copy.querySelectorAll('.visually-hidden').forEach(h => h.remove());
        return copy.textContent.replace(/\\s+/g, ' ').trim(); }""")


def check_rows(page: Any, rows: str, controls: str, row_name: str) -> int:
    """Each control of each row is named by its words and its row's; returns how many."""
    names: list[str] = []
    for row in page.locator(rows).all():
        row.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
        own = row.locator(row_name).first.evaluate("c => c.firstChild.textContent.trim()")
        for control in row.locator(controls).all():
            name = accessible_name(page, control)
            assert shown(control) in name, (shown(control), name)
            assert own in name, (own, name)
            names.append(name)
    assert len(set(names)) == len(names), [n for n in names if names.count(n) > 1]
    return len(names)


CASES = {
    "queue": ("officer", "/review?status=&held=", "[data-testid=queue-row]", "a",
              "td[data-label=دانش‌آموخته]"),
    "county": ("officer", "/vacancies/county?state=all", "[data-testid=county-vacancy]", "a",
               "td[data-label=عنوان]"),
    "vacancies": ("employer", "/vacancies", "[data-testid=vacancies] tbody tr", "a, button",
                  "td[data-label=عنوان]"),
    "records-agency": ("agency", "/monitoring/records", "[data-testid=record]",
                       "summary, button", "[data-testid=record-name]"),
    "records-inspector": ("inspector", "/monitoring/records?status=registered",
                          "[data-testid=record]", "summary, button",
                          "[data-testid=record-name]"),
    "units": ("officer", "/units", "[data-testid=unit-row]", "button",
              "td:first-child"),
}


@pytest.mark.parametrize("case", CASES)
def test_each_row_s_actions_name_their_row(browser: Any, live_databank: LiveDatabank,
                                           case: str) -> None:
    user, address, rows, controls, row_name = CASES[case]
    context = browser.new_context(locale="fa-IR", viewport=DESKTOP)
    page = context.new_page()
    log_in(page, live_databank, user)
    page.goto(f"{live_databank.url}{address}")
    assert check_rows(page, rows, controls, row_name) >= 2
    # the actions' column is named too («کارها»), if only for a screen reader
    for header in page.locator("main thead th").all():
        assert accessible_name(page, header), header.evaluate("h => h.outerHTML")
    context.close()


def test_each_candidate_s_buttons_name_the_candidate(browser: Any,
                                                     live_databank: LiveDatabank) -> None:
    context = browser.new_context(locale="fa-IR", viewport=DESKTOP)
    page = context.new_page()
    log_in(page, live_databank, "employer")
    links = candidate_pages(page, live_databank)
    checked = 0
    for link in links:
        page.goto(f"{live_databank.url}{link}")
        names: list[str] = []
        for row in page.locator("[data-testid=candidate]").all():
            rank = row.locator("td[data-label=رتبه]").inner_text().strip()
            for button in row.locator("button").all():
                name = accessible_name(page, button)
                assert shown(button) in name, (shown(button), name)
                said = row.locator("td[data-label=نامزد]").evaluate(
                    "c => c.firstChild.textContent.trim()")
                assert f"«{said}»" in name and (rank in name or "شمارهٔ" not in said)
                names.append(name)
        assert len(set(names)) == len(names)
        checked += len(names)
    assert checked >= 2
    context.close()
