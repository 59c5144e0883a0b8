"""The road network behind despatch and coverage: which imported version is active, the speed table
used by the next import, and temporary closures and speed changes applied without a rebuild."""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class RoadNetworkVersion(models.Model):
    """One import of an OpenStreetMap extract (`watchkeeper import_roads`). Exactly one is active:
    the file DATA_DIR/network/active.npz points at it."""

    source_name = models.CharField(max_length=255, help_text="File name of the OSM extract imported")
    sha256 = models.CharField(max_length=64, db_index=True)
    file_name = models.CharField(max_length=100, help_text="Stored network under DATA_DIR/network/")
    name = models.CharField(max_length=200, blank=True)
    attribution = models.CharField(max_length=200, default="(c) OpenStreetMap contributors")
    junctions = models.PositiveIntegerField()
    links = models.PositiveIntegerField()
    speeds_kph = models.JSONField(default=dict, help_text="Speed table the import used, km/h by class")
    built_at = models.DateTimeField(default=timezone.now)
    built_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    active = models.BooleanField(default=False)

    class Meta:
        ordering = ["-built_at"]
        constraints = [
            models.UniqueConstraint(fields=["active"], condition=Q(active=True), name="one_active_road_network")
        ]

    def __str__(self) -> str:
        return f"{self.name or self.source_name} ({self.built_at:%Y-%m-%d})"


class RoadSpeed(models.Model):
    """Reference data: km/h for an OSM highway class without a usable maxspeed tag. The table is
    also the list of drivable classes (add "track" for a rural force). Used by the next import."""

    highway = models.CharField(max_length=40, unique=True, help_text="OSM highway=* value, e.g. residential")
    kph = models.FloatField(help_text="Speed in km/h (20 mph = 32.2 km/h)")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["highway"]

    def __str__(self) -> str:
        return f"{self.highway}: {self.kph:.1f} km/h"


class RoadClosureQuerySet(models.QuerySet):
    def in_force(self, at=None):
        at = at or timezone.now()
        return self.filter(starts_at__lte=at).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at))


class RoadClosure(models.Model):
    """A temporary closure or speed change (roadworks, a cordon, a march, flooding), on one OSM way
    or inside an area drawn on the map. speed_factor multiplies speed: 0 closes, 0.5 halves."""

    way_id = models.BigIntegerField(null=True, blank=True, help_text="OSM way id (both directions)")
    area = models.JSONField(null=True, blank=True, help_text="GeoJSON Polygon in WGS84 (lon, lat)")
    speed_factor = models.FloatField(default=0.0, help_text="0 closes the road; 0.5 halves the speed")
    reason = models.CharField(max_length=300)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoadClosureQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(way_id__isnull=False) | Q(area__isnull=False), name="road_closure_has_a_place"
            ),
            models.CheckConstraint(condition=Q(speed_factor__gte=0), name="road_closure_factor_not_negative"),
        ]

    def __str__(self) -> str:
        what = f"way {self.way_id}" if self.way_id else "area"
        return f"{'Closed' if self.speed_factor == 0 else f'x{self.speed_factor:g} speed'}: {what} ({self.reason})"
