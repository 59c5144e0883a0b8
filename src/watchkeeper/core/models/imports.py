"""What every record of a loaded file shares (crime files, partner files): who loaded which file
(its SHA-256), when, and how it went. Each app's run adds its own counts and links."""

from django.conf import settings
from django.db import models

from watchkeeper.core.visibility import UndistrictedQuerySet


class FileImportRun(models.Model):
    """Abstract: one file loaded into a partnership. Runs belong to a partnership, not a district."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_bad = models.PositiveIntegerField(default=0)
    rows_new = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # [{"file", "line", "column", "problem"}], capped

    objects = UndistrictedQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"
