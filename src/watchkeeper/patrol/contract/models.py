"""The patrol contract, its performance indicators, and the service's rule data."""

from datetime import time

from django.db import models
from django.db.models import Q

from watchkeeper.core.visibility import UndistrictedQuerySet, through
from watchkeeper.patrol.reference import ReferenceQuerySet


class Contract(models.Model):
    """A contracted patrol service (Camden's Responsive Security Patrol) run by a contractor agency."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    contractor = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    starts_on = models.DateField()
    ends_on = models.DateField()
    # The service window in London local time; an end at or before the start crosses midnight.
    shift_start = models.TimeField(default=time(16, 0))
    shift_end = models.TimeField(default=time(3, 0))

    objects = UndistrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="patrol_contract_name")]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """One performance indicator of the contract. The volume of fixed penalties is reported, never
    a target (Defra statutory guidance, April 2026): the database refuses a target on it."""

    class Code(models.TextChoices):
        TASKS_ATTENDED = "tasks_attended", "Tasks attended (%)"
        DWELL_ACHIEVED = "dwell_achieved", "Visits meeting the dwell target (%)"
        CALL_RESPONSE = "call_response", "Incidents handed to police within 15 minutes (%)"
        COMPLAINTS = "complaints", "Complaints"
        APPEALS_UPHELD = "appeals_upheld", "Appeals upheld"
        CANCELLATIONS = "cancellations", "Notices cancelled"
        PAYMENT_RATE = "payment_rate", "Notices paid (%)"
        VIDEO_RUNNING = "video_running", "Notices issued with body-worn video running (%)"
        NOTICES_ISSUED = "notices_issued", "Fixed penalty notices issued (reported, never a target)"

    NEVER_TARGETED = (Code.NOTICES_ISSUED,)

    class Direction(models.TextChoices):
        AT_LEAST = "at_least", "At least"
        AT_MOST = "at_most", "At most"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=30, choices=Code.choices)
    target = models.FloatField(null=True, blank=True)
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.AT_LEAST)

    objects = through("contract").as_manager()

    class Meta:
        ordering = ["contract", "code"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "code"], name="patrol_indicator_once"),
            models.CheckConstraint(
                condition=~Q(code="notices_issued") | Q(target__isnull=True), name="patrol_no_fine_volume_target"
            ),
        ]

    def __str__(self) -> str:
        return self.get_code_display()


class PatrolRules(models.Model):
    """The service's rule data, by effective date (editable in the admin; seeded by migration):
    the hot-spot dwell target after Koper (10-15 minutes, roughly every 2 hours), how close counts
    as at a hotspot, and how early an accreditation or licence expiry is alerted."""

    effective_from = models.DateField(unique=True)
    dwell_min_minutes = models.PositiveIntegerField(default=10)
    dwell_max_minutes = models.PositiveIntegerField(default=15)
    revisit_minutes = models.PositiveIntegerField(default=120)
    hotspot_radius_m = models.PositiveIntegerField(default=75)
    position_gap_minutes = models.PositiveIntegerField(default=5, help_text="A longer gap ends a visit")
    foot_radius_m = models.PositiveIntegerField(default=800, help_text="Hotspots a foot patrol can walk between")
    expiry_alert_days = models.PositiveIntegerField(default=30)
    notice_payment_days = models.PositiveIntegerField(default=14)
    handover_target_minutes = models.PositiveIntegerField(default=15)
    source = models.CharField(max_length=300, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name_plural = "patrol rules"

    def __str__(self) -> str:
        return f"Patrol rules from {self.effective_from}"


class Complaint(models.Model):
    """A complaint about the patrol service (entered by the council's contract manager in the admin)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="complaints")
    received_on = models.DateField()
    summary = models.CharField(max_length=300)
    upheld = models.BooleanField(null=True, blank=True)

    objects = through("contract").as_manager()

    class Meta:
        ordering = ["-received_on"]
