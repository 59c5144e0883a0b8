"""Incidents and their append-only timeline. The timeline (IncidentEvent) is the source of truth
for response-time figures; the columns on Incident are the current state, kept for fast lists."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from watchkeeper.core.visibility import PartnershipQuerySet, through


class IncidentQuerySet(PartnershipQuerySet):
    """Partnership-scoped; district-bound users see their district (core.visibility)."""


# Everything hanging off an incident is visible exactly when the incident is.
ByIncident = through("incident")


class DailyCounter(models.Model):
    """The last reference number issued for a partnership on a (Europe/London) day. Intake locks the
    row (select_for_update) inside its transaction, so numbers are unique under concurrency."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "day"], name="one_counter_per_day")]


class Incident(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        CANCELLED = "cancelled", "Cancelled"

    class Command(models.TextChoices):
        BOROUGH = "borough", "Borough (duty officer)"
        INSPECTOR = "inspector", "Control-room inspector"

    class Escalation(models.TextChoices):
        NONE = "none", "None"
        CRITICAL = "critical", "Critical"
        MAJOR = "major", "Major"

    class Accuracy(models.TextChoices):
        ADDRESS = "address", "Address"
        MAP = "map", "Map click"
        COORDINATES = "coordinates", "Coordinates given"
        APPROXIMATE = "approximate", "Approximate"

    class Resolution(models.TextChoices):
        KNOWLEDGE_BASE = "knowledge_base", "Knowledge-base answer"
        TELEPHONE = "telephone", "Telephone investigation"
        REFERRAL = "referral", "Referred to a partner agency"

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=16, db_index=True, help_text="NNNN/DDMMM, counter restarts daily")
    reference_day = models.DateField()
    number = models.PositiveIntegerField()
    received_at = models.DateTimeField(db_index=True, help_text="Call start")
    recorded_at = models.DateTimeField(default=timezone.now)
    channel = models.ForeignKey("control.Channel", on_delete=models.PROTECT, related_name="+")
    caller = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    caller_phone = models.CharField(max_length=40, blank=True, db_index=True, help_text="Normalised digits")
    place = models.ForeignKey("core.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    location_text = models.CharField(max_length=300, blank=True)
    lat = models.FloatField()
    lon = models.FloatField()
    easting = models.FloatField()
    northing = models.FloatField()
    ward = models.ForeignKey("core.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    location_accuracy = models.CharField(max_length=12, choices=Accuracy.choices, default=Accuracy.COORDINATES)
    description = models.TextField(blank=True)
    category = models.ForeignKey("control.IncidentCategory", on_delete=models.PROTECT, related_name="+")
    asb_qualifier = models.CharField(max_length=16, blank=True)
    grade = models.ForeignKey("control.Grade", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    required_skills = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    command = models.CharField(max_length=10, choices=Command.choices, default=Command.BOROUGH)
    commander = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    escalation = models.CharField(max_length=10, choices=Escalation.choices, default=Escalation.NONE)
    resolution = models.CharField(max_length=20, choices=Resolution.choices, blank=True)
    referred_agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closing_category = models.ForeignKey(
        "control.IncidentCategory", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closing_code = models.ForeignKey(
        "control.ClosingCode", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closing_qualifiers = models.JSONField(default=list, blank=True)
    result = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    master = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates")
    # Historical imports: idempotent on (partnership, source, external_id).
    source = models.CharField(max_length=40, blank=True)
    external_id = models.CharField(max_length=60, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference_day", "number"], name="unique_incident_reference"
            ),
            models.UniqueConstraint(
                fields=["partnership", "source", "external_id"],
                condition=~Q(external_id=""),
                name="unique_imported_incident",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "status", "received_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class IncidentEvent(models.Model):
    """One line of an incident's timeline. Append-only: rows are never changed or deleted."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        GRADED = "graded", "Graded"
        REGRADED = "regraded", "Regraded"
        THRIVE = "thrive", "THRIVE assessment"
        LINKED = "linked", "Duplicate linked"
        ASSIGNED = "assigned", "Unit assigned"
        UNIT_STATUS = "unit_status", "Unit status"
        NOTE = "note", "Note"
        COMMAND_TAKEN = "command_taken", "Command taken"
        COMMAND_RETURNED = "command_returned", "Command returned"
        ESCALATED = "escalated", "Escalated"
        SUPERVISION_FLAGGED = "supervision_flagged", "Flagged for supervision"
        REVIEWED = "reviewed", "Supervisor review"
        RESOLVED = "resolved", "Resolved without deployment"
        CLOSED = "closed", "Closed"
        CANCELLED = "cancelled", "Cancelled"
        SNT_AUTHORISED = "snt_authorised", "SNT officer authorised out of ward"

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=150, blank=True)
    payload = models.JSONField(default=dict, blank=True)

    objects = ByIncident.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["incident", "at"]), models.Index(fields=["kind", "at"])]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Timeline events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Timeline events cannot be deleted.")


class ThriveAssessment(models.Model):
    """THRIVE for one grading decision (redone on every regrade)."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="assessments")
    grade = models.ForeignKey("control.Grade", on_delete=models.PROTECT, related_name="+")
    suggested_grade = models.CharField(max_length=8, blank=True)
    threat = models.CharField(max_length=500, blank=True)
    harm = models.CharField(max_length=500, blank=True)
    risk = models.CharField(max_length=500, blank=True)
    investigation = models.CharField(max_length=500, blank=True)
    vulnerability = models.CharField(max_length=500, blank=True)
    engagement = models.CharField(max_length=500, blank=True)
    rationale = models.TextField()
    assessed_by = models.ForeignKey("core.User", null=True, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(default=timezone.now)

    objects = ByIncident.as_manager()

    class Meta:
        ordering = ["assessed_at", "pk"]


class DecisionLog(models.Model):
    """Command decisions with their rationale (taking/returning command, escalation)."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="decisions")
    at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey("core.User", null=True, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=40)
    rationale = models.TextField()

    objects = ByIncident.as_manager()

    class Meta:
        ordering = ["at", "pk"]


class SupervisionReview(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Completed"

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="reviews")
    reason = models.CharField(max_length=200)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    completed_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    objects = ByIncident.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
