"""Reading a partner's file: CSV or Excel through a saved column mapping, every row validated and
placed, the good rows kept and the bad ones reported by file, line and column. No database writes:
sharing.services loads what this returns."""

from __future__ import annotations

import csv
import hashlib
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from watchkeeper.core import geo
from watchkeeper.core.loading import file_sha256
from watchkeeper.core.models import Partnership, Place, Ward
from watchkeeper.sharing.models import (
    ColumnMapping,
    SharingAgreement,
)

MAX_ROWS = 200_000
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%H.%M", "%H%M")


class PartnerImportError(Exception):
    """The whole file is refused: nothing from it is written."""


@dataclass
class ParsedPartnerFile:
    name: str
    sha256: str
    rows: int
    good: list[dict] = field(default_factory=list)
    bad: list[dict] = field(default_factory=list)


# --- reading ------------------------------------------------------------------------------------


def read_table(path: Path, name: str) -> tuple[list[str], list[tuple[int, list]]]:
    """(header, [(line, values)]) from a CSV (UTF-8, with or without BOM) or the first sheet of an
    .xlsx workbook. Lines are the file's own line (CSV) or row (Excel) numbers."""
    if name.lower().endswith(EXCEL_SUFFIXES):
        return _read_xlsx(path, name)
    if name.lower().endswith(".xls"):
        raise PartnerImportError(f"{name}: old .xls workbooks are not read; save it as .xlsx or CSV")
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            header = [c.strip() for c in next(reader, [])]
            rows = []
            for values in reader:
                if any(v.strip() for v in values):
                    rows.append((reader.line_num, values))
                if len(rows) > MAX_ROWS:
                    raise PartnerImportError(f"{name}: more than {MAX_ROWS} rows; split the file")
    except UnicodeDecodeError:
        raise PartnerImportError(f"{name}: not a UTF-8 CSV file (save it as CSV UTF-8 or .xlsx)") from None
    except csv.Error as exc:
        raise PartnerImportError(f"{name}: cannot be read as CSV ({exc})") from None
    except OSError as exc:
        raise PartnerImportError(f"{name}: cannot be read ({exc.strerror})") from None
    return header, rows


def _read_xlsx(path: Path, name: str) -> tuple[list[str], list[tuple[int, list]]]:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise PartnerImportError(f"{name}: cannot be read as an Excel .xlsx workbook ({exc})") from None
    try:
        sheet = book.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        first = next(lines, None) or ()
        header = ["" if c is None else str(c).strip() for c in first]
        rows = []
        for number, values in enumerate(lines, start=2):
            if any(v is not None and str(v).strip() for v in values):
                rows.append((number, list(values)))
            if len(rows) > MAX_ROWS:
                raise PartnerImportError(f"{name}: more than {MAX_ROWS} rows; split the file")
    finally:
        book.close()
    return header, rows


# --- checks before anything is read or written ------------------------------------------------


def check_agreement(
    partnership: Partnership, agreement: SharingAgreement, mapping: ColumnMapping, on: date | None = None
) -> None:
    """Refuse an import the agreement does not cover (PartnerImportError)."""
    if agreement.partnership_id != partnership.id:
        raise PartnerImportError(f"Agreement {agreement.reference} belongs to another partnership.")
    if mapping.partnership_id != partnership.id:
        raise PartnerImportError(f"Mapping {mapping.name!r} belongs to another partnership.")
    status = agreement.status(on)
    if status == SharingAgreement.Status.EXPIRED:
        raise PartnerImportError(
            f"Agreement {agreement.reference} expired on {agreement.ends_on:%d %b %Y}; renew it before importing."
        )
    if status == SharingAgreement.Status.NOT_YET:
        raise PartnerImportError(
            f"Agreement {agreement.reference} is not in force until {agreement.starts_on:%d %b %Y}."
        )
    personal = mapping.personal_data_columns()
    if personal and not agreement.personal_data_allowed:
        raise PartnerImportError(
            f"Agreement {agreement.reference} does not allow personal data, but mapping {mapping.name!r} takes "
            f"personal-data column(s): {', '.join(personal)}."
        )


def check_layout(header: list[str], mapping: ColumnMapping, name: str) -> dict[str, int]:
    """{field: column index}; raises PartnerImportError naming every mapped column the file lacks."""
    if not any(header):
        raise PartnerImportError(f"{name}: the file is empty (no header row)")
    by_name = {}
    for i, column in enumerate(header):
        by_name.setdefault(column.casefold(), i)
    wanted = mapping.source_columns()
    missing = [c for c in wanted.values() if c.casefold() not in by_name]
    if missing:
        raise PartnerImportError(
            f"{name}: does not match mapping {mapping.name!r}; missing column(s): {', '.join(missing)}"
        )
    return {f: by_name[c.casefold()] for f, c in wanted.items()}


# --- row validation -----------------------------------------------------------------------------


class RowProblem(Exception):
    def __init__(self, column: str, problem: str):
        super().__init__(problem)
        self.column = column
        self.problem = problem


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def _number(value, column: str) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = _text(value)
        if not text:
            raise RowProblem(column, "empty")
        try:
            number = float(text)
        except ValueError:
            raise RowProblem(column, f"not a number: {text[:40]!r}") from None
    if not math.isfinite(number):
        raise RowProblem(column, "not a number")
    return number


def _when(value, time_value, mapping: ColumnMapping) -> datetime:
    column = mapping.date_column
    if isinstance(value, datetime):
        found = value
    elif isinstance(value, date):
        found = datetime.combine(value, time())
    else:
        text = _text(value)
        if not text:
            raise RowProblem(column, "empty date")
        try:
            found = datetime.strptime(text, mapping.date_format)
        except ValueError:
            raise RowProblem(column, f"not a date in the format {mapping.date_format}: {text[:40]!r}") from None
    if mapping.time_column:
        found = datetime.combine(found.date(), _time_of(time_value, mapping.time_column))
    if not 1900 <= found.year <= 2999:
        raise RowProblem(column, f"year {found.year} is out of range")
    aware = timezone.make_aware(found) if timezone.is_naive(found) else found
    if aware > timezone.now() + timedelta(days=1):
        raise RowProblem(column, f"in the future: {found:%Y-%m-%d}")
    return aware


def _time_of(value, column: str) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, datetime):
        return value.time()
    text = _text(value)
    if not text:
        return time()
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt).time()
        except ValueError:
            continue
    raise RowProblem(column, f"not a time (HH:MM): {text[:20]!r}")


class Placer:
    """Ward and district for a point or an address, within one partnership."""

    def __init__(self, partnership: Partnership):
        self.partnership = partnership
        self.index = geo.ward_index(partnership.id)
        self._places: dict[str, tuple[float, float, int | None]] | None = None
        self._wards: list[tuple[str, int]] | None = None

    def ward_at(self, lat: float, lon: float, column: str) -> int | None:
        if self.index.tree is None:  # no ward boundaries loaded: nothing to check against
            return None
        ward = self.index.ward_at(lat, lon)
        if ward is None:
            raise RowProblem(column, f"({lat:.5f}, {lon:.5f}) is outside the partnership's wards")
        return ward

    def district_of(self, ward: int | None) -> int | None:
        return self.index.district_of(ward) if ward else None

    def address(self, text: str) -> tuple[float | None, float | None, int | None]:
        """A known place of that name (the gazetteer), else a ward named in the text, else unplaced."""
        if self._places is None:
            self._places = {
                name.casefold(): (lat, lon, ward)
                for name, lat, lon, ward in Place.objects.filter(partnership=self.partnership).values_list(
                    "name", "lat", "lon", "ward_id"
                )
            }
            wards = Ward.objects.filter(district__partnership=self.partnership).values_list("name", "id")
            self._wards = sorted(((n.casefold(), i) for n, i in wards), key=lambda w: -len(w[0]))
        found = self._places.get(text.casefold())
        if found:
            lat, lon, ward = found
            return lat, lon, ward if ward else self.index.ward_at(lat, lon)
        folded = text.casefold()
        for name, ward in self._wards:
            if name and name in folded:
                return None, None, ward
        return None, None, None


def _row_key(values: list[str], seen: dict[str, int]) -> str:
    """For files without an external id: a hash of the mapped values and its occurrence, so two
    identical rows stay two records and a re-import finds both again."""
    digest = hashlib.sha1("\x1f".join(values).encode()).hexdigest()
    n = seen.get(digest, 0)
    seen[digest] = n + 1
    return f"sha1:{digest}" if n == 0 else f"sha1:{digest}:{n}"


def parse(
    path: Path, name: str, partnership: Partnership, mapping: ColumnMapping, allow_personal: bool
) -> ParsedPartnerFile:
    """Read and validate one file (no database writes). Raises PartnerImportError on a wrong layout."""
    header, rows = read_table(path, name)
    columns = check_layout(header, mapping, name)
    if not rows:
        raise PartnerImportError(f"{name}: no data rows under the header")
    parsed = ParsedPartnerFile(name=name, sha256=file_sha256(path), rows=len(rows))
    categories = {str(k).strip().casefold(): str(v).strip() for k, v in (mapping.category_map or {}).items()}
    placer = Placer(partnership)
    ids: dict[str, int] = {}
    seen: dict[str, int] = {}
    personal_columns = [c for c in mapping.personal_columns or [] if c.strip()]

    def cell(values, field_name):
        i = columns.get(field_name)
        return values[i] if i is not None and i < len(values) else None

    for line, values in rows:
        try:
            occurred = _when(cell(values, "date"), cell(values, "time"), mapping)
            source_category = _text(cell(values, "category"))
            if not source_category:
                raise RowProblem(mapping.category_column, "empty category")
            if categories:
                category = categories.get(source_category.casefold())
                if category is None:
                    raise RowProblem(
                        mapping.category_column,
                        f"unknown category {source_category[:60]!r} (not in the mapping's category map)",
                    )
            else:
                category = source_category
            if len(category) > 80:
                raise RowProblem(mapping.category_column, "category longer than 80 characters")
            lat = lon = ward = None
            location = ""
            if mapping.location == ColumnMapping.Location.LATLON:
                lat = _number(cell(values, "latitude"), mapping.lat_column)
                lon = _number(cell(values, "longitude"), mapping.lon_column)
                if not -90 <= lat <= 90:
                    raise RowProblem(mapping.lat_column, f"latitude {lat} outside -90..90")
                if not -180 <= lon <= 180:
                    raise RowProblem(mapping.lon_column, f"longitude {lon} outside -180..180")
                ward = placer.ward_at(lat, lon, mapping.lat_column)
            elif mapping.location == ColumnMapping.Location.GRID:
                easting = _number(cell(values, "easting"), mapping.easting_column)
                northing = _number(cell(values, "northing"), mapping.northing_column)
                if not 0 <= easting <= 700_000:
                    raise RowProblem(mapping.easting_column, f"easting {easting:g} outside 0..700000")
                if not 0 <= northing <= 1_300_000:
                    raise RowProblem(mapping.northing_column, f"northing {northing:g} outside 0..1300000")
                lat, lon = geo.to_wgs84(easting, northing)
                lat, lon = round(lat, 6), round(lon, 6)
                ward = placer.ward_at(lat, lon, mapping.easting_column)
            else:
                location = _text(cell(values, "address"))
                if not location:
                    raise RowProblem(mapping.address_column, "empty address")
                lat, lon, ward = placer.address(location)
            if mapping.external_id_column:
                external_id = _text(cell(values, "external_id"))
                if not external_id:
                    raise RowProblem(mapping.external_id_column, "empty id")
                if len(external_id) > 120:
                    raise RowProblem(mapping.external_id_column, "id longer than 120 characters")
                if external_id in ids:
                    raise RowProblem(mapping.external_id_column, f"id {external_id!r} repeats line {ids[external_id]}")
                ids[external_id] = line
            else:
                external_id = _row_key([_text(cell(values, f)) for f in sorted(columns)], seen)
        except RowProblem as problem:
            parsed.bad.append(
                {
                    "file": name,
                    "line": line,
                    "column": problem.column,
                    "problem": f"{problem.column}: {problem.problem}"[:300],
                }
            )
            continue
        personal = {}
        if allow_personal:
            personal = {c: _text(cell(values, f"personal {i + 1}")) for i, c in enumerate(personal_columns)}
        parsed.good.append(
            {
                "external_id": external_id,
                "occurred_at": occurred,
                "category": category,
                "source_category": source_category[:200],
                "description": _text(cell(values, "description")),
                "location": location[:300],
                "lat": lat,
                "lon": lon,
                "ward_id": ward,
                "district_id": placer.district_of(ward),
                "personal": personal,
            }
        )
    return parsed


# --- writing ------------------------------------------------------------------------------------
