"""Form fields shared by the intelligence pages."""

from __future__ import annotations

from django import forms

from watchkeeper.core.input import validate_plan_date
from watchkeeper.intel.crime import rules


class MonthField(forms.CharField):
    default_validators = [validate_plan_date]  # the month's first day: 2000 to a few years ahead

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        month = rules.parse_month(value[:7])
        if month is None:
            raise forms.ValidationError("Enter a month as YYYY-MM.")
        return month
