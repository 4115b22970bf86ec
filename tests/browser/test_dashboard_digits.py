"""In the real browser: every tick of every dashboard chart is in Persian digits (Chart.js's own
formatter gave a Latin "0" at each value axis's zero), and the commitments page's year box, in
Persian digits, is sized by the stylesheet with no inline style for the CSP to block."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import LiveDatabank, log_in

pytestmark = pytest.mark.browser

# The labels each chart drew, by chart and axis, read from the Chart.js instances (canvas text
# is not in the DOM). A tick's label is what its callback returned: a string or lines.
TICKS = """() => Array.from(document.querySelectorAll("canvas[data-chart]"))
  .map((canvas) => Chart.getChart(canvas)).filter(Boolean)
  .map((chart) => ({
    chart: chart.canvas.dataset.chart,
    axes: Object.values(chart.scales).map((scale) => ({
      id: scale.id, type: scale.type,
      labels: scale.ticks.map((tick) => [].concat(tick.label).join(" "))}))}))"""


def test_every_chart_tick_is_in_persian_digits(page: Any, live_databank: LiveDatabank) -> None:
    log_in(page, live_databank, "admin")
    page.goto(f"{live_databank.url}/dashboard/")
    page.wait_for_function("() => document.querySelectorAll('canvas[data-chart]').length > 0 "
                           "&& Array.from(document.querySelectorAll('canvas[data-chart]'))"
                           ".some((c) => Chart.getChart(c))")
    charts = page.evaluate(TICKS)
    value_axes = [axis for chart in charts for axis in chart["axes"]
                  if axis["type"] == "linear"]
    assert value_axes, charts  # the demo county draws bars
    for chart in charts:
        for axis in chart["axes"]:
            latin = [label for label in axis["labels"] if re.search(r"[0-9]", label)]
            assert not latin, (chart["chart"], axis["id"], latin)
    assert all(axis["labels"][0] == "۰" or axis["labels"][-1] == "۰" for axis in value_axes)


def test_the_callback_formats_large_values_with_persian_digits(
        page: Any, live_databank: LiveDatabank) -> None:
    log_in(page, live_databank, "admin")
    page.goto(f"{live_databank.url}/dashboard/")
    page.wait_for_function("() => Array.from(document.querySelectorAll('canvas[data-chart]'))"
                           ".some((c) => Chart.getChart(c))")
    formatted = page.evaluate("""() => {
      const chart = Array.from(document.querySelectorAll("canvas[data-chart]"))
        .map((c) => Chart.getChart(c)).find(Boolean);
      const axis = Object.values(chart.scales).find((scale) => scale.type === "linear");
      return [0, 5, 1250].map((value) => axis.options.ticks.callback.call(axis, value, 0, []));
    }""")
    assert formatted == ["۰", "۵", "۱٬۲۵۰"]


def test_the_commitments_year_box_is_persian_and_styled_without_a_csp_error(
        page: Any, live_databank: LiveDatabank) -> None:
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text)
            if message.type == "error" else None)
    log_in(page, live_databank, "admin")
    page.goto(f"{live_databank.url}/monitoring/commitments?year=1404")
    box = page.locator("#f-year")
    assert box.input_value() == "۱۴۰۴"
    assert box.evaluate("(input) => getComputedStyle(input).width") == "96px"  # 6rem
    assert not [text for text in problems if "Content Security Policy" in text], problems
    page.click("form[role=search] button")
    assert "سال ۱۴۰۴" in page.inner_text("h1")
