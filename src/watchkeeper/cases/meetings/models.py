"""Partnership meetings (JAG, ASB Forum, RVMP, MARAC, Channel panel): attendees, the agenda built
from cases due, minutes; actions agreed are case actions with `meeting` set."""

from django.db import models

from watchkeeper.core.models import Restricted
from watchkeeper.core.models.restriction import RestrictedQuerySet


class Meeting(Restricted):
    class Kind(models.TextChoices):
        JAG = "jag", "Joint Action Group"
        ASB_FORUM = "asb_forum", "ASB Forum"
        RVMP = "rvmp", "Risk and Vulnerability Management Panel"
        MARAC = "marac", "MARAC"
        CHANNEL = "channel", "Channel panel"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    held_at = models.DateTimeField()
    title = models.CharField(max_length=150)
    minutes = models.TextField(blank=True)
    attendees = models.ManyToManyField("core.User", blank=True, related_name="+")
    agenda = models.ManyToManyField("cases.Case", blank=True, related_name="meetings")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_at"]
