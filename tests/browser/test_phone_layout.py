"""An employer on a phone: her vacancies and their candidates read as cards, every action in
reach without scrolling sideways."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank, log_in

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def within_the_screen(locator: Any, width: int = PHONE["width"]) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def labels(row: Any) -> list[str]:
    """What each cell says before its value: its column's name, drawn by the stylesheet."""
    return row.locator("td[data-label]").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content.replace(/\"/g, ''))")


def test_an_employer_reaches_every_action_on_a_phone(browser: Any,
                                                     live_databank: LiveDatabank) -> None:
    context = browser.new_context(locale="fa-IR", viewport=PHONE)
    page = context.new_page()
    log_in(page, live_databank, "employer")
    page.goto(f"{live_databank.url}/vacancies")
    first = page.locator("[data-testid=vacancies] tbody tr").first
    for label in ("نامزدها", "ویرایش"):
        assert within_the_screen(first.get_by_text(label, exact=True))
    assert labels(first) == ["کد: ", "عنوان: ", "ظرفیت: ", "مهلت: ", "وضعیت: "]
    links = page.get_by_text("نامزدها", exact=True).evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    for link in links:  # a vacancy another test posted has no candidates yet
        page.goto(f"{live_databank.url}{link}")
        if page.locator("[data-testid=candidate]").count():
            break
    candidate = page.locator("[data-testid=candidate]").first
    assert "امتیاز: " in labels(candidate)
    for button in candidate.locator("button").all():
        assert within_the_screen(button)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_a_vacancy_code_reads_left_to_right_on_one_line_on_a_phone(
        browser: Any, live_databank: LiveDatabank) -> None:
    """«003-01» or «V-3EDB81A5» inside a right-to-left row must not come out as «01-003» or
    broken after its dash: its first character is drawn left of its last, on one line."""
    context = browser.new_context(locale="fa-IR", viewport=PHONE)
    page = context.new_page()
    log_in(page, live_databank, "employer")
    page.goto(f"{live_databank.url}/vacancies")
    codes = page.locator("[data-testid=vacancies] td[data-label] bdi")
    assert codes.count() >= 1
    for code in codes.all():
        drawn = code.evaluate("""bdi => {
            const text = bdi.firstChild, range = document.createRange();
            const box = (at) => { range.setStart(text, at); range.setEnd(text, at + 1);
                                  return range.getBoundingClientRect(); };
            const first = box(0), last = box(text.length - 1);
            return {lines: bdi.getClientRects().length, first: first.left, last: last.left};
        }""")
        assert drawn["lines"] == 1 and drawn["first"] < drawn["last"], code.inner_text()
    context.close()


def test_an_officer_reaches_each_proposal_of_her_queue_on_a_phone(
        browser: Any, live_databank: LiveDatabank) -> None:
    """The queue reads as cards too: the «بررسی» of each proposal is on the screen, not past a
    table scrolled sideways."""
    context = browser.new_context(locale="fa-IR", viewport=PHONE)
    page = context.new_page()
    log_in(page, live_databank, "officer")
    page.goto(f"{live_databank.url}/review?status=&held=")
    rows = page.locator("[data-testid=queue-row]")
    assert rows.count() >= 1
    first = rows.first
    assert within_the_screen(first.get_by_text("بررسی", exact=True))
    assert labels(first)[:3] == ["امتیاز: ", "دانش‌آموخته: ", "رشته و مقطع: "]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_the_admin_reaches_each_accounts_actions_on_a_phone(
        browser: Any, live_databank: LiveDatabank) -> None:
    context = browser.new_context(locale="fa-IR", viewport=PHONE)
    page = context.new_page()
    log_in(page, live_databank, "admin")
    page.goto(f"{live_databank.url}/admin/users?q=officer")
    row = page.locator("[data-testid=user-row]").first
    for button in row.locator("button").all():
        assert within_the_screen(button)
    assert labels(row)[:2] == ["نام کاربری: ", "نام: "]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_the_queues_filters_fold_on_a_phone_so_her_to_do_list_comes_first(
        browser: Any, live_databank: LiveDatabank) -> None:
    context = browser.new_context(locale="fa-IR", viewport=PHONE)
    page = context.new_page()
    log_in(page, live_databank, "officer")
    page.goto(f"{live_databank.url}/review")
    filters = page.locator("[data-testid=filters]")
    assert not filters.is_visible()
    rows = page.locator("[data-testid=queue-row]")
    assert rows.count() >= 1
    assert rows.first.bounding_box()["y"] < PHONE["height"]  # on the first screen
    page.get_by_test_id("filters-toggle").click()
    filters.wait_for(state="visible")
    page.fill("#q-city", "ساوه")
    filters.get_by_text("فیلتر", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=filters]").is_visible()  # narrowed: kept open
    assert "(در کار)" in page.get_by_test_id("filters-toggle").inner_text()
    context.close()


def test_the_queues_filters_stay_open_on_a_desktop(browser: Any,
                                                    live_databank: LiveDatabank) -> None:
    context = browser.new_context(locale="fa-IR", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, live_databank, "officer")
    page.goto(f"{live_databank.url}/review")
    assert page.locator("[data-testid=filters]").is_visible()
    assert not page.get_by_test_id("filters-toggle").is_visible()
    context.close()
