"""Viewing and disclosure requests (police, insurers, solicitors, data subjects), the stops of a
subject-access clock, and the redaction record of what was masked before a copy went out."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from watchkeeper.core.visibility import PartnershipQuerySet, through


class ViewingRequest(models.Model):
    class Kind(models.TextChoices):
        POLICE = "police", "Police"
        INSURER = "insurer", "Insurer"
        SOLICITOR = "solicitor", "Solicitor"
        SUBJECT = "subject", "Data subject (subject access)"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"
        DISCLOSED = "disclosed", "Disclosed"

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=30)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    requester = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    requester_reference = models.CharField(max_length=60, blank=True)
    lawful_basis = models.CharField(max_length=300)
    start = models.DateTimeField()
    end = models.DateTimeField()
    cameras = models.ManyToManyField("cctv.Camera", related_name="requests")
    received_on = models.DateField()
    complex = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "reference"], name="cctv_request_reference")]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.APPROVED)


class ClockStop(models.Model):
    class Reason(models.TextChoices):
        IDENTITY = "identity", "Awaiting proof of identity"
        CLARIFICATION = "clarification", "Awaiting clarification"
        FEE = "fee", "Awaiting a fee"

    request = models.ForeignKey(ViewingRequest, on_delete=models.PROTECT, related_name="stops")
    reason = models.CharField(max_length=15, choices=Reason.choices)
    stopped_on = models.DateField()
    resumed_on = models.DateField(null=True, blank=True)

    objects = through("request").as_manager()

    class Meta:
        ordering = ["stopped_on"]


class Redaction(models.Model):
    request = models.ForeignKey(ViewingRequest, on_delete=models.PROTECT, related_name="redactions")
    what = models.CharField(max_length=300, help_text="What was masked (third parties, vehicle plates...)")
    method = models.CharField(max_length=300, help_text="How (blur, pixelation, black box; tool and version)")
    copy_sha256 = models.CharField(max_length=64, blank=True, help_text="The redacted working copy")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    objects = through("request").as_manager()
