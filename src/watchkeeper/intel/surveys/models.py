"""Community survey answers (public confidence, feeling safe), one row per respondent and question."""

from django.db import models

from watchkeeper.core.visibility import PartnershipQuerySet


class SurveyResponse(models.Model):
    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ward = models.ForeignKey("core.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ward_name = models.CharField(max_length=120)
    respondent = models.CharField(max_length=80)
    date = models.DateField()
    question = models.CharField(max_length=200)
    answer = models.CharField(max_length=10)  # "yes"/"no" or "1".."5"
    # A positive answer: yes, or 4-5 on a five-point scale (agree / strongly agree).
    positive = models.BooleanField()
    synthetic = models.BooleanField(default=False)  # the demo's generated survey: labelled in the UI

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "respondent", "date", "question"], name="intel_survey_natural_key"
            ),
        ]
