"""Fixed penalty notice lifecycle (pure state machine) and evidence checks."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

ISSUED, PAID, APPEALED, CANCELLED, PROSECUTED = "issued", "paid", "appealed", "cancelled", "prosecuted"

# From each state, the states it may move to. Paid, cancelled and prosecuted are final. An appeal
# upheld cancels the notice; an appeal rejected makes it payable again (back to issued).
TRANSITIONS: dict[str, frozenset[str]] = {
    ISSUED: frozenset({PAID, APPEALED, CANCELLED, PROSECUTED}),
    APPEALED: frozenset({CANCELLED, ISSUED}),
    PAID: frozenset(),
    CANCELLED: frozenset(),
    PROSECUTED: frozenset(),
}

SHA256 = re.compile(r"^[0-9a-f]{64}$")


def transition_problem(current: str, target: str, issued_at: datetime, now: datetime, payment_days: int) -> str | None:
    """Why the notice cannot move from `current` to `target` now, or None when it can."""
    if current not in TRANSITIONS or target not in TRANSITIONS:
        return f"Unknown notice status {target!r}."
    if target not in TRANSITIONS[current]:
        return f"A notice that is {current} cannot become {target}."
    if target == PROSECUTED and now < issued_at + timedelta(days=payment_days):
        return f"The {payment_days}-day payment period has not ended: prosecution cannot start yet."
    return None


def sha256_problem(text: str) -> str | None:
    return None if SHA256.match(text or "") else "The clip's SHA-256 must be 64 lower-case hexadecimal characters."
