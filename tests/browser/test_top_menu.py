"""The top menu in the real browser: its links are readable on the blue bar (WCAG's 4.5:1), a
keyboard's focus on them is a clear outline, the page shown is announced as the current one,
and the drop-down menus are buttons that Space opens."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank, log_in

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 800}


def rgba(css: str) -> tuple[float, ...]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def over(colour: str, background: str) -> tuple[float, ...]:
    """A colour as drawn over an opaque background (a translucent link is blended with it)."""
    *front, alpha = rgba(colour)
    back = rgba(background)[:3]
    return tuple(alpha * f + (1 - alpha) * b for f, b in zip(front, back, strict=True))


def luminance(rgb: tuple[float, ...]) -> float:
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
              for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(colour: str, background: str) -> float:
    light, dark = sorted((luminance(over(colour, background)), luminance(rgba(background)[:3])),
                         reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def desktop(browser: Any) -> Any:
    context = browser.new_context(locale="fa-IR", viewport=DESKTOP)
    yield context.new_page()
    context.close()


def bar_colour(page: Any) -> str:
    return page.locator("nav.navbar").evaluate("n => getComputedStyle(n).backgroundColor")


def test_every_menu_link_reads_at_4_5_to_1_on_the_bar(desktop: Any,
                                                       live_databank: LiveDatabank) -> None:
    log_in(desktop, live_databank, "admin")
    desktop.goto(f"{live_databank.url}/review")
    bar = bar_colour(desktop)
    links = desktop.locator("nav.navbar .nav-link, nav.navbar .navbar-brand")
    assert links.count() >= 8
    for link in links.all():
        colour = link.evaluate("l => getComputedStyle(l).color")
        assert contrast(colour, bar) >= 4.5, (link.inner_text(), colour, bar)


def test_keyboard_focus_on_a_menu_link_is_a_clear_outline(desktop: Any,
                                                          live_databank: LiveDatabank) -> None:
    log_in(desktop, live_databank, "officer")
    desktop.goto(f"{live_databank.url}/vacancies/county")
    bar = bar_colour(desktop)
    for _ in range(8):  # past the skip link and the bank's name, to the first menu link
        desktop.keyboard.press("Tab")
        if desktop.evaluate("document.activeElement.classList.contains('nav-link')"):
            break
    focused = desktop.locator("nav.navbar .nav-link:focus")
    assert focused.count() == 1
    style = focused.evaluate("l => { const s = getComputedStyle(l); return {style: "
                             "s.outlineStyle, width: parseFloat(s.outlineWidth), "
                             "colour: s.outlineColor}; }")
    assert style["style"] == "solid" and style["width"] >= 2
    assert contrast(style["colour"], bar) >= 3


def test_the_page_shown_is_the_menu_s_current_item(browser: Any,
                                                   live_databank: LiveDatabank) -> None:
    context = browser.new_context(locale="fa-IR", viewport=DESKTOP)
    page = context.new_page()
    log_in(page, live_databank, "officer")
    page.goto(f"{live_databank.url}/review")
    current = page.locator("nav.navbar [aria-current=page]")
    assert current.count() == 1 and current.inner_text() == "صف بررسی"
    page.goto(f"{live_databank.url}/vacancies/county")
    assert current.count() == 1 and current.inner_text() == "فرصت‌های شغلی"
    page.goto(f"{live_databank.url}/units")
    assert current.count() == 1
    assert current.evaluate("a => a.textContent") == "واحدها و حساب کارفرمایان"
    context.close()
    context = browser.new_context(locale="fa-IR", viewport=DESKTOP)
    page = context.new_page()
    log_in(page, live_databank, "inspector")
    page.goto(f"{live_databank.url}/monitoring/records?status=registered")
    current = page.locator("nav.navbar [aria-current=page]")
    assert current.count() == 1
    assert current.evaluate("a => a.textContent") == "در انتظار راستی‌آزمایی"
    page.goto(f"{live_databank.url}/monitoring/records")
    assert current.evaluate("a => a.textContent") == "سوابق اشتغال"
    context.close()


@pytest.mark.parametrize("menu", ["داده‌ها", "رصد اشتغال", "مدیریت"])
def test_space_opens_each_drop_down_menu(desktop: Any, live_databank: LiveDatabank,
                                         menu: str) -> None:
    log_in(desktop, live_databank, "admin")
    desktop.goto(f"{live_databank.url}/dashboard")
    toggle = desktop.locator("nav.navbar .dropdown-toggle", has_text=menu)
    assert toggle.evaluate("t => t.tagName") == "BUTTON"
    toggle.focus()
    desktop.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert toggle.locator("xpath=following-sibling::ul").is_visible()
