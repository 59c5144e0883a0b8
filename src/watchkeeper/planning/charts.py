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
    x = [h * 4 for h in range(168)]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=list(requirement_hourly), mode="lines", line={"shape": "hv"}, name="Required"))
    fig.add_trace(go.Scatter(x=x, y=list(cover_hourly), mode="lines", line={"shape": "hv"}, name="Rostered"))
    fig.update_layout(title="Roster cover per hour", **LAYOUT)
    return _plain(fig)
