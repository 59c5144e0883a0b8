"""Proof of patrol: officers' positions, the visits derived from them, and the hash-chained log."""

from django.db import models

from watchkeeper.core.visibility import through


class Position(models.Model):
    class Source(models.TextChoices):
        PHONE = "phone", "Phone page"
        GPX = "gpx", "Imported GPX track"
        CSV = "csv", "Imported CSV track"

    shift = models.ForeignKey("patrol.Shift", on_delete=models.CASCADE, related_name="positions")
    officer = models.ForeignKey("patrol.Officer", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    lat = models.FloatField()
    lon = models.FloatField()
    accuracy_m = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=5, choices=Source.choices)

    objects = through("shift").as_manager()

    class Meta:
        ordering = ["shift", "officer", "at"]
        constraints = [models.UniqueConstraint(fields=["shift", "officer", "at"], name="patrol_position_once")]


class Visit(models.Model):
    """A stay at a hotspot worked out from positions (never typed in): arrival, departure, dwell."""

    shift = models.ForeignKey("patrol.Shift", on_delete=models.CASCADE, related_name="visits")
    officer = models.ForeignKey("patrol.Officer", on_delete=models.PROTECT, related_name="+")
    hotspot = models.CharField(max_length=60)
    arrived_at = models.DateTimeField()
    left_at = models.DateTimeField()
    dwell_seconds = models.PositiveIntegerField()
    met_dwell = models.BooleanField()
    intel_visit = models.ForeignKey(
        "intel.PatrolVisit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = through("shift").as_manager()

    class Meta:
        ordering = ["shift", "arrived_at"]
        constraints = [
            models.UniqueConstraint(fields=["shift", "officer", "hotspot", "arrived_at"], name="patrol_visit_once")
        ]


class LogEntry(models.Model):
    """The patrol log, one chain per shift: each entry's hash covers its content and the previous
    entry's hash, so an edited, removed or reordered entry breaks every later link."""

    shift = models.ForeignKey("patrol.Shift", on_delete=models.PROTECT, related_name="log")
    seq = models.PositiveIntegerField()
    at = models.DateTimeField()
    kind = models.CharField(max_length=30)
    actor_label = models.CharField(max_length=150)
    payload = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = through("shift").as_manager()

    class Meta:
        ordering = ["shift", "seq"]
        constraints = [models.UniqueConstraint(fields=["shift", "seq"], name="patrol_log_seq")]
