"""Call records from a phone system (one row per call offered: when, how long the caller waited,
answered or abandoned), loaded from CSV files so Erlang A's patience comes from the centre's own
callers and the abandonment actually seen can be shown beside the plan. No caller's number or name
is held: a record is a time, a wait and an outcome."""

from django.db import models

from watchkeeper.core.models.imports import FileImportRun
from watchkeeper.core.visibility import UndistrictedQuerySet
from watchkeeper.planning.staffing.models import ServiceTarget


class CallImportRun(FileImportRun):
    """One call-record file loaded into a partnership (all its lines, or none)."""

    class Meta:
        ordering = ["-started_at"]


class CallRecord(models.Model):
    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(CallImportRun, on_delete=models.PROTECT, related_name="records")
    queue = models.CharField(max_length=8, choices=ServiceTarget.Queue.choices)
    received_at = models.DateTimeField()
    waited_seconds = models.FloatField()
    abandoned = models.BooleanField()
    handled_seconds = models.FloatField(null=True, blank=True)

    objects = UndistrictedQuerySet.as_manager()

    class Meta:
        ordering = ["received_at"]
        indexes = [models.Index(fields=["partnership", "queue", "received_at"], name="planning_call_when")]

    def __str__(self) -> str:
        return f"{self.queue} call at {self.received_at:%Y-%m-%d %H:%M}"
