"""Viewing and disclosure requests (police, insurers, solicitors, data subjects), the stops of a
subject-access clock, and the redaction record of what was masked before a copy went out."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from watchkeeper.core.visibility import PartnershipQuerySet, through


class DisclosureBasis(models.TextChoices):
    """The same codes as the sharing app's disclosure record (sharing.disclosures)."""

    LAW_ENFORCEMENT = "dpa_part3", "DPA 2018 Part 3: law enforcement"
    CRIME = "dpa_s2_p2", "DPA 2018 Sch. 2 para 2: crime and taxation"
    LEGAL = "dpa_s2_p5", "DPA 2018 Sch. 2 para 5: legal proceedings"
    SUBJECT_ACCESS = "art15", "UK GDPR Art. 15: subject access"
    PUBLIC_TASK = "art6_1e", "UK GDPR Art. 6(1)(e): public task"
    VITAL = "art6_1d", "UK GDPR Art. 6(1)(d): vital interests"
    CONSENT = "art6_1a", "UK GDPR Art. 6(1)(a): consent"


# The usual basis for each kind of requester (the form may say otherwise).
DEFAULT_BASIS = {
    "police": "dpa_part3",
    "insurer": "dpa_s2_p5",
    "solicitor": "dpa_s2_p5",
    "subject": "art15",
    "other": "art6_1e",
}


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
    lawful_basis = models.CharField(max_length=300, help_text="As the requester states it")
    # The basis a disclosure is recorded under (the sharing app's DisclosureBasis codes).
    disclosure_basis = models.CharField(max_length=12, choices=DisclosureBasis.choices)
    recipient_agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agreement = models.ForeignKey(
        "sharing.SharingAgreement", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
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
