"""ANPR reads (plate, time, site, direction, speed) and their import runs; rule data by date."""

from django.core.exceptions import ValidationError
from django.db import models

from watchkeeper.core.visibility import UndistrictedQuerySet, through
from watchkeeper.patrol.reference import ReferenceQuerySet


class AnprRules(models.Model):
    """Enforcement rule data with an effective date (editable in the admin, seeded by migration):
    the NPCC threshold (limit + 10% + 2 mph), the 6-month window and retention (seed 004), the
    calibration tolerance (under 1 mph against police equipment) and how long a check lasts."""

    effective_from = models.DateField(unique=True)
    threshold_percent = models.FloatField(default=10.0)
    threshold_plus_mph = models.FloatField(default=2.0)
    window_days = models.PositiveIntegerField(default=183, help_text="A repeat within this counts (6 months)")
    purge_days = models.PositiveIntegerField(default=183, help_text="History purged this long after the last offence")
    watch_review_days = models.PositiveIntegerField(default=28)
    calibration_tolerance_mph = models.FloatField(default=1.0)
    calibration_valid_days = models.PositiveIntegerField(default=92)
    usual_window_minutes = models.PositiveIntegerField(default=60)
    max_speed_mph = models.PositiveIntegerField(default=150, help_text="Faster reads are refused as impossible")
    source = models.CharField(max_length=300, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name_plural = "ANPR rules"

    def __str__(self) -> str:
        return f"ANPR rules from {self.effective_from}"


class MappingProfile(models.Model):
    """A supplier's CSV layout: which column holds each field of a read. Shared reference data an
    administrator edits in the admin (validated: every required field named, no column twice);
    the shipped profiles are seeded by migration."""

    name = models.SlugField(max_length=60, unique=True)
    description = models.CharField(max_length=200, blank=True)
    plate_column = models.CharField(max_length=60)
    time_column = models.CharField(max_length=60, help_text="ISO 8601 date and time with Z or an offset")
    site_column = models.CharField(max_length=60, help_text="Holds the site's code")
    direction_column = models.CharField(max_length=60, blank=True, help_text="Optional")
    speed_column = models.CharField(max_length=60, help_text="Speed in mph (the camera's own spot speed)")
    average_column = models.CharField(
        max_length=60,
        blank=True,
        help_text="Optional: the section average speed in mph that a paired camera system gives with its "
        "second camera's read (the speed column then holds that camera's spot speed)",
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def columns(self) -> dict[str, str]:
        """Field -> column, as the parser reads it (direction and average only when named)."""
        found = {"plate": self.plate_column, "time": self.time_column, "site": self.site_column}
        found["speed"] = self.speed_column
        if self.direction_column.strip():
            found["direction"] = self.direction_column
        if self.average_column.strip():
            found["average"] = self.average_column
        return {k: v.strip() for k, v in found.items()}

    def clean(self):
        from watchkeeper.anpr.reads.rules import profile_problems

        columns = {
            "plate": self.plate_column,
            "time": self.time_column,
            "site": self.site_column,
            "direction": self.direction_column,
            "speed": self.speed_column,
            "average": self.average_column,
        }
        problems = profile_problems(columns)
        if problems:
            raise ValidationError({f"{field}_column": message for field, message in problems.items()})


class ImportRun(models.Model):
    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=200)
    profile = models.CharField(max_length=60)
    rows = models.PositiveIntegerField()
    actor_label = models.CharField(max_length=150)
    at = models.DateTimeField(auto_now_add=True)

    objects = UndistrictedQuerySet.as_manager()


class RoadwatchSession(models.Model):
    """A Community Roadwatch speed-gun session: volunteers with the police team at a site."""

    site = models.ForeignKey("anpr.Site", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField()
    team = models.CharField(max_length=200, help_text="Volunteers and the officer present")

    objects = through("site").as_manager()


class Read(models.Model):
    class Source(models.TextChoices):
        ANPR = "anpr", "ANPR camera"
        ROADWATCH = "roadwatch", "Community Roadwatch"
        AVERAGE = "average", "Paired cameras (average speed)"

    site = models.ForeignKey("anpr.Site", on_delete=models.CASCADE, related_name="reads")
    device = models.ForeignKey("anpr.Device", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    plate = models.CharField(max_length=8, db_index=True)
    seen_at = models.DateTimeField()
    direction = models.CharField(max_length=2, blank=True)
    speed_mph = models.FloatField(help_text="The spot speed (a paired-camera average: the section average)")
    # A paired camera system's section average given on the same line as its second camera's spot
    # speed (or worked out here by pairing): the ladder enforces whichever the site is set to.
    average_mph = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ANPR)
    run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(RoadwatchSession, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # An average-speed read (at a section's exit) names the entry read it was timed from.
    entry_read = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    objects = through("site").as_manager()

    class Meta:
        indexes = [models.Index(fields=["site", "seen_at"], name="anpr_read_site_time")]
