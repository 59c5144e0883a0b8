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


# Powers recorded on the phone page (beside notices): their codes in the Power reference data.
NAME_ADDRESS, ALCOHOL = "require-name-address", "alcohol-confiscation"
RECORDED_POWERS = (NAME_ADDRESS, ALCOHOL)


def power_use_problems(
    code: str, reason: str, name: str, address: str, refused: bool, alcohol: str, disposal: str
) -> dict[str, str]:
    """What is missing from the record of a power used, by field (empty when it can be kept)."""
    problems = {}
    if code not in RECORDED_POWERS:
        return {"power": f"{code!r} is not recorded here (notices have their own form)."}
    if not reason.strip():
        problems["reason"] = "Say what behaviour gave you the power."
    if code == NAME_ADDRESS:
        if refused and (name.strip() or address.strip()):
            problems["refused"] = "Either the person gave a name and address, or they refused."
        elif not refused and not (name.strip() and address.strip()):
            problems["person_name"] = "Give the name and address, or record that the person refused."
    if code == ALCOHOL:
        if not alcohol.strip():
            problems["alcohol"] = "Describe the alcohol confiscated (what and how much)."
        if disposal not in ("poured", "retained"):
            problems["disposal"] = "Say whether it was poured away or retained as evidence."
    return problems
