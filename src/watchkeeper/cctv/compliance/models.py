"""Compliance with the Surveillance Camera Code: CCTV Inspectors' spot checks and their actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from watchkeeper.core.visibility import PartnershipQuerySet


class SpotCheck(models.Model):
    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    inspector = models.CharField(max_length=120, help_text="The volunteer CCTV Inspector")
    checked_on = models.DateField()
    principle = models.PositiveSmallIntegerField(help_text="Code principle 1-12 checked")
    findings = models.TextField()
    action = models.TextField(blank=True, help_text="Follow-up action")
    action_done_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_on"]
