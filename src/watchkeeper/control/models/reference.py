"""Control-room reference data an administrator edits: grade sets and grades, incident categories,
closing codes, channels, and the thresholds used at intake. Defaults are seeded by migration 0002."""

from django.db import models
from django.db.models import Q


class GradeSet(models.Model):
    """A force's grading scheme (Met I/S/E/R, or Grade 1-5). Exactly one set is active."""

    code = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["active"], condition=Q(active=True), name="one_active_grade_set")
        ]

    def __str__(self) -> str:
        return self.name


class Grade(models.Model):
    class ClockStart(models.TextChoices):
        RECEIVED = "received", "Call received"
        DESPATCHED = "despatched", "First despatch"

    grade_set = models.ForeignKey(GradeSet, on_delete=models.PROTECT, related_name="grades")
    code = models.CharField(max_length=8)
    label = models.CharField(max_length=60)
    rank = models.PositiveSmallIntegerField(default=1, help_text="1 = most urgent; orders grades for suggestions")
    immediate = models.BooleanField(
        default=False, help_text="Counts as 'Immediate' in the response-time figures (Met I, Grade 1)"
    )
    target_minutes = models.PositiveIntegerField(null=True, blank=True, help_text="Attendance target, urban wards")
    target_minutes_rural = models.PositiveIntegerField(null=True, blank=True, help_text="Attendance target, rural")
    clock_start = models.CharField(max_length=12, choices=ClockStart.choices, default=ClockStart.RECEIVED)
    attend = models.BooleanField(default=True, help_text="False: resolved without deployment (e.g. Referred)")

    class Meta:
        ordering = ["grade_set", "rank"]
        constraints = [models.UniqueConstraint(fields=["grade_set", "code"], name="unique_grade_code_per_set")]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    def target_for(self, rural: bool) -> int | None:
        return self.target_minutes_rural if rural and self.target_minutes_rural else self.target_minutes


class CategoryGroup(models.TextChoices):
    """National Incident Category List groups."""

    PUBLIC_SAFETY = "public_safety", "Public Safety & Welfare"
    CRIME = "crime", "Crime"
    ASB = "asb", "Anti-social behaviour"
    TRANSPORT = "transport", "Transport"
    ADMINISTRATION = "administration", "Administration"


class AsbQualifier(models.TextChoices):
    PERSONAL = "personal", "Personal"
    NUISANCE = "nuisance", "Nuisance"
    ENVIRONMENTAL = "environmental", "Environmental"


class IncidentCategory(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=100)
    group = models.CharField(max_length=20, choices=CategoryGroup.choices)
    asb_qualifier = models.CharField(
        max_length=16, choices=AsbQualifier.choices, blank=True, help_text="ASB categories carry one qualifier"
    )
    supervision = models.BooleanField(default=False, help_text="Intrusive supervision: raise a supervisor review")
    default_grade = models.CharField(
        max_length=8, blank=True, help_text="Suggested grade code (in the active set) before keyword rules"
    )
    required_skills = models.JSONField(default=list, blank=True, help_text="Skills a unit needs, e.g. ['firearms']")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["group", "label"]
        verbose_name_plural = "incident categories"

    def __str__(self) -> str:
        return self.label


class ClosingCode(models.Model):
    MISUSE = "misuse-999"
    DUPLICATE = "duplicate"
    REFERRED = "referred"

    code = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=100)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class Channel(models.Model):
    code = models.SlugField(max_length=20, unique=True)
    label = models.CharField(max_length=60)
    rank = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.label


class ControlSettings(models.Model):
    """One row of intake thresholds (seeded; edit in the admin)."""

    misuse_threshold = models.PositiveIntegerField(default=10, help_text="Calls closed as 999 misuse to flag a caller")
    duplicate_radius_m = models.PositiveIntegerField(default=200)
    duplicate_window_minutes = models.PositiveIntegerField(default=60)

    class Meta:
        verbose_name_plural = "control settings"

    def __str__(self) -> str:
        return "Control-room settings"

    @classmethod
    def current(cls) -> "ControlSettings":
        return cls.objects.order_by("pk").first() or cls()


class WardProfile(models.Model):
    """Per-ward control-room settings; a ward without a row is urban."""

    ward = models.OneToOneField("core.Ward", on_delete=models.CASCADE, related_name="control_profile")
    rural = models.BooleanField(default=False, help_text="Use the rural attendance targets")

    def __str__(self) -> str:
        return f"{self.ward} ({'rural' if self.rural else 'urban'})"
