"""Unit status transitions as pure rules (no database): which status may follow which, and which
need an open assignment. The despatch service asks `problem` before it changes anything and answers
a 409 with the reason."""

from __future__ import annotations

from watchkeeper.control.models.units import Unit

S = Unit.Status

# A status may always be repeated (a position report carries the unit's current status).
ALLOWED: dict[str, frozenset[str]] = {
    S.AVAILABLE: frozenset({S.EN_ROUTE, S.AT_SCENE, S.UNAVAILABLE, S.OFF_DUTY}),
    S.EN_ROUTE: frozenset({S.AT_SCENE, S.AVAILABLE, S.UNAVAILABLE, S.OFF_DUTY}),
    # At scene a unit clears (available, unavailable, off duty); it does not go back en route to
    # the same incident.
    S.AT_SCENE: frozenset({S.AVAILABLE, S.UNAVAILABLE, S.OFF_DUTY}),
    S.UNAVAILABLE: frozenset({S.AVAILABLE, S.EN_ROUTE, S.AT_SCENE, S.OFF_DUTY}),
    # Off duty comes back on duty first: it is never sent straight to an incident.
    S.OFF_DUTY: frozenset({S.AVAILABLE, S.UNAVAILABLE}),
}
# Statuses that stamp an assignment, so the unit must have one open.
NEEDS_ASSIGNMENT = frozenset({S.EN_ROUTE, S.AT_SCENE})


def problem(call_sign: str, current: str, new: str, assigned: bool) -> str | None:
    """Why `current` -> `new` cannot happen, or None."""
    if new in NEEDS_ASSIGNMENT and not assigned:
        return f"{call_sign} has no assigned incident to be {S(new).label.lower()} for."
    if new != current and new not in ALLOWED.get(current, frozenset()):
        return f"{call_sign} is {S(current).label.lower()}: it cannot go {S(new).label.lower()} from there."
    return None
