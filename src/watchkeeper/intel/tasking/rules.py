"""Pure wording for tasked cells (no database): a forecast risk said in words a patrol officer and
a partnership meeting read, relative to the tasking's highest cell (the kernels' risk is a relative
intensity with no unit, so it is never shown as a bare number)."""

from __future__ import annotations


def risk_band(share: float) -> str:
    if share >= 0.75:
        return "very high"
    if share >= 0.5:
        return "high"
    return "raised"


def risk_words(risk: float, top_risk: float, rank: int, count: int) -> str:
    """ "Very high: the highest forecast risk of the 20 tasked areas" / "High: 62% of the highest"."""
    if top_risk <= 0 or risk <= 0:
        return f"Tasked area {rank} of {count}: no forecast risk above the background"
    share = min(risk / top_risk, 1.0)
    band = risk_band(share).capitalize()
    if rank == 1:
        return f"{band}: the highest forecast risk of the {count} tasked areas"
    return f"{band}: {share:.0%} of the highest forecast risk (area {rank} of {count})"


def area_name(street: str, ward: str) -> str:
    """ "Camden High Street, Camden Town ward"; either part may be unknown."""
    if street and ward:
        return f"{street}, {ward} ward"
    if ward:
        return f"{ward} ward"
    return street or "Unnamed area"
