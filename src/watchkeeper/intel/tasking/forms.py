"""Forms for patrol taskings and visits."""

from __future__ import annotations

from django import forms


class TaskingForm(forms.Form):
    name = forms.CharField(max_length=120)
    method = forms.ChoiceField(choices=[("bjp", "Prospective (Bowers-Johnson-Pease)"), ("sepp", "Self-exciting")])
    period_start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    category = forms.CharField(max_length=80, required=False)
    cells = forms.IntegerField(min_value=1, max_value=100, initial=20)


class VisitForm(forms.Form):
    cell = forms.IntegerField(min_value=1, max_value=2**62)
    arrived_at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    left_at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
