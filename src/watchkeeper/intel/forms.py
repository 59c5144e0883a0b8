"""Form fields shared by the intelligence pages."""

from __future__ import annotations

from django import forms

from watchkeeper.intel.crime import rules


class MonthField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        month = rules.parse_month(value[:7])
        if month is None:
            raise forms.ValidationError("Enter a month as YYYY-MM.")
        return month
