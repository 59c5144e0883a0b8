"""The camera estate: each camera's place, purpose and paperwork, and its faults as tickets."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from watchkeeper.core.visibility import PartnershipQuerySet, through


class Camera(models.Model):
    class Kind(models.TextChoices):
        FIXED = "fixed", "Fixed"
        PTZ = "ptz", "Pan-tilt-zoom"
        RAPID = "rapid", "Rapid deployment"

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PTZ)
    lat = models.FloatField()
    lon = models.FloatField()
    easting = models.FloatField()
    northing = models.FloatField()
    view = models.CharField(max_length=300, blank=True, help_text="What the camera looks at")
    purpose = models.CharField(max_length=300, blank=True)
    dpia_reference = models.CharField(max_length=60, blank=True)
    signage = models.BooleanField(default=False)
    last_review = models.DateField(null=True, blank=True)
    last_quality_test = models.DateField(null=True, blank=True)
    recorder = models.CharField(max_length=120, blank=True)
    # Recorder clock minus true UTC, seconds, as last measured (noted on every evidence export).
    recorder_offset_s = models.IntegerField(default=0)
    active = models.BooleanField(default=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"], name="cctv_camera_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Fault(models.Model):
    class Status(models.TextChoices):
        REPORTED = "reported", "Reported"
        NOTIFIED = "notified", "Maintainer notified"
        FIXED = "fixed", "Fixed"

    camera = models.ForeignKey(Camera, on_delete=models.PROTECT, related_name="faults")
    reported_at = models.DateTimeField()
    description = models.CharField(max_length=500)
    maintainer = models.CharField(max_length=120, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    fixed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REPORTED)
    # Whether the camera records while faulty (a focus fault still records; a dead feed does not).
    recording_lost = models.BooleanField(default=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    objects = through("camera").as_manager()

    class Meta:
        ordering = ["-reported_at"]
