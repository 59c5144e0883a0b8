"""Rapid-deployment cameras: a partner's bid, the Joint Action Group's decision, and where each
camera has been (deployments with an end date, reviewed before it)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from watchkeeper.core.visibility import PartnershipQuerySet, through


class Bid(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting the JAG"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    location = models.CharField(max_length=300)
    lat = models.FloatField()
    lon = models.FloatField()
    justification = models.TextField()
    evidence = models.TextField(blank=True)
    case_reference = models.CharField(max_length=60, blank=True, help_text="The case it supports, once cases exist")
    contact_email = models.EmailField(blank=True)
    bid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    bid_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    jag_meeting = models.DateField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-bid_at"]


class Deployment(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="deployments")
    camera = models.ForeignKey("cctv.Camera", on_delete=models.PROTECT, related_name="deployments")
    lat = models.FloatField()
    lon = models.FloatField()
    deployed_on = models.DateField()
    ends_on = models.DateField()
    removed_on = models.DateField(null=True, blank=True)

    objects = through("bid").as_manager()

    class Meta:
        ordering = ["-deployed_on"]
