"""The shift handover summary, pure: what happened in the shift, what is still open."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta


def shift_window(now: datetime, hours: int = 12) -> tuple[datetime, datetime]:
    return now - timedelta(hours=hours), now


def handover(entries: list[dict], open_faults: int, pending_requests: int) -> dict:
    """Entries are dicts with kind, police_told (bool), awaiting_response (bool)."""
    kinds = Counter(e["kind"] for e in entries)
    return {
        "entries": len(entries),
        "by_kind": sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
        "police_told": sum(1 for e in entries if e["police_told"]),
        "awaiting_response": sum(1 for e in entries if e["awaiting_response"]),
        "open_faults": open_faults,
        "pending_requests": pending_requests,
    }
