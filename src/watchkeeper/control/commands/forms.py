"""The command line's form: the line typed, the incident page's own incident, the close confirmation."""

from django import forms


class CommandForm(forms.Form):
    line = forms.CharField(max_length=600, strip=True)
    incident = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    confirm = forms.BooleanField(required=False)
