"""Retention: each camera's recorded days on the recorder, holds that keep footage past the
retention period, and the certificate issued for what the scheduled job marked for overwrite."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from watchkeeper.core.visibility import PartnershipQuerySet, through


class RecordedDay(models.Model):
    class Status(models.TextChoices):
        KEPT = "kept", "On the recorder"
        HELD = "held", "Held"
        OVERWRITTEN = "overwritten", "Marked for overwrite"

    camera = models.ForeignKey("cctv.Camera", on_delete=models.PROTECT, related_name="recorded_days")
    day = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.KEPT)
    certificate = models.ForeignKey(
        "cctv.DeletionCertificate", null=True, blank=True, on_delete=models.PROTECT, related_name="days"
    )

    objects = through("camera").as_manager()

    class Meta:
        ordering = ["camera", "day"]
        constraints = [models.UniqueConstraint(fields=["camera", "day"], name="cctv_recorded_day")]


class Hold(models.Model):
    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    camera = models.ForeignKey("cctv.Camera", on_delete=models.PROTECT, related_name="holds")
    request = models.ForeignKey(
        "cctv.ViewingRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="holds"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    reason = models.CharField(max_length=300)
    expires_on = models.DateField()
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField()

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-placed_at"]


class DeletionCertificate(models.Model):
    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField()
    cutoff = models.DateField(help_text="Footage recorded before this day, with no hold, was marked")
    retention_days = models.PositiveIntegerField()
    day_count = models.PositiveIntegerField()
    summary = models.JSONField(help_text="camera code -> [first day, last day, days]")

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
