"""Plotly figures as plain dicts (drawn in the browser by plotly.min.js served from the plotly package)."""

from __future__ import annotations

import json

import plotly.graph_objects as go

LAYOUT = {
    "margin": {"l": 50, "r": 20, "t": 40, "b": 50},
    "height": 340,
    "legend": {"orientation": "h"},
    "font": {"family": "system-ui, sans-serif", "size": 12},
}


def _plain(fig: go.Figure) -> dict:
    return json.loads(fig.to_json())


def trend(series: dict, title: str, baseline_mean: float | None = None, target_rate: float | None = None) -> dict:
    """Monthly counts against the baseline mean and the target level (horizontal lines)."""
    fig = go.Figure()
    # Months without data are None: plotly leaves a gap (connectgaps off), never a drop to zero.
    fig.add_trace(
        go.Scatter(x=series["months"], y=series["total"], mode="lines+markers", name="Recorded", connectgaps=False)
    )
    missing = series.get("missing") or []
    if missing:
        title = f"{title} (no data for {len(missing)} month{'s' if len(missing) != 1 else ''}: gaps, not zero)"
    if baseline_mean is not None:
        fig.add_trace(_level(series["months"], baseline_mean, "Baseline mean", {"dash": "dot", "color": "#555"}))
    if target_rate is not None:
        fig.add_trace(_level(series["months"], target_rate, "Target", {"dash": "dash", "color": "#2a7d2a"}))
    fig.update_layout(title=title, yaxis_title="crimes a month", **LAYOUT)
    return _plain(fig)


def _level(months: list, value: float, name: str, line: dict) -> go.Scatter:
    """A horizontal line at `value` across the months (a baseline or a target)."""
    return go.Scatter(x=months, y=[value] * len(months), mode="lines", name=name, line=line)


def by_category(series: dict) -> dict:
    names = list(series["by_category"])
    totals = [sum(n for n in v if n is not None) for v in series["by_category"].values()]
    fig = go.Figure(go.Bar(x=totals[::-1], y=names[::-1], orientation="h"))
    fig.update_layout(
        title="By category, whole period",
        **{**LAYOUT, "height": max(300, 24 * len(names) + 80), "margin": {"l": 220, "r": 20, "t": 40, "b": 40}},
    )
    return _plain(fig)


def survey(points: list[dict], title: str) -> dict:
    """Share positive with Wilson 95% error bars, one trace per ward."""
    fig = go.Figure()
    by_ward: dict[str, list[dict]] = {}
    for p in points:
        by_ward.setdefault(p["ward"], []).append(p)
    for ward, rows in by_ward.items():
        fig.add_trace(
            go.Scatter(
                x=[r["period"] for r in rows],
                y=[r["share"] for r in rows],
                name=ward,
                mode="lines+markers",
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [r["high"] - r["share"] for r in rows],
                    "arrayminus": [r["share"] - r["low"] for r in rows],
                },
            )
        )
    fig.update_layout(title=title, yaxis={"range": [0, 1], "tickformat": ".0%"}, **LAYOUT)
    return _plain(fig)
