"""Roster rules (rule data with effective dates) and saved rosters (partnership data)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from watchkeeper.core.visibility import PartnershipQuerySet
from watchkeeper.planning.rules_data import RuleQuerySet


class Team(models.TextChoices):
    CALL_HANDLERS = "call_handlers", "Call handlers"
    CCTV_OPERATORS = "cctv_operators", "CCTV operators"
    PATROL = "patrol", "Patrol officers"


class RosterRule(models.Model):
    """Working-time rules for a team's rosters: shift length, rest, weekly hours and, for the patrol
    contract, the hours of the day shifts must fall in (16:00-03:00 by default)."""

    team = models.CharField(max_length=16, choices=Team.choices)
    shift_hours = models.PositiveSmallIntegerField(default=8)
    min_rest_hours = models.PositiveSmallIntegerField(default=11)
    max_average_week_hours = models.PositiveSmallIntegerField(default=48)
    reference_weeks = models.PositiveSmallIntegerField(
        default=17, help_text="Weeks the average week is taken over (Working Time Regulations 1998, reg. 4: 17)"
    )
    window_start_hour = models.PositiveSmallIntegerField(null=True, blank=True, help_text="e.g. 16 for 16:00")
    window_end_hour = models.PositiveSmallIntegerField(null=True, blank=True, help_text="e.g. 3 for 03:00")
    effective_from = models.DateField()
    source = models.CharField(max_length=200, blank=True)

    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["team", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["team", "effective_from"], name="planning_rosterrule_from")]

    def __str__(self) -> str:
        return f"{self.get_team_display()} rules from {self.effective_from}"

    def clean(self):
        if not 1 <= self.shift_hours <= 24:
            raise ValidationError("A shift is 1 to 24 hours.")
        if not 1 <= self.reference_weeks <= 52:
            raise ValidationError("The reference period is 1 to 52 weeks.")
        if (self.window_start_hour is None) != (self.window_end_hour is None):
            raise ValidationError("Give both ends of the service window, or neither.")
        for hour in (self.window_start_hour, self.window_end_hour):
            if hour is not None and not 0 <= hour <= 23:
                raise ValidationError("Window hours are 0 to 23.")


class Roster(models.Model):
    """A week's shifts for a team, solved to cover the requirement (planning.rosters.solver)."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    team = models.CharField(max_length=16, choices=Team.choices)
    week_start = models.DateField(help_text="The Monday the roster starts")
    weeks = models.PositiveSmallIntegerField(default=1, help_text="Weeks in the roster's cycle (it repeats)")
    staff = models.PositiveSmallIntegerField()
    # hourly requirement (168 values a week of the cycle, Monday 00:00 first), the shifts
    # [{person, week, day, start_hour, hours}], the hourly cover the shifts give, and the solver's status.
    requirement = models.JSONField(default=list)
    shifts = models.JSONField(default=list)
    cover = models.JSONField(default=list)
    status = models.CharField(max_length=20)
    shortfall_hours = models.FloatField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-week_start", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_team_display()}, week of {self.week_start})"
