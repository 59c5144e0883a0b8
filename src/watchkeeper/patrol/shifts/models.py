"""Shifts (one service night, 16:00-03:00 by default, crossing midnight) and who works them."""

from django.db import models

from watchkeeper.core.visibility import through


class Shift(models.Model):
    contract = models.ForeignKey("patrol.Contract", on_delete=models.PROTECT, related_name="shifts")
    service_date = models.DateField(help_text="The London date the shift starts on")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    seed = models.BigIntegerField(help_text="Seeds the randomised task order, so a plan can be reproduced")
    planned_at = models.DateTimeField(null=True, blank=True)

    objects = through("contract").as_manager()

    class Meta:
        ordering = ["-service_date"]
        constraints = [models.UniqueConstraint(fields=["contract", "service_date"], name="patrol_shift_night")]

    def __str__(self) -> str:
        return f"{self.contract} {self.service_date}"


class RosterEntry(models.Model):
    class Team(models.TextChoices):
        FOOT = "foot", "Foot patrol"
        VEHICLE = "vehicle", "Hot-spot vehicle"

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="roster")
    officer = models.ForeignKey("patrol.Officer", on_delete=models.PROTECT, related_name="+")
    team = models.CharField(max_length=10, choices=Team.choices)

    objects = through("shift").as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["shift", "officer"], name="patrol_roster_once")]
