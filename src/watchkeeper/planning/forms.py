"""Planning forms (HTML posts and the what-if query go through these, never hand-parsed)."""

from django import forms

from watchkeeper.planning.rosters.models import Team

HOURS = [(h, f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][h // 24]} {h % 24:02d}:00") for h in range(168)]


class WhatIfForm(forms.Form):
    hour_of_week = forms.TypedChoiceField(label="Hour of the week", choices=HOURS, coerce=int, initial=20 * 1 + 4 * 24)
    demand_percent = forms.FloatField(label="Demand (% of forecast)", min_value=0, max_value=1000, initial=100)
    agents = forms.IntegerField(
        label="Call handlers on the phones (blank: as planned)", min_value=0, max_value=2000, required=False
    )
    answer_seconds = forms.IntegerField(
        label="Answer within (seconds; blank: target)", min_value=0, max_value=3600, required=False
    )
    service_level_percent = forms.FloatField(
        label="Service level (%; blank: target)", min_value=1, max_value=99.99, required=False
    )
    units = forms.IntegerField(label="Patrol units (blank: all)", min_value=0, max_value=500, required=False)


class RosterForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120, required=False)
    team = forms.ChoiceField(label="Team", choices=Team.choices)
    staff = forms.IntegerField(label="People available", min_value=1, max_value=200, initial=20)
    week_start = forms.DateField(label="Week starting (a Monday)", widget=forms.DateInput(attrs={"type": "date"}))
    weeks = forms.IntegerField(
        label="Weeks in the cycle (it repeats; the 48-hour week is averaged over the reference period)",
        min_value=1,
        max_value=4,
        initial=1,
    )


class CallRecordsForm(forms.Form):
    file = forms.FileField(
        label="Call records (CSV: received_at, queue, waited_seconds, outcome, handled_seconds)",
        help_text="One line a call offered. Every line is checked; one bad line and nothing is loaded.",
    )
