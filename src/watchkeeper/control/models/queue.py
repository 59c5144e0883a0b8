"""A user's saved incident-list views (filters, sort and search as a query string)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class SavedViewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A saved view is its owner's alone."""
        return self.filter(user_id=user.pk) if getattr(user, "pk", None) else self.none()


class SavedIncidentView(models.Model):
    user = models.ForeignKey("core.User", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=60)
    query = models.CharField(max_length=500, help_text="The incident list's filters as a query string")
    created_at = models.DateTimeField(default=timezone.now)

    objects = SavedViewQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_view_name_per_user")]

    def __str__(self) -> str:
        return self.name
