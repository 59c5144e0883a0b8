"""Units (all resource types, as in the seed's Resource Display Window), their status history, and
assignments to incidents."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from watchkeeper.core.visibility import PartnershipQuerySet, through


class UnitQuerySet(PartnershipQuerySet):
    """Partnership-scoped; district-bound users see their district (core.visibility)."""


# A unit's history is visible with the unit; despatch records with the incident they belong to.
ByUnit = through("unit")
ByIncident = through("incident")


class Unit(models.Model):
    class Kind(models.TextChoices):
        RESPONSE = "response", "Response car"
        SNT = "snt", "Safer Neighbourhood officer"
        FOOT_PATROL = "foot_patrol", "Patrol contractor foot patrol"
        HOT_SPOT = "hot_spot", "Hot-spot vehicle"
        SPECIAL = "special", "Special constable"
        CCTV = "cctv", "CCTV"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        AVAILABLE = "available", "Available"
        EN_ROUTE = "en_route", "En route"
        AT_SCENE = "at_scene", "At scene"
        UNAVAILABLE = "unavailable", "Unavailable"
        OFF_DUTY = "off_duty", "Off duty"

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    call_sign = models.CharField(max_length=20)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    agency = models.ForeignKey("core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    skills = models.JSONField(default=list, blank=True, help_text="Skills and equipment, e.g. ['taser', 'first aid']")
    home_ward = models.ForeignKey(
        "core.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="SNT: ring-fenced"
    )
    shift_start = models.TimeField(null=True, blank=True)
    shift_end = models.TimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OFF_DUTY, db_index=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    position_at = models.DateTimeField(null=True, blank=True)
    officer = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="units", help_text="Field login"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["call_sign"]
        constraints = [models.UniqueConstraint(fields=["partnership", "call_sign"], name="unique_call_sign")]

    def __str__(self) -> str:
        return self.call_sign

    @property
    def ring_fenced(self) -> bool:
        return self.kind == self.Kind.SNT and self.home_ward_id is not None


class UnitStatusChange(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="status_changes")
    at = models.DateTimeField(default=timezone.now)
    status_from = models.CharField(max_length=12)
    status_to = models.CharField(max_length=12)
    actor = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey("control.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)

    objects = ByUnit.as_manager()

    class Meta:
        ordering = ["at", "pk"]


class SntAuthorisation(models.Model):
    """A duty officer's recorded authorisation to send an SNT officer out of their home ward."""

    incident = models.ForeignKey("control.Incident", on_delete=models.PROTECT, related_name="snt_authorisations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    authorised_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=300)

    objects = ByIncident.as_manager()


class Assignment(models.Model):
    """A unit sent to an incident. A unit has at most one open assignment (database constraint)."""

    incident = models.ForeignKey("control.Incident", on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assignments")
    despatched_at = models.DateTimeField(default=timezone.now)
    despatched_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    en_route_at = models.DateTimeField(null=True, blank=True)
    arrived_at = models.DateTimeField(null=True, blank=True)
    cleared_at = models.DateTimeField(null=True, blank=True)
    estimate_seconds = models.FloatField(null=True, blank=True)
    estimate_method = models.CharField(max_length=40, blank=True)
    authorisation = models.ForeignKey(
        SntAuthorisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ByIncident.as_manager()

    class Meta:
        ordering = ["despatched_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit"], condition=Q(cleared_at__isnull=True), name="one_open_assignment")
        ]
