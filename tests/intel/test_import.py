"""import_crimes on real data.police.uk slices: counts, flags, outcomes, districts, idempotence, errors."""

import csv
import shutil

import polars as pl
import pytest
from django.core.management import CommandError, call_command

from tests.conftest import shared_data
from watchkeeper.core.models import AuditEntry, District, Partnership
from watchkeeper.intel.models import Crime, ImportRun

HEADER = [
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


def write(path, rows):
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def row(
    crime_id="abc1",
    month="2019-06",
    lon="-0.1262",
    lat="51.5291",
    location="On or near Judd Street",
    lsoa="Camden 022A",
    crime_type="Burglary",
):
    return [
        crime_id,
        month,
        "Metropolitan Police Service",
        "Metropolitan Police Service",
        lon,
        lat,
        location,
        "E01000001",
        lsoa,
        crime_type,
        "Under investigation",
        "",
    ]


@pytest.mark.django_db
def test_city_of_london_month_imports_flags_and_is_idempotent(tmp_path):
    source = shared_data("police-uk", "city-of-london", "2019-06-city-of-london-street.csv")
    expected = pl.read_csv(source, infer_schema=False)
    call_command("import_crimes", str(source), "--partnership", "safer-camden")
    crimes = Crime.objects.filter(partnership__slug="safer-camden", month="2019-06-01").exclude(key__startswith="demo:")
    # A Crime ID published twice in the month is one crime (the first row kept, the repeat reported).
    unique = expected.filter(pl.col("Crime ID").is_null() | pl.col("Crime ID").is_first_distinct())
    assert crimes.count() == unique.height < expected.height
    assert crimes.filter(no_location=True).count() == unique.filter(pl.col("Longitude").is_null()).height
    # The City is not Camden: located points fall outside the partnership's wards and are kept, flagged.
    assert crimes.filter(no_location=False, outside_area=False).count() < crimes.filter(no_location=False).count()
    asb = expected.filter(pl.col("Crime ID").is_null()).height
    assert crimes.filter(key__startswith="sha1:").count() == asb
    run = ImportRun.objects.get(file_name=source.name)
    assert run.rows_ok == unique.height and run.rows_bad == 0 and run.rows_new == unique.height
    assert any("repeat an earlier Crime ID" in n for n in run.notes)
    assert run.months == ["2019-06"] and len(run.sha256) == 64
    assert AuditEntry.objects.filter(object_type="intel.importrun", object_id=str(run.pk)).count() == 1

    call_command("import_crimes", str(source), "--partnership", "safer-camden")
    assert crimes.count() == unique.height
    assert ImportRun.objects.filter(file_name=source.name).order_by("-pk").first().rows_new == 0


@pytest.mark.django_db
def test_herts_month_gets_districts_and_outcomes(tmp_path):
    street = shared_data("police-uk", "hertfordshire", "street", "2021-03-hertfordshire-street.csv")
    outcomes = shared_data("police-uk", "hertfordshire", "outcomes", "2021-03-hertfordshire-outcomes.csv")
    (tmp_path / "street").mkdir()
    (tmp_path / "outcomes").mkdir()
    shutil.copy(street, tmp_path / "street" / street.name)
    shutil.copy(outcomes, tmp_path / "outcomes" / outcomes.name)
    call_command("import_crimes", str(tmp_path / "street" / street.name), "--partnership", "herts-cctv")
    herts = Partnership.objects.get(slug="herts-cctv")
    crimes = Crime.objects.filter(partnership=herts)
    frame = pl.read_csv(street, infer_schema=False)
    # With the real ward boundaries loaded a crime is placed by its point; the ONS check found that
    # for 3 of 3,595 crimes (2021-06) the ward's district differs from the LSOA's district.
    stevenage = frame.filter(pl.col("LSOA name").str.starts_with("Stevenage ")).height
    assert abs(crimes.filter(district=District.objects.get(code="E07000243")).count() - stevenage) <= 3
    east = frame.filter(pl.col("LSOA name").str.starts_with("East Hertfordshire ")).height
    assert abs(crimes.filter(district__name="East Herts").count() - east) <= 3
    # Dacorum etc. are not in the partnership: kept, flagged outside the area.
    assert crimes.filter(district__isnull=True, outside_area=True).count() > 0
    # The import says how many rows are inside versus outside the partnership's area.
    inside = crimes.filter(outside_area=False, no_location=False).count()
    outside = crimes.filter(outside_area=True, no_location=False).count()
    summary = ImportRun.objects.filter(partnership=herts).order_by("-pk").first().notes[0]
    assert summary.startswith(f"{inside} rows inside Hertfordshire CCTV Partnership's area, {outside} outside it")
    joined = set(pl.read_csv(outcomes, infer_schema=False)["Crime ID"].drop_nulls().to_list())
    with_id = set(frame["Crime ID"].drop_nulls().to_list())
    assert crimes.count() == frame.filter(pl.col("Crime ID").is_null() | pl.col("Crime ID").is_first_distinct()).height
    assert crimes.exclude(outcome_type="").count() == len(joined & with_id) > 0


@pytest.mark.django_db
def test_wrong_layout_names_file_and_columns_and_imports_nothing(tmp_path):
    good = write(tmp_path / "2019-06-good-street.csv", [row()])
    bad = tmp_path / "wrong.csv"
    bad.write_text("category,street,lat,lon\nBurglary,On or near X,51.5,-0.1\n")
    before = Crime.objects.count()
    with pytest.raises(CommandError) as err:
        call_command("import_crimes", str(good), str(bad))
    assert "wrong.csv" in str(err.value) and "Crime ID" in str(err.value) and "Crime type" in str(err.value)
    assert Crime.objects.count() == before and not ImportRun.objects.exists()


@pytest.mark.django_db
def test_bad_rows_are_reported_and_the_rest_loads(tmp_path, capsys):
    path = write(
        tmp_path / "2019-06-mixed-street.csv",
        [
            row("ok1"),
            row("badmonth", month="June"),
            row("badlat", lat="north"),
            row("nocoords", lon="", lat=""),
            row("", crime_type="Anti-social behaviour"),
            row("", crime_type="Anti-social behaviour"),  # an identical ASB row: a second incident, kept
            row("later", month="2019-07"),
        ],
    )
    call_command("import_crimes", str(path))
    run = ImportRun.objects.get()
    assert run.rows_ok == 5 and run.rows_bad == 2
    assert {(e["line"], e["column"]) for e in run.errors} == {(3, "Month"), (4, "Latitude")}
    assert any("several" in n or "2 months" in n for n in run.notes)
    imported = Crime.objects.filter(import_run=run)
    assert set(imported.exclude(crime_id="").values_list("crime_id", flat=True)) == {"ok1", "nocoords", "later"}
    assert imported.get(crime_id="nocoords").no_location
    assert imported.filter(key__startswith="sha1:").count() == 2
    located = imported.get(crime_id="ok1")
    assert located.ward is not None and located.district.name == "Camden" and not located.outside_area
    out = capsys.readouterr().out
    assert "2019-06-mixed-street.csv line 3, column Month" in out and "2 months" in out
