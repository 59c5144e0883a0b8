"""Prospective patrol tasking: cells the forecast ranks highest, and the visits patrols record."""

from django.conf import settings
from django.db import models

from watchkeeper.core.visibility import PartnershipQuerySet, through


class PatrolTasking(models.Model):
    class Method(models.TextChoices):
        BJP = "bjp", "Prospective (Bowers-Johnson-Pease)"
        SEPP = "sepp", "Self-exciting point process"

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    period_start = models.DateField()
    period_end = models.DateField()
    method = models.CharField(max_length=10, choices=Method.choices)
    category = models.CharField(max_length=80, blank=True)
    cell_m = models.PositiveIntegerField(default=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="intel_tasking_name")]

    def __str__(self) -> str:
        return self.name


class TaskedCell(models.Model):
    tasking = models.ForeignKey(PatrolTasking, on_delete=models.CASCADE, related_name="cells")
    rank = models.PositiveIntegerField()
    cell_id = models.BigIntegerField()
    lat = models.FloatField()
    lon = models.FloatField()
    risk = models.FloatField()

    objects = through("tasking").as_manager()  # visible with its tasking

    class Meta:
        ordering = ["tasking", "rank"]
        constraints = [models.UniqueConstraint(fields=["tasking", "rank"], name="intel_taskedcell_rank")]

    def __str__(self) -> str:
        return f"#{self.rank} ({self.lat:.5f}, {self.lon:.5f})"


class PatrolVisit(models.Model):
    cell = models.ForeignKey(TaskedCell, on_delete=models.PROTECT, related_name="visits")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    arrived_at = models.DateTimeField()
    left_at = models.DateTimeField()
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = through("cell").as_manager()  # visible with its cell, so its tasking

    class Meta:
        ordering = ["-arrived_at"]

    @property
    def minutes(self) -> float:
        return (self.left_at - self.arrived_at).total_seconds() / 60.0
