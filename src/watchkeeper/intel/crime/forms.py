"""The crime upload form."""

from __future__ import annotations

from django import forms


class UploadForm(forms.Form):
    partnership = forms.ChoiceField()
    street = forms.FileField(label="Street-level CSV (data.police.uk)")
    outcomes = forms.FileField(label="Outcomes CSV (optional)", required=False)

    def __init__(self, *args, partnerships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].choices = [(p.slug, p.name) for p in partnerships]
