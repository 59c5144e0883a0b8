"""Prospective patrol tasking: cells the forecast ranks highest, and the visits patrols record."""

from django.conf import settings
from django.db import models

from watchkeeper.intel.crime.models import scoped


class TaskingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoped(self, user)


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

    objects = TaskingQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="intel_tasking_name")]

    def __str__(self) -> str:
        return self.name


class TaskedCellQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(tasking__in=PatrolTasking.objects.visible_to(user))


class TaskedCell(models.Model):
    tasking = models.ForeignKey(PatrolTasking, on_delete=models.CASCADE, related_name="cells")
    rank = models.PositiveIntegerField()
    cell_id = models.BigIntegerField()
    lat = models.FloatField()
    lon = models.FloatField()
    risk = models.FloatField()

    objects = TaskedCellQuerySet.as_manager()

    class Meta:
        ordering = ["tasking", "rank"]
        constraints = [models.UniqueConstraint(fields=["tasking", "rank"], name="intel_taskedcell_rank")]

    def __str__(self) -> str:
        return f"#{self.rank} ({self.lat:.5f}, {self.lon:.5f})"


class PatrolVisitQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(cell__tasking__in=PatrolTasking.objects.visible_to(user))


class PatrolVisit(models.Model):
    cell = models.ForeignKey(TaskedCell, on_delete=models.PROTECT, related_name="visits")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    arrived_at = models.DateTimeField()
    left_at = models.DateTimeField()
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = PatrolVisitQuerySet.as_manager()

    class Meta:
        ordering = ["-arrived_at"]

    @property
    def minutes(self) -> float:
        return (self.left_at - self.arrived_at).total_seconds() / 60.0
