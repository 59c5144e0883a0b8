"""A shift's hotspot tasks: where to be, which team, in what order, by when, and for how long."""

from django.db import models

from watchkeeper.core.visibility import through


class ShiftTask(models.Model):
    class Source(models.TextChoices):
        FORECAST = "forecast", "Validated forecast (intel tasking)"
        DEMAND = "demand", "Control-room demand"
        CASE = "case", "Open ASB cases"

    shift = models.ForeignKey("patrol.Shift", on_delete=models.CASCADE, related_name="tasks")
    team = models.CharField(max_length=10, choices=[("foot", "Foot patrol"), ("vehicle", "Hot-spot vehicle")])
    round = models.PositiveIntegerField()
    position = models.PositiveIntegerField(help_text="Order within the team's round (randomised, seeded)")
    hotspot = models.CharField(max_length=60, help_text="Which hotspot (the same key in every round)")
    source = models.CharField(max_length=10, choices=Source.choices)
    cell = models.ForeignKey("intel.TaskedCell", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The open ASB cases behind a "case" task, for the council's own look-ups: never in the task's
    # rows, pages or log (the officer sees the street and ward; the case keeps its own visibility).
    cases = models.JSONField(default=list, blank=True)
    street = models.CharField(max_length=200, blank=True)
    ward = models.ForeignKey("core.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    lat = models.FloatField()
    lon = models.FloatField()
    due_from = models.DateTimeField()
    due_by = models.DateTimeField()
    dwell_target_minutes = models.PositiveIntegerField()
    visit = models.OneToOneField("patrol.Visit", null=True, blank=True, on_delete=models.PROTECT, related_name="task")

    objects = through("shift").as_manager()

    class Meta:
        ordering = ["shift", "team", "round", "position"]
        constraints = [
            models.UniqueConstraint(fields=["shift", "team", "round", "position"], name="patrol_task_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.street or self.hotspot} ({self.get_team_display()}, round {self.round})"

    def status(self, now) -> str:
        if self.visit_id:
            return "attended"
        return "missed" if self.due_by <= now else "due"
