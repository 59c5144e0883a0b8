"""An in-memory index of a partnership's places for the address search: built once per process from
the Place table and rebuilt when the table changes (its row count and highest id are the version)."""

from __future__ import annotations

import re
import threading

from django.db.models import Count, Max

from watchkeeper.control.gazetteer import rules
from watchkeeper.core.models import Place

_lock = threading.Lock()
_indexes: dict[int, tuple[tuple, list[rules.Entry]]] = {}
_ADDRESS = re.compile(r"^(\d{1,4}[A-Za-z]?(?:-\d{1,4}[A-Za-z]?)?)\s+(.+?)(?:,\s*[A-Z0-9 ]+)?$")


def _version(partnership_id: int) -> tuple:
    found = Place.objects.filter(partnership_id=partnership_id).aggregate(n=Count("id"), top=Max("id"))
    return (found["n"], found["top"])


def _entry(row: dict) -> rules.Entry:
    number = street = ""
    if row["kind"] == Place.Kind.ADDRESS:
        match = _ADDRESS.match(row["name"])
        if match:
            number, street = match.group(1), match.group(2)
    return rules.entry(row["id"], row["kind"], row["name"], number, street, row["postcode"], row["ward__district_id"])


def entries(partnership_id: int) -> list[rules.Entry]:
    version = _version(partnership_id)
    cached = _indexes.get(partnership_id)
    if cached and cached[0] == version:
        return cached[1]
    with _lock:
        rows = Place.objects.filter(partnership_id=partnership_id).values(
            "id", "kind", "name", "postcode", "ward__district_id"
        )
        built = [_entry(r) for r in rows.iterator(chunk_size=5000)]
        _indexes[partnership_id] = (version, built)
    return built
