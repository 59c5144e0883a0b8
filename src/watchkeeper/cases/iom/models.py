"""IOM: cohort membership (fixed, flex, free) with the reason for selection, on a case of kind
"iom"; the intervention plan (each revision kept) and engagement records."""

from django.db import models

from watchkeeper.cases.core.models import Case, CasePartQuerySet


class MembershipPartQuerySet(CasePartQuerySet):
    """Plans and engagement: visible exactly when their membership's case is."""

    case_path = "membership__case__"


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
    left_reason = models.CharField(max_length=300, blank=True)
    plan = models.TextField(blank=True)
    engagement = models.CharField(max_length=20, default="engaging")

    objects = CasePartQuerySet.as_manager()

    class Meta:
        ordering = ["-joined_on", "-id"]


class Plan(models.Model):
    """One revision of the assessed intervention plan: pathways, each an intervention by an
    agency. The newest is the plan in force; earlier ones stay as the record of what was agreed."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="plans")
    pathways = models.JSONField(help_text='[{"pathway": "accommodation", "intervention": "...", "agency": "..."}]')
    agreed_on = models.DateField()
    review_on = models.DateField()
    recorded_by = models.ForeignKey("core.User", null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    objects = MembershipPartQuerySet.as_manager()

    class Meta:
        ordering = ["-agreed_on", "-id"]


class Engagement(models.Model):
    class Kind(models.TextChoices):
        APPOINTMENT = "appointment", "Appointment"
        HOME_VISIT = "home_visit", "Home visit"
        INTERVENTION = "intervention", "Intervention session"
        CONTACT = "contact", "Other contact"

    class Outcome(models.TextChoices):
        ENGAGED = "engaged", "Engaged"
        MISSED = "missed", "Missed"
        REFUSED = "refused", "Refused"

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="engagements")
    on = models.DateField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey("core.User", null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    objects = MembershipPartQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-id"]
