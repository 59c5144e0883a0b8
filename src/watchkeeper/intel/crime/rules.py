"""Pure decisions about recorded crime (no database, no I/O): months, and district names from LSOA
names. Targets' RAG rules are in intel.targets.rules, survey shares in intel.surveys.rules."""

from __future__ import annotations

import re
from datetime import date

# data.police.uk LSOA names are "<local authority> <code>", e.g. "Stevenage 004A". Partnerships may
# name their districts more briefly than the ONS does.
DISTRICT_ALIASES = {
    "east hertfordshire": "east herts",
    "north hertfordshire": "north herts",
}
_LSOA_SUFFIX = re.compile(r"\s+\d{3}[A-Z]$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def lsoa_district(lsoa_name: str) -> str:
    """The normalised district part of an LSOA name ("" when the name has no LSOA code suffix)."""
    if not lsoa_name or not _LSOA_SUFFIX.search(lsoa_name):
        return ""
    name = _LSOA_SUFFIX.sub("", lsoa_name).strip().lower()
    return DISTRICT_ALIASES.get(name, name)


def district_key(name: str) -> str:
    name = name.strip().lower()
    return DISTRICT_ALIASES.get(name, name)


def parse_month(text: str) -> date | None:
    """'2021-03' -> date(2021, 3, 1); None when it is not a YYYY-MM month."""
    m = _MONTH.match((text or "").strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or not 1900 <= int(m.group(1)) <= 2200:
        return None
    return date(int(m.group(1)), int(m.group(2)), 1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def month_range(start: date, end: date) -> list[date]:
    """Every first-of-month from start to end inclusive."""
    out, cursor = [], date(start.year, start.month, 1)
    while cursor <= end:
        out.append(cursor)
        cursor = add_months(cursor, 1)
    return out


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def with_gaps(counts: list[int], months: list[date], with_data: set[date]) -> list[int | None]:
    """Counts with None for every month that has no data at all (never loaded): a missing month is
    unknown, not a month with no crime. A loaded month with no matching crime stays 0."""
    return [n if m in with_data else None for n, m in zip(counts, months, strict=True)]


def total_known(values: list[int | None]) -> int:
    return sum(v for v in values if v is not None)


def missing_months(months: list[date], with_data: set[date]) -> list[date]:
    return [m for m in months if m not in with_data]
