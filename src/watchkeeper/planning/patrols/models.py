"""The patrol response target: rule data with effective dates. How many patrol units an hour needs
is the fewest that reach `share` of the hour's calls within `travel_seconds` with no unit busy more
than `max_workload` of the time (planning.patrols.requirement)."""

from django.core.exceptions import ValidationError
from django.db import models

from watchkeeper.planning.rules_data import RuleQuerySet


class PatrolTarget(models.Model):
    travel_seconds = models.PositiveIntegerField(help_text="Travel time to the scene, e.g. 600 for 10 minutes")
    share = models.FloatField(help_text="Share of calls reached within the travel time, e.g. 0.8")
    max_workload = models.FloatField(
        default=0.6, help_text="Most of a unit's time on calls (the rest patrolling), e.g. 0.6"
    )
    effective_from = models.DateField(unique=True)
    source = models.CharField(max_length=200, blank=True)

    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.share:.0%} of calls reached within {self.travel_seconds // 60} min from {self.effective_from}"

    def clean(self):
        if not 0 < self.share < 1:
            raise ValidationError("The share is between 0 and 1 (0.8 for 80%).")
        if not 0 < self.max_workload < 1:
            raise ValidationError("The workload cap is between 0 and 1.")
        if self.travel_seconds < 1:
            raise ValidationError("The travel time is at least one second.")
