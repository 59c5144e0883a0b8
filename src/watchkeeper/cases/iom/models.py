"""IOM cohort membership (fixed, flex, free) on a case of kind "iom"."""

from django.db import models

from watchkeeper.cases.core.models import Case, CasePartQuerySet


class Membership(models.Model):
    class Cohort(models.TextChoices):
        FIXED = "fixed", "Fixed"
        FLEX = "flex", "Flex"
        FREE = "free", "Free"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="iom_memberships")
    offender = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="+")
    cohort = models.CharField(max_length=6, choices=Cohort.choices)
    reason = models.CharField(max_length=300)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    plan = models.TextField(blank=True)
    engagement = models.CharField(max_length=20, default="engaging")

    objects = CasePartQuerySet.as_manager()
