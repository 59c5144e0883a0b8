"""Service-level targets for the queues the control room answers: rule data with effective dates."""

from django.core.exceptions import ValidationError
from django.db import models

from watchkeeper.planning.rules_data import RuleQuerySet


class ServiceTarget(models.Model):
    """Answer `service_level` of `queue`'s calls within `answer_seconds` (999: 90% in 10 s)."""

    class Queue(models.TextChoices):
        EMERGENCY = "999", "999 emergency calls"
        NON_EMERGENCY = "101", "101 non-emergency calls"
        CCTV = "cctv", "CCTV operators' monitoring requests"

    queue = models.CharField(max_length=8, choices=Queue.choices)
    answer_seconds = models.PositiveIntegerField()
    service_level = models.FloatField(help_text="Share answered within the answer time, e.g. 0.9")
    max_occupancy = models.FloatField(default=0.85, help_text="Most of an agent's time on calls, e.g. 0.85")
    shrinkage = models.FloatField(default=0.3, help_text="Share of paid time not available: breaks, training, absence")
    patience_seconds = models.PositiveIntegerField(
        null=True, blank=True, help_text="Mean caller patience for Erlang A; blank: Erlang C (no abandonment)"
    )
    effective_from = models.DateField()
    source = models.CharField(max_length=200, blank=True)

    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["queue", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["queue", "effective_from"], name="planning_target_from")]

    def __str__(self) -> str:
        return f"{self.queue}: {self.service_level:.0%} in {self.answer_seconds} s from {self.effective_from}"

    def clean(self):
        if not 0 < self.service_level < 1:
            raise ValidationError("The service level is a share between 0 and 1 (0.9 for 90%).")
        if not 0 < self.max_occupancy <= 1:
            raise ValidationError("The occupancy cap is above 0 and at most 1.")
        if not 0 <= self.shrinkage < 1:
            raise ValidationError("Shrinkage is a share from 0 up to (not including) 1.")
