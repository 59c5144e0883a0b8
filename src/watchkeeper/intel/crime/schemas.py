"""API shapes for crime (no `from __future__ import annotations`: ninja needs real types)."""

import datetime

from ninja import Schema


class CrimeRow(Schema):
    id: int
    key: str
    month: datetime.date
    category: str
    location: str
    lat: float | None
    lon: float | None
    lsoa_name: str
    last_outcome: str
    outcome_type: str
    ward_id: int | None
    district_id: int | None
    no_location: bool
    outside_area: bool


class ImportRunRow(Schema):
    id: int
    file_name: str
    sha256: str
    actor_label: str
    started_at: datetime.datetime
    rows_ok: int
    rows_bad: int
    rows_flagged: int
    rows_new: int
    months: list[str]
    notes: list[str]
