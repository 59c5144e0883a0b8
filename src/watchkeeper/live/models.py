"""The change feed that carries live-board messages between processes when the channel layer is
the embedded in-memory one (no REDIS_URL): a row per published message, read by every server
process that has boards open (live/feed.py). Rows are pruned after FEED_KEEP_MINUTES."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class LiveEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Messages of any partnership in transit between processes: read by no app route; each
        board's consumer filters what its viewer may see (control/consumers.py may_receive)."""
        return self.none()


class LiveEvent(models.Model):
    group = models.CharField(max_length=100)
    payload = models.JSONField()
    # Which process wrote it: that process delivered it to its own screens already.
    origin = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = LiveEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.group} #{self.pk}"
