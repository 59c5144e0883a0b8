"""Reading a call-record CSV: every line validated by one strict schema and reported by line and
column; the file is loaded only when every line is good (calls.services). No database writes.

Columns (a header line first, any order, names as below):
- `received_at`: when the call was offered, ISO 8601 (`2026-11-02T14:03:27Z`, or with an offset;
  without one it is Europe/London time);
- `queue`: 999, 101 or cctv;
- `waited_seconds`: how long the caller waited before being answered or hanging up (0 or more);
- `outcome`: answered or abandoned;
- `handled_seconds`: optional, the answered call's handling time.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field
from pydantic import ValidationError as PydanticValidationError

from watchkeeper.core.input import RecentTimestamp, StrictSchema

COLUMNS = ("received_at", "queue", "waited_seconds", "outcome", "handled_seconds")
REQUIRED = COLUMNS[:4]
MAX_ROWS = 500_000
MAX_ERRORS = 50  # the problems shown; the count covers them all


class CallRow(StrictSchema):
    received_at: RecentTimestamp
    queue: Literal["999", "101", "cctv"]
    waited_seconds: float = Field(..., ge=0, le=86_400)
    outcome: Literal["answered", "abandoned"]
    handled_seconds: float | None = Field(None, gt=0, le=86_400)


@dataclass
class ParsedCalls:
    rows: list[CallRow] = field(default_factory=list)
    bad: list[dict] = field(default_factory=list)  # {"line", "column", "problem"}
    bad_lines: set = field(default_factory=set)
    problem: str = ""  # the whole file is refused (no header, wrong columns, too long)


def read(text: str) -> ParsedCalls:
    """Every line of a call-record CSV checked; `bad` names each bad line and column."""
    out = ParsedCalls()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [c.strip() for c in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown[:5])}")
        out.problem = f"The header line has {' and '.join(parts)}: expected {', '.join(COLUMNS)}."
        return out
    reader.fieldnames = header
    for row in reader:
        line = reader.line_num
        if len(out.rows) + len(out.bad_lines) >= MAX_ROWS:
            out.problem = f"More than {MAX_ROWS:,} calls in one file: split it by month."
            return out
        if None in row:  # more values than columns
            _bad(out, line, "", "more values than the header has columns")
            continue
        values = {k: v.strip() for k, v in row.items() if v is not None}
        if not any(values.values()):
            continue
        if not values.get("handled_seconds"):
            values.pop("handled_seconds", None)
        try:
            out.rows.append(CallRow.model_validate(values))
        except PydanticValidationError as exc:
            for error in exc.errors():
                _bad(out, line, ".".join(str(p) for p in error["loc"]), error["msg"])
    if not out.rows and not out.bad_lines:
        out.problem = "The file has a header but no calls."
    return out


def _bad(out: ParsedCalls, line: int, column: str, problem: str) -> None:
    out.bad_lines.add(line)
    if len(out.bad) < MAX_ERRORS:
        out.bad.append({"line": line, "column": column, "problem": problem})
