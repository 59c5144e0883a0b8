"""Import profiles: how one CAD system's export maps onto Watchkeeper's incident record.

A profile is a JSON document (shipped defaults live in ./profiles/<name>.json; an administrator
edits the stored copy, see models.ImportProfile). `Profile.from_document` validates it and says
exactly what is wrong, so a bad edit is refused before any file is read.

Document keys:
- name, label, source: `source` is the idempotency namespace: (source, external id) names one
  historical incident, so re-importing a file adds nothing.
- timezone: the export's local time zone (naive timestamps are read in it).
- timestamp_formats: strptime formats tried in order; null_values: cells meaning "no value".
- columns: field -> column name, or a list of column names (the first non-empty one wins).
  Fields: external_id, received (required); queued, despatched, en_route, arrived, closed,
  priority, channel, problem, disposition, agency (optional).
- grades: priority value -> grade code of the active grade set.
- channels: reception value -> channel code; channel_default for anything else.
- categories: ordered [regex, category code] rules, first match wins (matched against the
  problem text, case-insensitive); category_default for unmatched problems (reported).
- closing_codes: ordered [regex, closing code] rules on the disposition; closing_default.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SHIPPED = Path(__file__).resolve().parent / "profiles"

REQUIRED_FIELDS = ("external_id", "received")
OPTIONAL_FIELDS = (
    "queued",
    "despatched",
    "en_route",
    "arrived",
    "closed",
    "priority",
    "channel",
    "problem",
    "disposition",
    "agency",
)
TIME_FIELDS = ("received", "queued", "despatched", "en_route", "arrived", "closed")


class ProfileError(ValueError):
    """The profile document itself is wrong (an administrator's edit to fix)."""


@dataclass(frozen=True)
class Profile:
    name: str
    label: str
    source: str
    timezone: ZoneInfo
    timestamp_formats: tuple[str, ...]
    null_values: frozenset[str]
    columns: dict[str, tuple[str, ...]]
    grades: dict[str, str]
    channels: dict[str, str]
    channel_default: str
    categories: tuple[tuple[re.Pattern, str], ...]
    category_default: str
    closing_codes: tuple[tuple[re.Pattern, str], ...]
    closing_default: str
    document: dict = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_document(cls, doc: dict) -> Profile:
        problems: list[str] = []
        if not isinstance(doc, dict):
            raise ProfileError("a profile is a JSON object")

        def text(key: str, default: str | None = None) -> str:
            value = doc.get(key, default)
            if not isinstance(value, str) or not value.strip():
                problems.append(f"'{key}' must be a non-empty string")
                return ""
            return value.strip()

        name, label, source = text("name"), text("label", doc.get("name", "")), text("source")
        try:
            zone = ZoneInfo(doc.get("timezone", "Europe/London"))
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            problems.append(f"unknown timezone {doc.get('timezone')!r}")
            zone = ZoneInfo("UTC")
        formats = doc.get("timestamp_formats") or ["%Y-%m-%d %H:%M:%S"]
        if not isinstance(formats, list) or not all(isinstance(f, str) and "%" in f for f in formats):
            problems.append("'timestamp_formats' must be a list of strptime formats")
            formats = []
        columns = _columns(doc.get("columns"), problems)
        grades = _string_map(doc, "grades", problems)
        channels = _string_map(doc, "channels", problems, required=False)
        categories = _rules(doc, "categories", problems)
        closing = _rules(doc, "closing_codes", problems)
        if problems:
            raise ProfileError(f"profile {doc.get('name', '?')!r}: " + "; ".join(problems))
        return cls(
            name=name,
            label=label,
            source=source,
            timezone=zone,
            timestamp_formats=tuple(formats),
            null_values=frozenset(str(v) for v in doc.get("null_values", ["", "NULL"])),
            columns=columns,
            grades=grades,
            channels=channels,
            channel_default=str(doc.get("channel_default", "other")),
            categories=categories,
            category_default=str(doc.get("category_default", "other-imported")),
            closing_codes=closing,
            closing_default=str(doc.get("closing_default", "imported")),
            document=doc,
        )

    def required_columns(self) -> list[str]:
        """Every column the profile reads: a file missing any of them is the wrong layout."""
        needed = []
        for names in self.columns.values():
            for name in names[:1]:  # fallbacks (later names) may be absent
                if name not in needed:
                    needed.append(name)
        return needed

    def grade_codes(self) -> set[str]:
        return set(self.grades.values())

    def category_codes(self) -> set[str]:
        return {code for _, code in self.categories} | {self.category_default}

    def closing_code_set(self) -> set[str]:
        return {code for _, code in self.closing_codes} | {self.closing_default}

    def channel_codes(self) -> set[str]:
        return set(self.channels.values()) | {self.channel_default}


def _columns(raw, problems: list[str]) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        problems.append("'columns' must map fields to column names")
        return {}
    columns = {}
    for key, value in raw.items():
        if key not in REQUIRED_FIELDS + OPTIONAL_FIELDS:
            problems.append(f"unknown field {key!r} in 'columns'")
            continue
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
            problems.append(f"column for {key!r} must be a name or a list of names")
            continue
        columns[key] = tuple(names)
    for key in REQUIRED_FIELDS:
        if key not in columns:
            problems.append(f"'columns' must name the column for {key!r}")
    return columns


def _string_map(doc: dict, key: str, problems: list[str], required: bool = True) -> dict[str, str]:
    raw = doc.get(key, {} if not required else None)
    if not isinstance(raw, dict) or (required and not raw):
        problems.append(f"'{key}' must be a non-empty object")
        return {}
    return {str(k).strip(): str(v).strip() for k, v in raw.items()}


def _rules(doc: dict, key: str, problems: list[str]) -> tuple[tuple[re.Pattern, str], ...]:
    raw = doc.get(key, [])
    rules = []
    if not isinstance(raw, list):
        problems.append(f"'{key}' must be a list of [pattern, code] pairs")
        return ()
    for n, item in enumerate(raw, 1):
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            problems.append(f"'{key}' rule {n} must be [pattern, code]")
            continue
        try:
            rules.append((re.compile(item[0], re.IGNORECASE), item[1]))
        except re.error as exc:
            problems.append(f"'{key}' rule {n} pattern {item[0]!r} is not a valid expression: {exc}")
    return tuple(rules)


def shipped_names() -> list[str]:
    return sorted(p.stem for p in SHIPPED.glob("*.json"))


def shipped_document(name: str) -> dict:
    path = SHIPPED / f"{name}.json"
    if not path.is_file():
        raise ProfileError(f"no shipped import profile called {name!r} (shipped: {', '.join(shipped_names())})")
    return json.loads(path.read_text())
