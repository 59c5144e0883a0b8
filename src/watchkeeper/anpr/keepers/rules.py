"""A DVLA keeper file (pure): one registered keeper per plate, checked line by line."""

from __future__ import annotations

import csv
import io

from watchkeeper.anpr.reads.rules import normalise_plate

# The header names accepted for each field (the DVLA's enquiry export, or plain names).
HEADERS = {
    "plate": ("plate", "vrm", "registration"),
    "name": ("name", "keeper name", "keeper_name"),
    "address": ("address", "keeper address", "keeper_address"),
}
MAX_ROWS = 20_000


def parse_keepers(text: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(plate, name, address) rows and the problems by line; a file with any problem is refused."""
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    at = {}
    for field, names in HEADERS.items():
        found = next((header.index(n) for n in names if n in header), None)
        if found is None:
            return [], [f"line 1: no {field} column (one of {', '.join(names)})"]
        at[field] = found
    rows, problems, seen = [], [], {}
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        values = values + [""] * (len(header) - len(values))
        plate = normalise_plate(values[at["plate"]])
        name, address = values[at["name"]].strip(), values[at["address"]].strip()
        if plate is None:
            problems.append(f"line {line}: malformed plate {values[at['plate']][:12]!r}")
        elif plate in seen:
            problems.append(f"line {line}: {plate} again (first on line {seen[plate]})")
        elif not name or not address:
            problems.append(f"line {line}: {plate} has no keeper name or address")
        elif len(name) > 120 or len(address) > 300:
            problems.append(f"line {line}: name (120) or address (300) too long")
        else:
            seen[plate] = line
            rows.append((plate, name, address))
        if len(rows) + len(problems) > MAX_ROWS:
            return [], [f"more than {MAX_ROWS:,} keepers in one file: split it"]
    if not rows and not problems:
        problems.append("the file has no keepers")
    return rows, problems
