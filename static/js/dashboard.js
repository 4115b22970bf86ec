// The dashboard's charts. The page carries the figures in a JSON block (#dashboard-charts) and
// a <canvas data-chart="name"> for each chart; nothing here is inline, as the CSP requires.
(function () {
  "use strict";
  var source = document.getElementById("dashboard-charts");
  if (!source || typeof Chart === "undefined") { return; }
  var specs = JSON.parse(source.textContent);
  var COLOURS = { target: "#adb5bd", registered: "#0d6efd", verified: "#198754", count: "#0d6efd" };
  var SLICES = ["#d63384", "#0d6efd", "#adb5bd", "#fd7e14", "#20c997", "#6f42c1"];

  Chart.defaults.font.family = "Vazirmatn, Tahoma, sans-serif";
  Chart.defaults.locale = "fa-IR";  // Persian digits in tooltips
  var NUMBER = new Intl.NumberFormat("fa-IR");
  var DIGITS = "۰۱۲۳۴۵۶۷۸۹";

  // Chart.js's own tick formatter answers "0" before it applies the locale, so every value
  // axis would start at a Latin zero: each tick is formatted here instead.
  function valueTick(value) { return NUMBER.format(value); }

  function persianDigits(text) {
    return String(text).replace(/[0-9]/g, function (digit) { return DIGITS[digit]; });
  }

  // A category's name (an agency, a month) as given, any Latin digit in it made Persian; a
  // name given as lines stays lines.
  function categoryTick(value) {
    var label = this.getLabelForValue(value);
    return Array.isArray(label) ? label.map(persianDigits) : persianDigits(label);
  }

  function datasets(spec) {
    var round = spec.type === "doughnut";
    return spec.series.map(function (series) {
      return {
        label: series.label,
        data: series.data,
        backgroundColor: round ? SLICES.slice(0, series.data.length) : COLOURS[series.kind]
      };
    });
  }

  function scales(spec) {
    if (spec.type === "doughnut") { return {}; }
    var value = { beginAtZero: true, ticks: { precision: 0, callback: valueTick } };
    var category = { ticks: { callback: categoryTick } };
    // Right to left: the first category (or the bars' base) sits on the right.
    if (spec.horizontal) {
      value.reverse = true;
      category.position = "right";
      return { x: value, y: category };
    }
    category.reverse = true;
    value.position = "right";
    return { x: category, y: value };
  }

  function empty(spec) {
    return spec.series.every(function (series) {
      return series.data.every(function (value) { return !value; });
    });
  }

  function aspectRatio(spec, canvas) {
    if (spec.type === "doughnut") { return 1.6; }
    if (narrow(canvas)) { return 0.9; }  // a phone: bars laid across, a name on each line
    return canvas.parentElement.clientWidth > 720 ? 3 : 2;  // wide cards get flatter charts
  }

  // On a phone the category names (agencies, fields) do not fit under upright bars: they are
  // drawn beside bars laid across instead, each on a line of its own.
  function narrow(canvas) { return canvas.parentElement.clientWidth < 500; }

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec = specs[canvas.dataset.chart];
    if (!spec) { return; }
    if (empty(spec)) {  // nothing to draw: the table below says so
      canvas.parentElement.classList.add("d-none");
      return;
    }
    if (spec.type === "bar" && narrow(canvas)) { spec = Object.assign({}, spec, { horizontal: true }); }
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets(spec) },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        aspectRatio: aspectRatio(spec, canvas),
        scales: scales(spec),
        plugins: {
          legend: { rtl: true, display: spec.type === "doughnut" || spec.series.length > 1 },
          tooltip: { rtl: true }
        }
      }
    });
  });
})();
