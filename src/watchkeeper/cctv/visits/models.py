"""The control room's visitor and viewing log: who came in, when, why, which request's footage they
viewed, and when they left. The room is secure (Surveillance Camera Code principle 9): every visit
is signed in and out by an operator."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from watchkeeper.core.visibility import PartnershipQuerySet


class Visit(models.Model):
    class Purpose(models.TextChoices):
        VIEWING = "viewing", "Viewing footage for a request"
        MAINTENANCE = "maintenance", "Maintenance"
        INSPECTION = "inspection", "Inspection or audit"
        OTHER = "other", "Other"

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    visitor = models.CharField(max_length=120)
    organisation = models.CharField(max_length=200, blank=True)
    purpose = models.CharField(max_length=12, choices=Purpose.choices)
    request = models.ForeignKey(
        "cctv.ViewingRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    footage = models.CharField(max_length=300, blank=True, help_text="What was viewed: cameras and times")
    identity_checked = models.BooleanField(default=False)
    signed_in_at = models.DateTimeField()
    signed_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_out_at = models.DateTimeField(null=True, blank=True)
    signed_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_in_at"]

    def __str__(self) -> str:
        return f"{self.visitor} {self.signed_in_at:%Y-%m-%d %H:%M}"
