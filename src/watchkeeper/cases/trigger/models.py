"""An ASB case review (Community Trigger), one per application, on a case of kind "trigger"."""

from django.db import models

from watchkeeper.cases.core.models import Case, CasePartQuerySet


class Review(models.Model):
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="trigger_review")
    applicant = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="+")
    applied_on = models.DateField()
    step = models.CharField(max_length=12, default="application")
    qualifying = models.PositiveSmallIntegerField(default=0)
    threshold_met = models.BooleanField(null=True)
    told_of_right_on = models.DateField(null=True, blank=True)
    invited_on = models.DateField(null=True, blank=True)
    invitation_accepted = models.BooleanField(null=True)
    decision_due = models.DateField()
    decided_on = models.DateField(null=True, blank=True)
    review_due = models.DateField()
    meeting_on = models.DateField(null=True, blank=True)
    recommendations = models.TextField(blank=True)
    appealed_on = models.DateField(null=True, blank=True)
    appeal_due = models.DateField(null=True, blank=True)
    appeal_outcome = models.CharField(max_length=300, blank=True)

    objects = CasePartQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["applied_on"], name="cases_trigger_year")]
