"""Readers for the crime and calls-for-service extracts the forecasts are evaluated on.

Both give an ``Events`` bundle: a polars frame with ``x``, ``y`` (metres in ``crs``), ``time``
and ``category``, plus what was dropped and the study-area polygon (metres) when one is known.

* data.police.uk street files (``YYYY-MM-<force>-street.csv``, flat in one folder): the only
  time is ``Month``, so ``time`` is midnight on the 1st of that month and ``resolution`` is
  ``"month"``; consumers must not read a day into it. Coordinates are anonymised snap points.
  Rows without coordinates (mostly records with no location) are dropped and counted, as are
  rows whose LSOA lies outside the force's own districts (some are geocoded across England).
* Portland NIJ calls for service (zipped shapefile, EPSG:2913 in international feet, converted
  to metres here): ``occ_date`` is a date only, so ``resolution`` is ``"day"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl
import shapefile
import shapely
from shapely.ops import unary_union

from .grid import BRITISH_NATIONAL_GRID, metres_per_unit, native_to_metres, to_metres

PORTLAND_CRS = "EPSG:2913"
POLICE_UK_COLUMNS = ("Month", "Longitude", "Latitude", "LSOA name", "Crime type")
_STREET_FILE = re.compile(r"^\d{4}-\d{2}-(?P<force>.+)-street\.csv$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

# The local authority districts each force polices, as they appear in 'LSOA name' ("Stevenage
# 001A"). Unknown forces fall back to the districts holding at least 2% of rows.
FORCE_DISTRICTS = {
    "hertfordshire": frozenset(
        {
            "Broxbourne",
            "Dacorum",
            "East Hertfordshire",
            "Hertsmere",
            "North Hertfordshire",
            "St Albans",
            "Stevenage",
            "Three Rivers",
            "Watford",
            "Welwyn Hatfield",
        }
    ),
    "city-of-london": frozenset({"City of London"}),
}
_MIN_DISTRICT_SHARE = 0.02


class DataFormatError(ValueError):
    """A source file that cannot be read as documented; names the file, line and column."""

    def __init__(self, path: Path | str, line: int | None, column: str | None, problem: str):
        self.path, self.line, self.column, self.problem = str(path), line, column, problem
        where = self.path + (f", line {line}" if line else "") + (f", column '{column}'" if column else "")
        super().__init__(f"{where}: {problem}")


@dataclass
class Events:
    """Located, timed events ready for gridding, with an account of what was left out."""

    frame: pl.DataFrame
    crs: str
    resolution: str  # "month" or "day": the finest time the source really records
    source: str
    area: shapely.Geometry | None = None  # study area in metres, when the source has one
    dropped: dict[str, int] = field(default_factory=dict)

    @property
    def x(self) -> np.ndarray:
        return self.frame["x"].to_numpy()

    @property
    def y(self) -> np.ndarray:
        return self.frame["y"].to_numpy()


def read_events(folder: Path | str) -> Events:
    """Read whichever supported layout ``folder`` holds (police.uk CSVs or the Portland zip)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder")
    if any(_STREET_FILE.match(p.name) for p in folder.glob("*.csv")):
        return read_police_uk(folder)
    if any(folder.glob("*.zip")):
        return read_portland(folder)
    raise DataFormatError(folder, None, None, "no *-street.csv files or zipped shapefile found")


def read_police_uk(folder: Path | str, districts: frozenset[str] | None = None) -> Events:
    """All ``YYYY-MM-<force>-street.csv`` files in ``folder``, kept to the force's own districts."""
    folder = Path(folder)
    files = sorted(p for p in folder.glob("*.csv") if _STREET_FILE.match(p.name))
    if not files:
        raise DataFormatError(folder, None, None, "no YYYY-MM-<force>-street.csv files")
    force = _STREET_FILE.match(files[0].name)["force"]
    frame = pl.concat([_read_street_file(p) for p in files])
    located = frame.filter(pl.col("lon").is_not_null() & pl.col("lat").is_not_null())
    dropped = {"no_coordinates": frame.height - located.height}
    located = located.with_columns(district=pl.col("LSOA name").str.replace(r"\s+\w{4}$", "").fill_null(""))
    keep = districts or FORCE_DISTRICTS.get(force) or _main_districts(located)
    in_force = located.filter(pl.col("district").is_in(list(keep)))
    dropped["outside_force_districts"] = located.height - in_force.height
    x, y = to_metres(in_force["lon"].to_numpy(), in_force["lat"].to_numpy(), BRITISH_NATIONAL_GRID)
    out = pl.DataFrame(
        {
            "x": x,
            "y": y,
            "time": in_force["time"],
            "category": in_force["Crime type"],
            "lon": in_force["lon"],
            "lat": in_force["lat"],
        }
    )
    area = _london_boroughs(folder, keep) or _county_outline(folder, force)
    return Events(out, BRITISH_NATIONAL_GRID, "month", f"police.uk {force}", area, dropped)


def _read_street_file(path: Path) -> pl.DataFrame:
    try:
        raw = pl.read_csv(path, infer_schema=False)
    except (pl.exceptions.PolarsError, UnicodeDecodeError) as exc:
        raise DataFormatError(path, None, None, f"not a readable CSV ({exc})") from exc
    for name in POLICE_UK_COLUMNS:
        if name not in raw.columns:
            raise DataFormatError(path, 1, name, "missing column in the header")
    raw = raw.with_row_index("line", offset=2)  # header is line 1
    bad_month = raw.filter(~pl.col("Month").fill_null("").str.contains(_MONTH.pattern))
    if bad_month.height:
        row = bad_month.row(0, named=True)
        raise DataFormatError(path, row["line"], "Month", f"expected YYYY-MM, got {row['Month']!r}")
    out = raw.with_columns(
        time=pl.col("Month").str.to_datetime("%Y-%m", strict=True),
        lon=_coordinate(path, raw, "Longitude", 180.0),
        lat=_coordinate(path, raw, "Latitude", 90.0),
    )
    return out.select("time", "lon", "lat", "LSOA name", "Crime type")


def _coordinate(path: Path, raw: pl.DataFrame, column: str, limit: float) -> pl.Series:
    """Parse a coordinate column: blank means no location (dropped later), junk is an error."""
    text = raw[column].str.strip_chars()
    value = text.cast(pl.Float64, strict=False)
    bad = (text.is_not_null() & (text != "")) & (value.is_null() | (value.abs() > limit))
    if bad.any():
        i = int(bad.arg_true()[0])
        raise DataFormatError(path, int(raw["line"][i]), column, f"not a coordinate: {raw[column][i]!r}")
    return value


def _main_districts(frame: pl.DataFrame) -> frozenset[str]:
    shares = frame.group_by("district").len().with_columns(share=pl.col("len") / frame.height)
    return frozenset(shares.filter(pl.col("share") >= _MIN_DISTRICT_SHARE)["district"].to_list()) - {""}


def _london_boroughs(folder: Path, districts: frozenset[str]) -> shapely.Geometry | None:
    """Union of the GLA borough polygons for a London force, when that shared file is present."""
    path = folder.parent.parent / "boundaries" / "london-gla" / "London_Borough_Excluding_MHW.zip"
    if not path.exists():
        return None
    reader = shapefile.Reader(str(path))
    names = [f[0] for f in reader.fields[1:]]
    shapes = [
        shapely.geometry.shape(sr.shape.__geo_interface__)
        for sr in reader.shapeRecords()
        if dict(zip(names, sr.record, strict=True))["NAME"] in districts
    ]
    reader.close()
    return unary_union(shapes) if len(shapes) == len(districts) else None


# County outlines (GeoJSON, WGS84) for forces whose area is one county: the shared ONS file, else
# the simplified copy bundled with the demo data (src/watchkeeper/demo/data, see its SOURCE.txt).
COUNTY_OUTLINES = {"hertfordshire": ("boundaries/hertfordshire/county.geojson", "herts-county.geojson")}


def _county_outline(folder: Path, force: str) -> shapely.Geometry | None:
    """The county (force area) outline in British National Grid metres, when one is known."""
    if force not in COUNTY_OUTLINES:
        return None
    shared, bundled = COUNTY_OUTLINES[force]
    path = folder.parent.parent / shared
    if not path.exists():
        path = Path(__file__).resolve().parent.parent / "demo" / "data" / bundled
    if not path.exists():
        return None
    import json

    geometry = shapely.geometry.shape(json.loads(path.read_text())["features"][0]["geometry"])
    return shapely.transform(geometry, lambda xy: np.column_stack(to_metres(xy[:, 0], xy[:, 1])))


def read_portland(folder: Path | str) -> Events:
    """NIJ Portland calls for service: every data zip in ``folder``; districts zip is the area."""
    folder = Path(folder)
    zips = sorted(p for p in folder.glob("*.zip") if "district" not in p.name.lower())
    if not zips:
        raise DataFormatError(folder, None, None, "no zipped shapefile of calls")
    parts = [_read_calls_zip(p) for p in zips]
    frame = pl.concat([f for f, _ in parts])
    dropped = {"no_coordinates": sum(n for _, n in parts)}
    districts = folder / "portland-police-districts.zip"
    area = _polygon_zip(districts, PORTLAND_CRS) if districts.exists() else None
    return Events(frame, PORTLAND_CRS, "day", "Portland NIJ calls for service", area, dropped)


def _read_calls_zip(path: Path) -> tuple[pl.DataFrame, int]:
    try:
        reader = shapefile.Reader(str(path))
    except shapefile.ShapefileException as exc:
        raise DataFormatError(path, None, None, f"not a zipped shapefile ({exc})") from exc
    names = [f[0] for f in reader.fields[1:]]
    for need in ("occ_date", "x_coordina", "y_coordina", "CATEGORY"):
        if need not in names:
            raise DataFormatError(path, None, need, "missing field in the DBF")
    rows = [dict(zip(names, rec, strict=True)) for rec in reader.iterRecords()]
    reader.close()
    good = [r for r in rows if r["occ_date"] and r["x_coordina"] and r["y_coordina"]]
    x, y = native_to_metres([r["x_coordina"] for r in good], [r["y_coordina"] for r in good], PORTLAND_CRS)
    frame = pl.DataFrame(
        {
            "x": x,
            "y": y,
            "time": pl.Series([r["occ_date"] for r in good], dtype=pl.Date).cast(pl.Datetime("us")),
            "category": [r["CATEGORY"] for r in good],
        }
    )
    return frame, len(rows) - len(good)


def _polygon_zip(path: Path, crs: str) -> shapely.Geometry:
    reader = shapefile.Reader(str(path))
    k = metres_per_unit(crs)
    shapes = [
        shapely.affinity.scale(shapely.geometry.shape(s.__geo_interface__), k, k, origin=(0, 0))
        for s in reader.shapes()
    ]
    reader.close()
    return shapely.make_valid(unary_union(shapes))
