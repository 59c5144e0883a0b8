"""Forms for analysts: uploads, baselines, targets, taskings, visits."""

from __future__ import annotations

from django import forms

from watchkeeper.intel import rules


class MonthField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        month = rules.parse_month(value[:7])
        if month is None:
            raise forms.ValidationError("Enter a month as YYYY-MM.")
        return month


class UploadForm(forms.Form):
    partnership = forms.ChoiceField()
    street = forms.FileField(label="Street-level CSV (data.police.uk)")
    outcomes = forms.FileField(label="Outcomes CSV (optional)", required=False)

    def __init__(self, *args, partnerships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].choices = [(p.slug, p.name) for p in partnerships]


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
