"""What the charts draw, as plain JSON for static/js/dashboard.js: a chart type, labels and
series; each series names its kind (target, registered, verified, count) for its colour."""

from __future__ import annotations

from typing import Any

from databank.monitoring.dashboard.breakdowns import Breakdowns, Count
from databank.monitoring.dashboard.pipeline import Pipeline
from databank.monitoring.dashboard.summary import Summary
from databank.monitoring.dashboard.tables import PIPELINE_LABELS, REGISTERED, VERIFIED

Chart = dict[str, Any]


def _series(kind: str, label: str, data: list[int | None]) -> dict[str, Any]:
    return {"kind": kind, "label": label, "data": data}


def _registered_verified(counts: list[Count], kind: str = "bar") -> Chart:
    return {"type": kind, "labels": [count.label for count in counts], "series": [
        _series("registered", REGISTERED, [count.registered for count in counts]),
        _series("verified", VERIFIED, [count.verified for count in counts])]}


def charts(summary: Summary, breakdowns: Breakdowns, pipeline: Pipeline) -> dict[str, Chart]:
    agencies = summary.agencies
    gender = [count for count in breakdowns.genders if count.registered]
    return {
        "agencies": {"type": "bar", "labels": [row.name for row in agencies], "series": [
            _series("target", "تعهد", [row.target for row in agencies]),
            _series("registered", REGISTERED, [row.registered for row in agencies]),
            _series("verified", VERIFIED, [row.verified for row in agencies])]},
        "sectors": _registered_verified(breakdowns.sectors),
        "genders": {"type": "doughnut", "labels": [count.label for count in gender],
                    "series": [_series("count", REGISTERED,
                                       [count.registered for count in gender])]},
        "months": _registered_verified(breakdowns.months),
        "pipeline": {"type": "bar", "horizontal": True,
                     "labels": list(PIPELINE_LABELS.values()),
                     "series": [_series("count", "تعداد", [getattr(pipeline, name)
                                                            for name in PIPELINE_LABELS])]},
    }
