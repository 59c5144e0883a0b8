"""Reading data.police.uk street-level files: layout check, row validation, outcome join and
placement in wards/districts, all vectorised with polars and shapely (no database writes here;
services.import_crimes stores the result)."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely

from watchkeeper.core.loading import file_sha256
from watchkeeper.intel.crime import rules

if TYPE_CHECKING:
    import polars as pl

STREET_COLUMNS = [
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
]
REQUIRED = ["Crime ID", "Month", "Longitude", "Latitude", "Location", "LSOA name", "Crime type"]
OUTCOME_COLUMNS = ["Crime ID", "Month", "Outcome type"]


class LayoutError(Exception):
    """The file is not a street-level crime file: nothing from it may be imported."""


@dataclass
class ParsedFile:
    path: Path
    name: str
    sha256: str
    rows: int
    frame: pl.DataFrame  # good rows, with key/month/lat/lon/ward_id/district_id/flags
    bad: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    months: list[str] = field(default_factory=list)
    outcomes_joined: int = 0
    repeated: int = 0

    @property
    def flagged(self) -> int:
        return int((self.frame["no_location"] | self.frame["outside_area"]).sum()) if self.frame.height else 0

    def area_summary(self, area_name: str) -> str:
        """Rows inside versus outside the partnership's area, said in words for the import report."""
        if not self.frame.height:
            return f"No rows to place in {area_name}'s area."
        no_location = int(self.frame["no_location"].sum())
        outside = int((self.frame["outside_area"] & ~self.frame["no_location"]).sum())
        inside = self.frame.height - outside - no_location
        return (
            f"{inside} rows inside {area_name}'s area, {outside} outside it (kept, but left out of every "
            f"figure) and {no_location} without a location."
        )


def read_header(path: Path) -> list[str]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            return [c.strip() for c in next(csv.reader(fh), [])]
    except UnicodeDecodeError:
        raise LayoutError(f"{path.name}: not a UTF-8 CSV file") from None
    except OSError as exc:
        raise LayoutError(f"{path.name}: cannot be read ({exc.strerror})") from None


def check_layout(path: Path, name: str | None = None) -> None:
    """Raise LayoutError naming the file and every missing column."""
    name = name or path.name
    header = read_header(path)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise LayoutError(f"{name}: not a data.police.uk street-level file; missing column(s): {', '.join(missing)}")


def _read(path: Path, name: str) -> pl.DataFrame:
    import polars as pl  # imported when a file is read: the web process starts without it

    try:
        frame = pl.read_csv(path, infer_schema=False, encoding="utf8-lossy", truncate_ragged_lines=True)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        raise LayoutError(f"{name}: cannot be read as CSV ({str(exc).splitlines()[0]})") from None
    frame = frame.rename({c: c.strip() for c in frame.columns})
    for column in STREET_COLUMNS:
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit("").alias(column))
    return frame.select(STREET_COLUMNS).with_columns(pl.all().fill_null("").str.strip_chars())


# --- outcomes -----------------------------------------------------------------------------------

_outcome_cache: dict[tuple, pl.DataFrame | None] = {}


def outcome_files(path: Path) -> list[Path]:
    """Outcomes files beside a street file: the same folder, or a sibling `outcomes/` folder."""
    found = []
    for folder in (path.parent, path.parent.parent / "outcomes"):
        if folder.is_dir():
            found += sorted(folder.glob("*-outcomes.csv"))
    return found


def outcomes_near(path: Path) -> pl.DataFrame | None:
    """Latest outcome type per Crime ID from the outcomes files beside `path` (None if there are none).

    A crime's outcome can appear in any later month's outcomes file; the latest month wins.
    """
    import polars as pl  # imported when a file is read: the web process starts without it

    files = outcome_files(path)
    key = tuple((str(f), f.stat().st_mtime_ns) for f in files)
    if key in _outcome_cache:
        return _outcome_cache[key]
    frames = []
    for f in files:
        header = read_header(f)
        if any(c not in header for c in OUTCOME_COLUMNS):
            continue
        frames.append(pl.read_csv(f, infer_schema=False, columns=OUTCOME_COLUMNS, encoding="utf8-lossy"))
    result = None
    if frames:
        result = (
            pl.concat(frames)
            .filter(pl.col("Crime ID").is_not_null() & (pl.col("Crime ID") != ""))
            .sort("Month")
            .unique(subset="Crime ID", keep="last")
            .select(pl.col("Crime ID"), pl.col("Outcome type").fill_null("").alias("outcome_type"))
        )
    _outcome_cache.clear()
    _outcome_cache[key] = result
    return result


# --- validation ---------------------------------------------------------------------------------


def _validate(frame: pl.DataFrame, name: str) -> tuple[pl.DataFrame, list[dict], list[int]]:
    """Add parsed columns and split good rows from bad ones (first problem per row reported)."""
    import polars as pl  # imported when a file is read: the web process starts without it

    lon = pl.col("Longitude").cast(pl.Float64, strict=False)
    lat = pl.col("Latitude").cast(pl.Float64, strict=False)
    frame = frame.with_row_index("line", offset=2).with_columns(
        lon.alias("lon"),
        lat.alias("lat"),
        pl.when(pl.col("Month").str.contains(r"^\d{4}-(0[1-9]|1[0-2])$"))
        .then(pl.concat_str(pl.col("Month"), pl.lit("-01")).str.to_date("%Y-%m-%d", strict=False))
        .alias("month"),
    )
    no_lon, no_lat = pl.col("Longitude") == "", pl.col("Latitude") == ""
    checks = [
        ("Month", pl.col("month").is_null(), "not a YYYY-MM month"),
        ("Crime type", pl.col("Crime type") == "", "empty crime type"),
        ("Longitude", ~no_lon & pl.col("lon").is_null(), "not a number"),
        ("Latitude", ~no_lat & pl.col("lat").is_null(), "not a number"),
        ("Longitude", no_lon != no_lat, "longitude and latitude must both be given or both be empty"),
        (
            "Longitude",
            pl.col("lon").is_not_null() & ((pl.col("lon") < -180) | (pl.col("lon") > 180)),
            "outside -180..180",
        ),
        ("Latitude", pl.col("lat").is_not_null() & ((pl.col("lat") < -90) | (pl.col("lat") > 90)), "outside -90..90"),
        ("Crime ID", pl.col("Crime ID").str.len_chars() > 80, "longer than 80 characters"),
        ("Crime type", pl.col("Crime type").str.len_chars() > 80, "longer than 80 characters"),
    ]
    problem = pl.lit(None, dtype=pl.String)
    column = pl.lit(None, dtype=pl.String)
    for col_name, failing, message in reversed(checks):
        problem = pl.when(failing).then(pl.lit(message)).otherwise(problem)
        column = pl.when(failing).then(pl.lit(col_name)).otherwise(column)
    frame = frame.with_columns(problem.alias("problem"), column.alias("problem_column"))
    bad_rows = frame.filter(pl.col("problem").is_not_null())
    bad = [
        {
            "file": name,
            "line": int(r["line"]),
            "column": r["problem_column"],
            "problem": f"{r['problem_column']} {r['problem']}: {r[r['problem_column']]!r}"[:300],
        }
        for r in bad_rows.select("line", "problem", "problem_column", *{c for c, _, _ in checks}).iter_rows(named=True)
    ]
    good = frame.filter(pl.col("problem").is_null()).drop("problem", "problem_column")
    # data.police.uk sometimes publishes one Crime ID twice in a month (a second location or a later
    # outcome). It is one crime: the first row is kept, and the repeats are reported, not counted as bad.
    with_id = good.filter(pl.col("Crime ID") != "")
    repeats = with_id.filter(~with_id["Crime ID"].is_first_distinct())
    good = good.filter(~pl.col("line").is_in(repeats["line"].implode()))
    bad.sort(key=lambda b: b["line"])
    return good, bad, repeats["line"].to_list()


def _keys(frame: pl.DataFrame) -> list[str]:
    """Crime ID, or for rows without one (ASB) a sha1 of the row plus its occurrence number, so two
    identical ASB rows stay two records and a re-import finds both again."""
    seen: dict[str, int] = {}
    keys = []
    content = [c for c in STREET_COLUMNS if c not in ("Crime ID", "LSOA name")]
    for crime_id, *values in frame.select("Crime ID", *content).iter_rows():
        if crime_id:
            keys.append(crime_id)
            continue
        digest = hashlib.sha1("\x1f".join(values).encode()).hexdigest()
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        keys.append(f"sha1:{digest}" if n == 0 else f"sha1:{digest}:{n}")
    return keys


# --- placement ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """A partnership's wards (ids, shapely polygons, their districts) and districts by normalised name."""

    ward_ids: list[int]
    ward_districts: list[int]
    tree: shapely.STRtree | None
    districts: dict[str, int]


def place(frame: pl.DataFrame, area: Area) -> pl.DataFrame:
    """Ward (point in polygon, one bulk STRtree query), district, and the no-location/outside flags."""
    import polars as pl  # imported when a file is read: the web process starts without it

    n = frame.height
    ward = np.full(n, -1, dtype=np.int64)
    has_xy = (frame["lat"].is_not_null() & frame["lon"].is_not_null()).to_numpy()
    if area.tree is not None and has_xy.any():
        idx = np.flatnonzero(has_xy)
        points = shapely.points(frame["lon"].to_numpy()[idx], frame["lat"].to_numpy()[idx])
        hit_point, hit_ward = area.tree.query(points, predicate="within")
        # A point on a shared boundary matches two wards; the first (lowest index) wins, as ward_at does.
        order = np.lexsort((hit_ward, hit_point))
        hit_point, hit_ward = hit_point[order], hit_ward[order]
        first = np.unique(hit_point, return_index=True)[1]
        ward[idx[hit_point[first]]] = np.asarray(area.ward_ids)[hit_ward[first]]
    ward_district = dict(zip(area.ward_ids, area.ward_districts, strict=True))
    lsoa = [area.districts.get(rules.lsoa_district(name), -1) for name in frame["LSOA name"].to_list()]
    district = np.array(
        [ward_district[w] if w >= 0 else d for w, d in zip(ward.tolist(), lsoa, strict=True)], dtype=np.int64
    )
    if area.tree is not None:  # wards known: a located point is inside only if it is in one
        outside = np.where(has_xy, ward < 0, district < 0)
    else:  # no ward boundaries: the LSOA's district decides
        outside = district < 0
    return frame.with_columns(
        pl.Series("ward_id", ward).replace(-1, None),
        pl.Series("district_id", district).replace(-1, None),
        pl.Series("no_location", ~has_xy),
        pl.Series("outside_area", outside),
    )


def parse(path: Path, area: Area, name: str | None = None, join_outcomes: bool = True) -> ParsedFile:
    """Read and validate one street file; raises LayoutError if it is not one."""
    import polars as pl  # imported when a file is read: the web process starts without it

    name = name or path.name
    check_layout(path, name)
    raw = _read(path, name)
    good, bad, repeated = _validate(raw, name)
    notes = []
    if repeated:
        shown = ", ".join(str(n) for n in repeated[:10]) + (" ..." if len(repeated) > 10 else "")
        notes.append(
            f"{name}: {len(repeated)} row(s) repeat an earlier Crime ID (lines {shown}); "
            "the first row of each crime is kept"
        )
    months = sorted({m.strftime("%Y-%m") for m in good["month"].to_list()})
    if len(months) > 1:
        notes.append(f"{name}: a monthly file holding {len(months)} months ({', '.join(months)})")
    stem_month = rules.parse_month(name[:7])
    if stem_month and months and months != [f"{stem_month:%Y-%m}"]:
        notes.append(f"{name}: named for {stem_month:%Y-%m} but holds {', '.join(months)}")
    good = good.with_columns(pl.Series("key", _keys(good), dtype=pl.String))
    joined = 0
    outcomes = outcomes_near(path) if join_outcomes else None
    if outcomes is not None:
        good = good.join(outcomes, on="Crime ID", how="left").with_columns(pl.col("outcome_type").fill_null(""))
        joined = int((good["outcome_type"] != "").sum())
    else:
        good = good.with_columns(pl.lit("").alias("outcome_type"))
    good = place(good, area)
    return ParsedFile(
        path=path,
        name=name,
        sha256=file_sha256(path),
        rows=raw.height,
        frame=good,
        bad=bad,
        notes=notes,
        months=months,
        outcomes_joined=joined,
        repeated=len(repeated),
    )
