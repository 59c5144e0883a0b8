"""Pure decisions for historical import: is this file the profile's layout, and what does each row
say (or why is it unusable). No I/O and no database: the service feeds rows in and writes what
comes out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

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


class MissingLocalTime(ValueError):
    """A local time inside the hour skipped when clocks go forward: no clock showed it."""


def local_time(profile: Profile, raw: str) -> datetime | None:
    """The cell as written: naive if it is local wall-clock time, aware if it carries its offset;
    None for an empty cell; ValueError if unreadable."""
    raw = raw.strip()
    if raw in profile.null_values:
        return None
    for fmt in profile.timestamp_formats:
        try:
            return datetime.strptime(raw, fmt)
        except ValueError:
            continue
    raise ValueError(raw)


def parse_time(profile: Profile, raw: str, fold: int = 0) -> datetime | None:
    """A timestamp (UTC) read in the export's local zone, or None for an empty cell; ValueError if
    unreadable, MissingLocalTime if the zone skipped it. `fold=1` picks the second of two identical
    wall-clock times when clocks go back. A cell with its own UTC offset needs neither."""
    value = local_time(profile, raw)
    if value is None:
        return None
    if value.tzinfo is None:
        if is_missing(profile.timezone, value):
            raise MissingLocalTime(raw.strip())
        value = value.replace(tzinfo=profile.timezone, fold=fold)
    return value.astimezone(UTC)


def is_missing(zone: ZoneInfo, naive: datetime) -> bool:
    """True for a wall-clock time in the gap when clocks go forward (it does not survive a round trip)."""
    aware = naive.replace(tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive


def is_repeated(zone: ZoneInfo, naive: datetime) -> bool:
    """True for a wall-clock time that happened twice (the hour repeated when clocks go back)."""
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    return first.utcoffset() != second.utcoffset() and not is_missing(zone, naive)


# Incident numbers are handed out in call order: "25-092461" is prefix "25-", number 92461. One
# prefix can hold several counters ("25-092461" police, "25-026355" fire and EMS): numbers further
# apart than SERIES_GAP are taken to be different counters (one counter moves by tens in an hour).
SEQUENCE = re.compile(r"^(.*?)(\d+)$")
SERIES_GAP = 1000


def repeated_hour_folds(zone: ZoneInfo, calls: Iterable[tuple[int, str, datetime]]) -> tuple[dict[int, int], set[int]]:
    """Which occurrence of a repeated wall-clock hour each call was received in, from the file's own
    sequence evidence. `calls` are (line, incident number, naive received time) of the calls whose
    received time falls in a repeated hour. Incident numbers of one series rise with real time, so
    within a series the first time that goes backwards is the first call after clocks went back:
    it and every later number are fold=1, the earlier ones fold=0. Returns ({line: fold}, lines
    that nothing in the file decides: a series that never goes backwards, or goes backwards more
    than once, or an incident number without a numeric series)."""
    by_prefix: dict[tuple[str, object], list[tuple[int, int, datetime]]] = {}
    undecided: set[int] = set()
    for line, external_id, naive in calls:
        match = SEQUENCE.match(external_id)
        if match is None:
            undecided.add(line)
            continue
        by_prefix.setdefault((match.group(1), naive.date()), []).append((int(match.group(2)), line, naive))
    folds: dict[int, int] = {}
    for members in by_prefix.values():
        members.sort()
        series = [[members[0]]]
        for previous, member in zip(members, members[1:], strict=False):
            if member[0] - previous[0] > SERIES_GAP:
                series.append([])
            series[-1].append(member)
        for run in series:
            backwards = [i for i in range(1, len(run)) if run[i][2] < run[i - 1][2]]
            if len(backwards) != 1:
                undecided.update(line for _, line, _ in run)
                continue
            for i, (_, line, _) in enumerate(run):
                folds[line] = 1 if i >= backwards[0] else 0
    return folds, undecided


def received_folds(profile: Profile, index: dict[str, int], rows: Iterable[tuple[int, list[str]]]):
    """repeated_hour_folds for a whole file's rows (line, cells): the import's first pass."""
    calls = []
    for line, cells in rows:
        try:
            received = local_time(profile, _cell(profile, index, cells, "received"))
        except ValueError:
            continue  # read_row reports it
        if received is not None and received.tzinfo is None and is_repeated(profile.timezone, received):
            calls.append((line, _cell(profile, index, cells, "external_id"), received))
    return repeated_hour_folds(profile.timezone, calls)


def _after_clocks_went_back(profile: Profile, raw: str, received: datetime) -> datetime | None:
    """Local exports repeat 01:00-02:00 on the night clocks go back: a time that reads as before the
    call may be the second 01:xx. Returns that reading when it resolves the contradiction."""
    second = parse_time(profile, raw, fold=1)
    return second if second is not None and second >= received - SKEW else None


def _cell(profile: Profile, index: dict[str, int], cells: list[str], field: str) -> str:
    for name in profile.columns.get(field, ()):
        i = index.get(name)
        if i is not None and i < len(cells):
            value = cells[i].strip()
            if value not in profile.null_values:
                return value
    return ""


def read_row(
    profile: Profile, index: dict[str, int], line: int, cells: list[str], received_fold: int | None = 0
) -> Call | BadRow:
    """Map one data row, or say (for a person to act on) why it cannot be imported.
    `received_fold` is which occurrence of a repeated hour the call was received in (see
    received_folds); None when the file cannot tell, which makes such a row a BadRow."""

    def cell(field: str) -> str:
        return _cell(profile, index, cells, field)

    external_id = cell("external_id")
    if not external_id:
        return BadRow(line, f"no incident number in {profile.columns['external_id'][0]}")
    times: dict[str, datetime | None] = {}
    for field in TIME_FIELDS:
        fold = received_fold or 0 if field == "received" else 0
        try:
            times[field] = parse_time(profile, cell(field), fold) if field in profile.columns else None
        except MissingLocalTime as exc:
            column = profile.columns[field][0]
            return BadRow(
                line,
                f"{external_id}: {column} {exc.args[0]!r} did not happen in {profile.timezone} (clocks went forward)",
            )
        except ValueError as exc:
            column = profile.columns[field][0]
            return BadRow(line, f"{external_id}: {column} {exc.args[0]!r} is not a date and time")
    received = times["received"]
    if received is None:
        return BadRow(line, f"{external_id}: no call-received time in {profile.columns['received'][0]}")
    if received_fold is None:
        column = profile.columns["received"][0]
        return BadRow(
            line,
            f"{external_id}: {column} {cell('received')!r} is in the hour repeated when clocks went back, and "
            "nothing in the file says which of the two it was (give times with their UTC offset)",
        )
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
