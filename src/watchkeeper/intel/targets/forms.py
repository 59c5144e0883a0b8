"""Forms for baselines and targets."""

from __future__ import annotations

from django import forms

from watchkeeper.intel.forms import MonthField


class BaselineForm(forms.Form):
    name = forms.CharField(max_length=120)
    start_month = MonthField(widget=forms.TextInput(attrs={"type": "month"}))
    end_month = MonthField(widget=forms.TextInput(attrs={"type": "month"}))


class TargetForm(forms.Form):
    baseline = forms.IntegerField(required=False, min_value=1, max_value=2**62)
    category = forms.CharField(max_length=80, required=False)
    reduction_percent = forms.FloatField(min_value=-99, max_value=99)
    period_start = MonthField(widget=forms.TextInput(attrs={"type": "month"}))
    period_end = MonthField(widget=forms.TextInput(attrs={"type": "month"}))
