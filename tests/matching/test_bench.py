"""The benchmark runs end to end and prints its figures (timings are not tested)."""

from __future__ import annotations

import pytest

from matching.bench import run


def test_the_benchmark_reports_every_figure(capsys: pytest.CaptureFixture[str]) -> None:
    figures = run(["--graduates", "800", "--vacancies", "40", "--top", "10",
                   "--baseline-sample", "15", "--seed", "3"])
    printed = capsys.readouterr().out
    assert figures["recall"] == 1.0
    assert figures["sample"] == 15
    for label in ("match_all, indexed", "brute force", "speed-up", "recall@10", "peak memory",
                  "extrapolated from 15 sampled vacancies", "of which planning, search, reasons",
                  "speed-up if the search took no time", "inverted lists"):
        assert label in printed
    # the parts of each run add up to no more than the run
    for run_name, total in (("indexed", figures["matched"]), ("brute", figures["brute_matching"])):
        parts = sum(figures[f"{run_name}_{part}"] for part in ("prepare", "search", "explain"))
        assert 0 < parts <= total * 1.0001
    assert figures["ceiling"] >= figures["speedup"]
    assert "search alone" in printed and figures["search_speedup"] > 0
