"""Loading parsed street-level files into Crime rows: one transaction and one audit entry per file."""

from __future__ import annotations

from collections.abc import Callable

import shapely
from django.db import transaction
from shapely.geometry import shape

from watchkeeper.core.audit import Actor
from watchkeeper.core.loading import close_run, open_run
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import District, Partnership, Ward
from watchkeeper.intel.crime import rules
from watchkeeper.intel.crime.models import Crime, ImportRun
from watchkeeper.intel.crime.parsing import Area, ParsedFile

UPDATE_FIELDS = [
    "crime_id",
    "month",
    "category",
    "reported_by",
    "falls_within",
    "lat",
    "lon",
    "location",
    "lsoa_code",
    "lsoa_name",
    "last_outcome",
    "outcome_type",
    "context",
    "ward",
    "district",
    "no_location",
    "outside_area",
    "import_run",
]


def area_for(partnership: Partnership) -> Area:
    """The partnership's ward polygons (one STRtree) and its districts by normalised name."""
    wards = list(Ward.objects.filter(district__partnership=partnership).values_list("id", "district_id", "boundary"))
    tree = shapely.STRtree([shape(b) for _, _, b in wards]) if wards else None
    districts = {rules.district_key(d.name): d.id for d in District.objects.filter(partnership=partnership)}
    return Area([w for w, _, _ in wards], [d for _, d, _ in wards], tree, districts)


def import_crimes(
    actor: Actor,
    partnership: Partnership,
    parsed: ParsedFile,
    batch_size: int = 2000,
    on_progress: Callable[[int], None] | None = None,
) -> ImportRun:
    """Store the good rows of one parsed file (insert new, refresh existing by natural key), record
    an ImportRun and one audit entry. Bad rows were set aside by the parser and are kept in the run."""
    frame = parsed.frame
    with transaction.atomic():
        run = open_run(
            ImportRun,
            actor,
            partnership,
            parsed.name,
            parsed.sha256,
            parsed.bad,
            months=parsed.months,
            notes=[parsed.area_summary(partnership.name), *parsed.notes],
            outcomes_joined=parsed.outcomes_joined,
        )
        before = Crime.objects.filter(partnership=partnership).count()
        columns = [
            "key",
            "Crime ID",
            "month",
            "Crime type",
            "Reported by",
            "Falls within",
            "lat",
            "lon",
            "Location",
            "LSOA code",
            "LSOA name",
            "Last outcome category",
            "outcome_type",
            "Context",
            "ward_id",
            "district_id",
            "no_location",
            "outside_area",
        ]
        done = 0
        for chunk in frame.select(columns).iter_slices(batch_size):
            crimes = [
                Crime(
                    partnership=partnership,
                    key=key,
                    crime_id=cid,
                    month=month,
                    category=cat,
                    reported_by=rep,
                    falls_within=falls,
                    lat=lat,
                    lon=lon,
                    location=loc[:200],
                    lsoa_code=lsoa_code[:20],
                    lsoa_name=lsoa_name[:120],
                    last_outcome=last[:200],
                    outcome_type=outcome[:200],
                    context=ctx,
                    ward_id=ward,
                    district_id=district,
                    no_location=nl,
                    outside_area=oa,
                    import_run=run,
                )
                for (
                    key,
                    cid,
                    month,
                    cat,
                    rep,
                    falls,
                    lat,
                    lon,
                    loc,
                    lsoa_code,
                    lsoa_name,
                    last,
                    outcome,
                    ctx,
                    ward,
                    district,
                    nl,
                    oa,
                ) in chunk.iter_rows()
            ]
            Crime.objects.bulk_create(
                crimes, update_conflicts=True, unique_fields=["partnership", "key"], update_fields=UPDATE_FIELDS
            )
            done += len(crimes)
            if on_progress:
                on_progress(done)
        run.rows_ok = frame.height
        run.rows_flagged = parsed.flagged
        run.rows_new = Crime.objects.filter(partnership=partnership).count() - before
        close_run(
            actor,
            run,
            "crimes",
            f"Imported {parsed.name}: {run.rows_ok} rows ({run.rows_new} new), {run.rows_bad} bad, "
            f"{run.rows_flagged} flagged",
        )
    return run


def import_upload(actor: Actor, partnership: Partnership, street, outcomes=None) -> tuple[ImportRun, ParsedFile]:
    """The upload page's import: the same checks as the command. Uploaded files are written to a
    private temporary folder (outcomes beside the street file so the join finds them) and removed."""
    import tempfile
    from pathlib import Path

    from watchkeeper.core.access import require
    from watchkeeper.intel.crime import parsing as importing

    require(actor.user, "intel.import")
    require_member(actor.user, partnership)
    name = Path(street.name).name[:200] or "upload.csv"
    with tempfile.TemporaryDirectory(prefix="wk-intel-") as folder:
        path = Path(folder) / ("street-" + name.replace("-outcomes", ""))
        with open(path, "wb") as fh:
            for chunk in street.chunks():
                fh.write(chunk)
        if outcomes is not None:
            with open(Path(folder) / "upload-outcomes.csv", "wb") as fh:
                for chunk in outcomes.chunks():
                    fh.write(chunk)
        importing.check_layout(path, name)
        parsed = importing.parse(path, area_for(partnership), name=name, join_outcomes=outcomes is not None)
        return import_crimes(actor, partnership, parsed), parsed
