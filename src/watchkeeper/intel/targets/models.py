"""Baselines and reduction targets: reference rows an analyst sets for a partnership."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from watchkeeper.core.visibility import PartnershipQuerySet


class Baseline(models.Model):
    """A reference period (whole months) that targets are measured against."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    start_month = models.DateField()
    end_month = models.DateField()  # inclusive: the first day of the baseline's last month

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-start_month"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="intel_baseline_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.start_month:%Y-%m} to {self.end_month:%Y-%m})"

    def clean(self):
        if self.start_month and self.end_month and self.end_month < self.start_month:
            raise ValidationError("The baseline must end on or after its first month.")

    @property
    def months(self) -> int:
        return (self.end_month.year - self.start_month.year) * 12 + self.end_month.month - self.start_month.month + 1


class Target(models.Model):
    """Reduce `category` (blank = all crime) by `reduction_percent` in the target period vs the baseline."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    baseline = models.ForeignKey(Baseline, null=True, blank=True, on_delete=models.PROTECT, related_name="targets")
    category = models.CharField(max_length=80, blank=True)
    reduction_percent = models.FloatField()
    period_start = models.DateField()
    period_end = models.DateField()  # inclusive month
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["category", "period_start"]

    def __str__(self) -> str:
        return f"{self.category or 'All crime'} -{self.reduction_percent:g}%"

    def clean(self):
        if self.baseline_id is None:
            raise ValidationError("A target needs a baseline to be measured against.")
        if self.period_end < self.period_start:
            raise ValidationError("The target period must end on or after its first month.")
        if not -100 < self.reduction_percent < 100:
            raise ValidationError("The reduction must be between -100% and 100%.")
