"""Forms for patrol taskings and visits."""

from __future__ import annotations

from django import forms

from watchkeeper.core.input import MAX_ID, validate_plan_date, validate_recent_timestamp


class TaskingForm(forms.Form):
    name = forms.CharField(max_length=120)
    method = forms.ChoiceField(choices=[("bjp", "Prospective (Bowers-Johnson-Pease)"), ("sepp", "Self-exciting")])
    period_start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), validators=[validate_plan_date])
    period_end = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), validators=[validate_plan_date])
    category = forms.CharField(max_length=80, required=False)
    cells = forms.IntegerField(min_value=1, max_value=100, initial=20)


class VisitForm(forms.Form):
    cell = forms.IntegerField(min_value=1, max_value=MAX_ID)
    arrived_at = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), validators=[validate_recent_timestamp]
    )
    left_at = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), validators=[validate_recent_timestamp]
    )
    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
