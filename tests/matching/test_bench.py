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
                  "extrapolated from 15 sampled vacancies"):
        assert label in printed
