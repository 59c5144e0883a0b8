"""MARAC referrals (on a case of kind "marac"): route, level, repeat flag, IDVA, meeting."""

from django.db import models

from watchkeeper.cases.core.models import Case, CasePartQuerySet


class Referral(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="marac_referrals")
    victim = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="+")
    route = models.CharField(max_length=24)
    level = models.CharField(max_length=10)
    reason = models.CharField(max_length=500, blank=True)
    assessment = models.ForeignKey(
        "cases.RiskAssessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referring_agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    referred_on = models.DateField()
    repeat = models.BooleanField(default=False)
    idva = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey("cases.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = CasePartQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-id"]
        indexes = [models.Index(fields=["victim", "referred_on"], name="cases_marac_repeat")]
