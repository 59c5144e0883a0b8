"""The disclosure list's filters (a GET form)."""

from __future__ import annotations

from django import forms

from watchkeeper.core.input import validate_plan_date
from watchkeeper.sharing.disclosures.queries import Filters


class DisclosureFilterForm(forms.Form):
    agreement = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Agreement relied on")
    recipient = forms.CharField(max_length=100, required=False, label="Recipient (name, organisation or agency)")
    start = forms.DateField(required=False, label="From (YYYY-MM-DD)", validators=[validate_plan_date])
    end = forms.DateField(required=False, label="To, inclusive (YYYY-MM-DD)", validators=[validate_plan_date])

    def __init__(self, *args, agreements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].choices = [("", "Any")] + [(a.pk, str(a)) for a in agreements]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError("The end date is before the start date.")
        return data

    def filters(self) -> Filters:
        d = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return Filters(
            agreement=d.get("agreement"),
            recipient=(d.get("recipient") or "").strip(),
            start=d.get("start"),
            end=d.get("end"),
        )
