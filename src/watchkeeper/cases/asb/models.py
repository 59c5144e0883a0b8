"""ASB: complaints (from residents, partners and the control room), legal steps under the 2014
Act (and the 2026 Act's Respect Orders), and the PSPO register."""

from django.db import models

from watchkeeper.cases.core.models import Case, CasePartQuerySet
from watchkeeper.core.visibility import UndistrictedQuerySet


class Complaint(models.Model):
    class Source(models.TextChoices):
        RESIDENT = "resident", "Resident"
        PARTNER = "partner", "Partner agency"
        CONTROL_ROOM = "control_room", "Control-room incident"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="complaints")
    source = models.CharField(max_length=14, choices=Source.choices)
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    complainant = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    place = models.ForeignKey("core.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey("control.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    behaviour_on = models.DateField(help_text="When the behaviour happened")
    received_on = models.DateField(help_text="When it was reported")
    description = models.TextField()
    mediation_offered = models.BooleanField(default=False)

    objects = CasePartQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["complainant", "received_on"], name="cases_trigger_complainant"),
            models.Index(fields=["place", "received_on"], name="cases_complaint_place"),
        ]


class LegalStep(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="legal_steps")
    tool = models.CharField(max_length=20)
    taken_at = models.DateTimeField()
    subject = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ends_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    months = models.PositiveSmallIntegerField(null=True, blank=True)
    hours = models.PositiveSmallIntegerField(null=True, blank=True)
    fine = models.PositiveIntegerField(null=True, blank=True)
    senior_signoff = models.BooleanField(default=False)
    authorised_by = models.CharField(max_length=120, blank=True)
    details = models.TextField(blank=True)
    override_reason = models.CharField(max_length=500, blank=True)
    overridden_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey("core.User", null=True, on_delete=models.PROTECT, related_name="+")

    objects = CasePartQuerySet.as_manager()

    class Meta:
        ordering = ["taken_at", "id"]


class Pspo(models.Model):
    """A Public Spaces Protection Order: the council's, partnership-wide (no personal data)."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=150)
    area = models.JSONField(help_text="GeoJSON Polygon in WGS84")
    conditions = models.TextField()
    made_on = models.DateField()
    expires_on = models.DateField()
    created_by = models.ForeignKey("core.User", null=True, on_delete=models.PROTECT, related_name="+")

    objects = UndistrictedQuerySet.as_manager()

    class Meta:
        ordering = ["expires_on"]
