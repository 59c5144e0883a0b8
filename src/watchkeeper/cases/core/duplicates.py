"""Likely duplicate people across agencies, proposed for a person to merge (core's merge service
does the merge and refuses one that would widen who sees the duplicate's details, so the surviving
record keeps the stricter restriction). Matching: rapidfuzz's token-sort ratio on the full name,
blocked by the first letter of the family name, confirmed by date of birth, phone or postcode."""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz

from watchkeeper.core.models import Person
from watchkeeper.core.visibility import visible

STRICTNESS = {"partnership": 0, "agencies": 1, "people": 2}


def score(a: dict, b: dict) -> float:
    """0-100: the name similarity, lifted by a matching identifier, cut by a conflicting birth date."""
    name = fuzz.token_sort_ratio(f"{a['given_name']} {a['family_name']}", f"{b['given_name']} {b['family_name']}")
    if a["date_of_birth"] and b["date_of_birth"] and a["date_of_birth"] != b["date_of_birth"]:
        return name * 0.5
    agree = any(a[k] and a[k] == b[k] for k in ("date_of_birth", "phone", "postcode"))
    return min(100.0, name + (10 if agree else 0))


def proposals(user, partnership_id: int, threshold: float = 90, limit: int = 100) -> list[dict]:
    fields = ("pk", "given_name", "family_name", "date_of_birth", "phone", "postcode", "restriction", "owner_agency_id")
    people = (
        visible(Person, user).filter(partnership_id=partnership_id, merged_into__isnull=True).values(*fields)[:20000]
    )
    blocks: dict[str, list[dict]] = defaultdict(list)
    for p in people:
        blocks[(p["family_name"][:1] or "?").lower()].append(p)
    found = []
    for group in blocks.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                s = score(a, b)
                if s >= threshold and a["owner_agency_id"] != b["owner_agency_id"] or s >= 97:
                    # Keep the stricter record: merging into it never widens the duplicate's audience.
                    keep, dup = (a, b) if STRICTNESS[a["restriction"]] >= STRICTNESS[b["restriction"]] else (b, a)
                    found.append({"keep": keep["pk"], "duplicate": dup["pk"], "score": round(s, 1)})
    found.sort(key=lambda r: -r["score"])
    return found[:limit]
