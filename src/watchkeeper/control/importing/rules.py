"""Pure decisions for historical import: is this file the profile's layout, and what does each row
say (or why is it unusable). No I/O and no database: the service feeds rows in and writes what
comes out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from watchkeeper.control.importing.profiles import TIME_FIELDS, Profile

# A timestamp this far before the call was received is a data error, not clock skew.
SKEW = timedelta(minutes=5)


class WrongLayout(ValueError):
    """The file is not in the profile's layout; nothing from it may be written."""

    def __init__(self, missing: list[str], duplicated: list[str] | None = None):
        self.missing = missing
        self.duplicated = duplicated or []
        parts = []
        if missing:
            parts.append("missing columns: " + ", ".join(missing))
        if self.duplicated:
            parts.append("columns named twice: " + ", ".join(self.duplicated))
        super().__init__("; ".join(parts) or "no header row")


@dataclass(frozen=True)
class Call:
    """One historical incident as the export describes it, already mapped onto our codes."""

    line: int
    external_id: str
    received: datetime
    queued: datetime | None
    despatched: datetime | None
    en_route: datetime | None
    arrived: datetime | None
    closed: datetime | None
    priority: str
    grade: str
    channel: str
    problem: str
    category: str
    category_matched: bool
    disposition: str
    closing_code: str
    agency: str


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str


def check_header(profile: Profile, header: list[str]) -> dict[str, int]:
    """Column name -> index for every column the profile reads; raises WrongLayout."""
    if not header:
        raise WrongLayout(profile.required_columns())
    index: dict[str, int] = {}
    duplicated = []
    for i, name in enumerate(header):
        name = name.strip().lstrip("\ufeff")
        if name in index:
            duplicated.append(name)
        else:
            index[name] = i
    missing = [name for name in profile.required_columns() if name not in index]
    # A repeated column the profile reads is ambiguous; repeats of unused columns do no harm
    # (the real week40 export repeats Elapsed_InQueue_2_FirstAssign).
    wanted = {n for names in profile.columns.values() for n in names}
    ambiguous = sorted({d for d in duplicated if d in wanted})
    if missing or ambiguous:
        raise WrongLayout(missing, ambiguous)
    return index


def parse_time(profile: Profile, raw: str, fold: int = 0) -> datetime | None:
    """A timestamp (UTC) read in the export's local zone, or None for an empty cell; ValueError if
    unreadable. `fold=1` picks the second of two identical wall-clock times when clocks go back."""
    raw = raw.strip()
    if raw in profile.null_values:
        return None
    for fmt in profile.timestamp_formats:
        try:
            value = datetime.strptime(raw, fmt)
        except ValueError:
            continue
        if value.tzinfo is None:
            value = value.replace(tzinfo=profile.timezone, fold=fold)
        return value.astimezone(UTC)
    raise ValueError(raw)


def _after_clocks_went_back(profile: Profile, raw: str, received: datetime) -> datetime | None:
    """Local exports repeat 01:00-02:00 on the night clocks go back: a time that reads as before the
    call may be the second 01:xx. Returns that reading when it resolves the contradiction."""
    second = parse_time(profile, raw, fold=1)
    return second if second is not None and second >= received - SKEW else None


def read_row(profile: Profile, index: dict[str, int], line: int, cells: list[str]) -> Call | BadRow:
    """Map one data row, or say (for a person to act on) why it cannot be imported."""

    def cell(field: str) -> str:
        for name in profile.columns.get(field, ()):
            i = index.get(name)
            if i is not None and i < len(cells):
                value = cells[i].strip()
                if value not in profile.null_values:
                    return value
        return ""

    external_id = cell("external_id")
    if not external_id:
        return BadRow(line, f"no incident number in {profile.columns['external_id'][0]}")
    times: dict[str, datetime | None] = {}
    for field in TIME_FIELDS:
        try:
            times[field] = parse_time(profile, cell(field)) if field in profile.columns else None
        except ValueError as exc:
            column = profile.columns[field][0]
            return BadRow(line, f"{external_id}: {column} {exc.args[0]!r} is not a date and time")
    received = times["received"]
    if received is None:
        return BadRow(line, f"{external_id}: no call-received time in {profile.columns['received'][0]}")
    for field in TIME_FIELDS[1:]:
        if times[field] is not None and times[field] < received - SKEW:
            times[field] = _after_clocks_went_back(profile, cell(field), received)
            if times[field] is None:
                column = profile.columns[field][0]
                return BadRow(line, f"{external_id}: {column} is before the call was received")
    if times["arrived"] and times["closed"] and times["closed"] < times["arrived"] - SKEW:
        return BadRow(line, f"{external_id}: closed before a unit arrived")
    priority = cell("priority")
    grade = profile.grades.get(priority)
    if grade is None:
        known = ", ".join(profile.grades)
        return BadRow(line, f"{external_id}: priority {priority!r} is not in the profile's grade mapping ({known})")
    problem = cell("problem")
    category = match_rule(profile.categories, problem)
    disposition = cell("disposition")
    # Several dispositions ("CN-Cancellation,NR-No Report"): the first is the closing decision.
    closing = match_rule(profile.closing_codes, disposition.split(",")[0].strip()) or profile.closing_default
    return Call(
        line=line,
        external_id=external_id,
        received=received,
        queued=times["queued"],
        despatched=times["despatched"],
        en_route=times["en_route"],
        arrived=times["arrived"],
        closed=times["closed"],
        priority=priority,
        grade=grade,
        channel=profile.channels.get(cell("channel"), profile.channel_default),
        problem=problem,
        category=category or profile.category_default,
        category_matched=category is not None,
        disposition=disposition,
        closing_code=closing,
        agency=cell("agency"),
    )


def match_rule(rules, text: str) -> str | None:
    if not text:
        return None
    for pattern, code in rules:
        if pattern.search(text):
            return code
    return None
