"""The operator's incident log: what was seen, where, on which cameras, who was told and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from watchkeeper.core.visibility import PartnershipQuerySet, through


class LogEntry(models.Model):
    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=30)
    occurred_at = models.DateTimeField()
    recorded_at = models.DateTimeField()
    location = models.CharField(max_length=300)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    cameras = models.ManyToManyField("cctv.Camera", related_name="log_entries")
    # The control room's incident category code (control.IncidentCategory), so a raised incident
    # and the log agree on what it was.
    kind = models.CharField(max_length=40)
    narrative = models.TextField()
    footage_start = models.DateTimeField(null=True, blank=True)
    footage_end = models.DateTimeField(null=True, blank=True)
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey("control.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at"]
        constraints = [models.UniqueConstraint(fields=["partnership", "reference"], name="cctv_log_reference")]

    def __str__(self) -> str:
        return self.reference


class AgencyNotice(models.Model):
    entry = models.ForeignKey(LogEntry, on_delete=models.PROTECT, related_name="notices")
    agency = models.CharField(max_length=120)
    their_reference = models.CharField(max_length=60, blank=True)
    notified_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    is_police = models.BooleanField(default=False)
    # The sharing agreement the information went under (its disclosure is in the sharing record).
    agreement = models.ForeignKey(
        "sharing.SharingAgreement", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = through("entry").as_manager()

    class Meta:
        ordering = ["notified_at"]

    @property
    def response_minutes(self) -> int | None:
        """Minutes from telling the agency to its response (None until it responds)."""
        if self.responded_at is None:
            return None
        return int((self.responded_at - self.notified_at).total_seconds() // 60)
