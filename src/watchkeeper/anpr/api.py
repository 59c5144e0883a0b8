"""ANPR API: sites, read import, calibration checks, Community Roadwatch sessions, the watch-list,
attendance tasks, a vehicle's history (audited; keeper for police roles only), purge, outcome."""

from datetime import datetime, timedelta

from django.utils import timezone
from ninja import Router

from watchkeeper.anpr.keepers.services import import_keepers
from watchkeeper.anpr.ladder.models import AttendanceTask, Keeper, Offence, WatchEntry
from watchkeeper.anpr.outcome.queries import outcome
from watchkeeper.anpr.purge.services import purge
from watchkeeper.anpr.reads import rules as read_rules
from watchkeeper.anpr.reads import services as read_services
from watchkeeper.anpr.reads.models import Read
from watchkeeper.anpr.schemas import (
    AttendanceRow,
    CheckIn,
    ImportIn,
    KeepersIn,
    PartnershipIn,
    RoadwatchIn,
    SiteRow,
    WatchRow,
)
from watchkeeper.anpr.sites.models import Device, Site
from watchkeeper.anpr.sites.services import record_check
from watchkeeper.api import listing, operation
from watchkeeper.core.access import allowed, get_visible_or_404
from watchkeeper.core.audit import record_read
from watchkeeper.core.errors import Invalid, NotFound
from watchkeeper.core.input import PK
from watchkeeper.core.membership import member_partnership
from watchkeeper.core.web import actor_of

router = Router(tags=["anpr"])


@listing(router, "/anpr/sites", SiteRow, "anpr.view", "ANPR sites")
def sites(request):
    return Site.objects.visible_to(request.auth)


@router.post("/anpr/reads/import", response={201: dict}, summary="Import reads from CSV (all or nothing)")
@operation("anpr.import")
def import_reads(request, body: ImportIn):
    partnership = member_partnership(request.auth, body.partnership)
    return 201, read_services.import_reads(actor_of(request), partnership, body.text, body.profile, body.file_name)


@router.post("/anpr/keepers/import", response={201: dict}, summary="Import DVLA keepers (police roles; audited)")
@operation("anpr.keeper")
def keepers(request, body: KeepersIn):
    partnership = member_partnership(request.auth, body.partnership)
    return 201, import_keepers(actor_of(request), partnership, body.text, body.file_name)


@router.post("/anpr/devices/{device_id}/checks", response={201: dict}, summary="Record a calibration check")
@operation("anpr.manage")
def check(request, body: CheckIn, device_id: int = PK):
    device = get_visible_or_404(Device, request.auth, f"No device {device_id} that you can see.", pk=device_id)
    made = record_check(actor_of(request), device, body.checked_on, body.council_mph, body.police_mph)
    return 201, {"id": made.pk, "passed": made.passed}


@router.post("/anpr/roadwatch", response={201: dict}, summary="A Community Roadwatch session (joins the ladder)")
@operation("anpr.roadwatch")
def roadwatch(request, body: RoadwatchIn):
    site = get_visible_or_404(Site, request.auth, f"No site {body.site} that you can see.", pk=body.site)
    rows = []
    for n, v in enumerate(body.vehicles, start=1):
        plate = read_rules.normalise_plate(v.plate)
        if plate is None:
            raise Invalid(f"vehicle {n}: malformed plate {v.plate!r}; nothing recorded.")
        rows.append(read_rules.Row(plate, v.seen_at, site.code, "", v.speed_mph))
    return 201, read_services.add_roadwatch(actor_of(request), site, body.held_on, body.team, rows)


@listing(router, "/anpr/watchlist", WatchRow, "anpr.view", "The watch-list (viewing it is audited)")
def watchlist(request):
    entries = list(WatchEntry.objects.visible_to(request.auth).filter(expires_on__gte=timezone.localdate()))
    record_read(actor_of(request), ("anpr.watchentry", "list"), ["plate"], f"Watch-list viewed: {len(entries)} plates")
    return entries


@router.get("/anpr/attendance", response=list[AttendanceRow], summary="Attendance tasks for the control room")
@operation("anpr.view")
def attendance(request):
    tasks = (
        AttendanceTask.objects.visible_to(request.auth).filter(done_at__isnull=True).select_related("offence", "site")
    )
    rows = [
        {
            "id": t.pk,
            "plate": t.offence.plate,
            "site": t.site.code,
            "window": t.window_label(),
            "passes_in_window": t.passes_in_window,
            "passes_seen": t.passes_seen,
            "histogram": t.histogram,
        }
        for t in tasks
    ]
    record_read(actor_of(request), ("anpr.attendancetask", "list"), ["plate"], f"Attendance tasks viewed: {len(rows)}")
    return rows


@router.get("/anpr/vehicles/{plate}", response=dict, summary="A vehicle's history (audited; keeper for police)")
@operation("anpr.view")
def vehicle(request, plate: str):
    normal = read_rules.normalise_plate(plate[:10])
    if normal is None:  # not a plate: no reads of it, the same answer as a plate never seen
        raise NotFound("No reads of that plate that you can see.")
    reads = Read.objects.visible_to(request.auth).filter(plate=normal).select_related("site").order_by("-seen_at")[:500]
    if not reads:
        raise NotFound(f"No reads of {normal} that you can see.")
    offences = Offence.objects.visible_to(request.auth).filter(plate=normal)
    found = {
        "plate": normal,
        "reads": [
            {"site": r.site.code, "at": r.seen_at.isoformat(), "speed_mph": r.speed_mph, "average_mph": r.average_mph}
            for r in reads
        ],
        "offences": [{"at": o.at.isoformat(), "step": o.step} for o in offences],
    }
    fields = ["plate", "reads"]
    if allowed(request.auth, "anpr.keeper"):
        keeper = Keeper.objects.visible_to(request.auth).filter(plate=normal).first()
        found["keeper"] = {"name": keeper.name, "address": keeper.address} if keeper else None
        fields.append("keeper")
    record_read(actor_of(request), ("anpr.vehicle", normal), fields, f"Vehicle {normal} viewed")
    return found


@router.post("/anpr/purge", response=dict, summary="Purge histories with no offence for 6 months")
@operation("anpr.manage")
def run_purge(request, body: PartnershipIn):
    return purge(actor_of(request), member_partnership(request.auth, body.partnership))


@router.get("/anpr/outcome", response=dict, summary="85th-percentile speeds before/after, letters, repeat rate")
@operation("anpr.outcome")
def get_outcome(request, since: str = ""):
    try:
        when = datetime.fromisoformat(since) if since else timezone.now() - timedelta(days=90)
    except ValueError:
        raise Invalid("since must be an ISO date.") from None
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return outcome(request.auth, when)


__all__ = ["router"]
