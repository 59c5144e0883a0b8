"""Statutory limits, thresholds, fines and configurable targets as rows with an effective date.

The law moves (the Crime and Policing Act 2026 raised the CPN and PSPO fine cap from 100 to 500
pounds), so each value is a row: a change in law is a new row with its commencement date, never an
edit of code. Administrators edit them through the admin; migration 0002 seeds the defaults."""

from django.db import models
from django.db.models import QuerySet


class RuleQuerySet(QuerySet):
    def visible_to(self, user):
        """Rule data is law and partnership configuration, not personal data: any staff user."""
        from watchkeeper.core.visibility import is_staff_user

        return self if is_staff_user(user) else self.none()


class Rule(models.Model):
    name = models.SlugField(max_length=60)
    value = models.JSONField(help_text="A number, a list or a small object, as the rule needs.")
    unit = models.CharField(max_length=20, blank=True)
    effective_from = models.DateField()
    source = models.CharField(max_length=200, blank=True, help_text="Statute, guidance or local decision.")
    note = models.CharField(max_length=300, blank=True)

    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["name", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["name", "effective_from"], name="cases_rule_once_per_date")]

    def __str__(self) -> str:
        return f"{self.name} = {self.value} {self.unit} from {self.effective_from}"
