"""Plotly figures (plain dicts, drawn by plotly.min.js) of the week: demand with its forecast bands,
the requirement, and a roster's cover against it."""

from __future__ import annotations

import json

import plotly.graph_objects as go

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
LAYOUT = {
    "margin": {"l": 50, "r": 20, "t": 40, "b": 50},
    "height": 320,
    "legend": {"orientation": "h"},
    "font": {"family": "system-ui, sans-serif", "size": 12},
    "xaxis": {"tickvals": [d * 96 for d in range(7)], "ticktext": DAYS},
}


def _plain(fig: go.Figure) -> dict:
    return json.loads(fig.to_json())


def demand(history_mean, forecast) -> dict:
    x = list(range(672))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=forecast.high95[0].tolist(), mode="lines", line={"width": 0}, showlegend=False))
    fig.add_trace(
        go.Scatter(
            x=x, y=forecast.low95[0].tolist(), mode="lines", fill="tonexty", line={"width": 0}, name="95% interval"
        )
    )
    fig.add_trace(go.Scatter(x=x, y=history_mean.tolist(), mode="lines", name="History (mean per 15 min)"))
    fig.add_trace(go.Scatter(x=x, y=forecast.mean[0].tolist(), mode="lines", name="Forecast next week"))
    fig.update_layout(title="Calls per 15 minutes", **LAYOUT)
    return _plain(fig)


def requirement(agents, scheduled) -> dict:
    x = list(range(672))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=list(agents), mode="lines", line={"shape": "hv"}, name="Agents on the phones"))
    fig.add_trace(go.Scatter(x=x, y=list(scheduled), mode="lines", name="To schedule (after shrinkage)"))
    fig.update_layout(title="Call handlers needed per 15 minutes", **LAYOUT)
    return _plain(fig)


def roster(requirement_hourly, cover_hourly) -> dict:
    x = [h * 4 for h in range(len(requirement_hourly))]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=list(requirement_hourly), mode="lines", line={"shape": "hv"}, name="Required"))
    fig.add_trace(go.Scatter(x=x, y=list(cover_hourly), mode="lines", line={"shape": "hv"}, name="Rostered"))
    weeks = max(len(requirement_hourly) // 168, 1)
    layout = dict(LAYOUT)
    if weeks > 1:  # a tick a week, not a day
        layout["xaxis"] = {
            "tickvals": [w * 672 for w in range(weeks)],
            "ticktext": [f"Week {w + 1}" for w in range(weeks)],
        }
    fig.update_layout(title="Roster cover per hour", **layout)
    return _plain(fig)


def abandonment(predicted, recorded) -> dict:
    """Erlang A's abandonment per slot beside the share the call records show (gaps: none recorded)."""
    x = list(range(672))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=list(predicted), mode="lines", name="Erlang A at the planned staffing"))
    fig.add_trace(go.Scatter(x=x, y=list(recorded), mode="markers", name="Recorded in the call records"))
    fig.update_layout(title="Share of callers who hang up, per 15 minutes", **LAYOUT)
    fig.update_yaxes(tickformat=".0%")
    return _plain(fig)


def patrols(units_by_hour, window_hours) -> dict:
    """Patrol units each hour needs (hypercube), with the contract's service window shaded."""
    x = [h * 4 for h in range(168)]
    fig = go.Figure()
    top = max(max(units_by_hour, default=0), 1)
    fig.add_trace(
        go.Bar(x=x, y=[top if h in window_hours else 0 for h in range(168)], name="Contract window", opacity=0.2)
    )
    fig.add_trace(go.Scatter(x=x, y=list(units_by_hour), mode="lines", line={"shape": "hv"}, name="Units needed"))
    fig.update_layout(title="Patrol units needed per hour (response target)", **LAYOUT)
    return _plain(fig)
