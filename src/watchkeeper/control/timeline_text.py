"""The incident timeline in words: one sentence per event from its typed payload (control/timeline.py),
so the incident page never shows raw keys such as `grade_id: 1 thrive: 3`. Pure (no database)."""

from __future__ import annotations

from watchkeeper.control.models.incidents import IncidentEvent

K = IncidentEvent.Kind
UNIT_STAGES = {"en_route": "is en route", "at_scene": "arrived at scene", "cleared": "cleared"}


def _with(text: str, label: str, value) -> str:
    return f"{text} {label}: {value}." if value else text


def _unit_status(p: dict) -> str:
    who = p.get("call_sign") or "A unit"
    text = f"{who} {UNIT_STAGES.get(p.get('status', ''), str(p.get('status', '')).replace('_', ' '))}."
    return _with(text, "Note", p.get("note"))


def _graded(p: dict, again: bool) -> str:
    text = f"Graded {p.get('grade', '?')}"
    if again and p.get("previous"):
        text = f"Regraded from {p['previous']} to {p.get('grade', '?')}"
    if p.get("suggested") and p["suggested"] != p.get("grade"):
        text += f" (suggested {p['suggested']})"
    text += "."
    text = _with(text, "Why regraded", p.get("reason"))
    return _with(text, "Rationale", p.get("rationale"))


def _closed(p: dict) -> str:
    text = f"Closed with code {p.get('closing_code', '?')}"
    if p.get("closing_category"):
        text += f" as {p['closing_category']}"
    text += "."
    text = _with(text, "Result", p.get("result"))
    if p.get("qualifiers"):
        text += f" Qualifiers: {', '.join(map(str, p['qualifiers']))}."
    if p.get("units_cleared"):
        text += f" {p['units_cleared']} unit(s) cleared."
    return text


def _linked(p: dict) -> str:
    if p.get("master_reference"):
        return f"Linked as a duplicate of {p['master_reference']}."
    if p.get("duplicate_reference"):
        return f"{p['duplicate_reference']} linked to this incident as a duplicate."
    return "Duplicate linked."


def _assigned(p: dict) -> str:
    text = f"{p.get('call_sign', 'A unit')} despatched"
    if p.get("estimate_seconds") is not None:
        text += f", estimated {round(p['estimate_seconds'] / 60)} min away"
    return text + "."


def _thrive(p: dict) -> str:
    parts = [
        f"{name} {p[key]}"
        for key, name in (
            ("threat", "threat"),
            ("harm", "harm"),
            ("risk", "risk"),
            ("investigation", "investigation"),
            ("vulnerability", "vulnerability"),
            ("engagement", "engagement"),
        )
        if p.get(key)
    ]
    text = "THRIVE assessed" + (f": {'; '.join(parts)}" if parts else "") + "."
    return _with(text, "Rationale", p.get("rationale"))


SENTENCES = {
    K.CREATED: lambda p: (
        f"Call received by {p.get('channel', '?')} as {p.get('category', '?')}"
        + (f" (imported from {p['source']})" if p.get("source") else "")
        + "."
    ),
    K.GRADED: lambda p: _graded(p, False),
    K.REGRADED: lambda p: _graded(p, True),
    K.THRIVE: _thrive,
    K.LINKED: _linked,
    K.ASSIGNED: _assigned,
    K.UNIT_STATUS: _unit_status,
    K.NOTE: lambda p: p.get("text", ""),
    K.COMMAND_TAKEN: lambda p: _with("Took command.", "Rationale", p.get("rationale")),
    K.COMMAND_RETURNED: lambda p: _with("Command returned to the borough.", "Note", p.get("note")),
    K.ESCALATED: lambda p: _with(
        f"Escalated from {p.get('previous', 'none')} to {p.get('level', '?')}.", "Rationale", p.get("rationale")
    ),
    K.SUPERVISION_FLAGGED: lambda p: f"Flagged for supervisor review: {p.get('reason', '')}.",
    K.REVIEWED: lambda p: f"Supervisor review completed: {p.get('note', '')}.",
    K.RESOLVED: lambda p: (
        f"Resolved without deployment ({str(p.get('outcome', '')).replace('_', ' ')})"
        + (f", referred to {p['agency']}" if p.get("agency") else "")
        + "."
        + (f" {p['note']}" if p.get("note") else "")
    ),
    K.CLOSED: _closed,
    K.CANCELLED: lambda p: f"Cancelled: {p.get('reason', '')}.",
    K.SNT_AUTHORISED: lambda p: f"{p.get('call_sign', 'SNT officer')} authorised out of ward: {p.get('reason', '')}.",
}


def sentence(kind: str, payload: dict) -> str:
    """The event in words; an unknown kind reads as its name."""
    make = SENTENCES.get(kind)
    text = make(payload or {}) if make else str(kind).replace("_", " ").capitalize() + "."
    return text.replace("..", ".")
