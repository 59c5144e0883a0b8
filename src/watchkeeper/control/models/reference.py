"""Control-room reference data an administrator edits: grade sets and grades, incident categories,
closing codes, channels, and the thresholds used at intake. Defaults are seeded by migration 0002."""

import threading

from django.core.exceptions import ValidationError
from django.core.signals import request_finished, request_started
from django.core.validators import MaxValueValidator, MinValueValidator
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
    preferred_skills = models.JSONField(
        default=list,
        blank=True,
        help_text="Skills that rank a unit first when it is nearly as close, e.g. ['first aid']",
    )
    required_kinds = models.JSONField(
        default=list,
        blank=True,
        help_text="Resource types that may be sent (unit kinds, e.g. ['response']); empty: any despatchable type",
    )
    preferred_kinds = models.JSONField(
        default=list, blank=True, help_text="Resource types ranked first when nearly as close, e.g. ['response']"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["group", "label"]
        verbose_name_plural = "incident categories"

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        """The capability rules are lists of words; the resource types must be unit kinds."""
        from watchkeeper.control.models.units import Unit

        errors = {}
        for name in ("required_skills", "preferred_skills", "required_kinds", "preferred_kinds"):
            value = getattr(self, name)
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                errors[name] = 'A list of words, e.g. ["firearms"] (or [] for none).'
        kinds = set(Unit.Kind.values)
        for name in ("required_kinds", "preferred_kinds"):
            value = getattr(self, name)
            if name not in errors and set(value) - kinds:
                unknown = ", ".join(sorted(set(value) - kinds))
                errors[name] = f"Unknown resource type {unknown}: use {', '.join(sorted(kinds))}."
        if errors:
            raise ValidationError(errors)


class ClosingCode(models.Model):
    MISUSE = "misuse-999"
    DUPLICATE = "duplicate"
    REFERRED = "referred"
    CANCELLED = "cancelled"

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
    walking_kph = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=5.0,
        validators=[MinValueValidator(1), MaxValueValidator(15)],
        help_text="Walking pace for units on foot (km/h): their travel time is straight-line x 1.3 at this pace",
    )
    preference_window_seconds = models.PositiveIntegerField(
        default=180,
        help_text="A unit with a category's preferred skill or type ranks ahead of one up to this much closer",
    )

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


class ReferenceVersion(models.Model):
    """One row whose token changes, in the same transaction, whenever control-room reference data
    is saved or deleted. Every process keeps the reference data in memory and re-reads it when the
    token differs from the one it loaded with: one cheap query instead of several per request, and
    an administrator's change is seen by every process as soon as it commits (a rolled-back change
    rolls the token back too). A random token, not a counter, so no two versions look alike."""

    token = models.CharField(max_length=32)


class ReferenceData:
    """The reference data an intake request needs, as loaded at one token (read-only: shared by
    every request thread of the process)."""

    def __init__(self, token: str):
        self.token = token
        self.channels = {c.code: c for c in Channel.objects.all()}
        self.categories = {c.code: c for c in IncidentCategory.objects.all()}
        self.closing_codes = {c.code: c for c in ClosingCode.objects.all()}
        grades = list(Grade.objects.select_related("grade_set"))
        self.grades = {g.pk: g for g in grades}
        self.active_grades = [g for g in grades if g.grade_set.active]
        self.settings = ControlSettings.current()

    def grade_rank(self, code: str) -> int | None:
        """The rank of a grade code in any set (the first found), for codes outside the active set."""
        return next((g.rank for g in self.grades.values() if g.code == code), None)


_loaded: ReferenceData | None = None
# Within one request the token is read once (the first use); outside requests (commands, the
# worker, direct service calls) on every use.
_request = threading.local()


def reference_data() -> ReferenceData:
    """The current reference data: from memory when the token is unchanged, else loaded afresh.
    The token is read before the data, so data loaded during a change is replaced on the next call."""
    global _loaded
    held = getattr(_request, "data", None)
    if held is not None:
        return held
    token = _current_token()
    loaded = _loaded
    if loaded is None or loaded.token != token:
        loaded = _loaded = ReferenceData(token)
    if getattr(_request, "active", False):
        _request.data = loaded
    return loaded


def _request_started(**_) -> None:
    _request.active, _request.data = True, None


def _request_finished(**_) -> None:
    _request.active, _request.data = False, None


def _current_token() -> str:
    from django.db import connection

    # Raw SQL: this runs on every request, and compiling an ORM query costs more than running it.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {ReferenceVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else ""


def reference_changed(**_) -> None:
    """Give the reference data a new token (connected to saves and deletes of the models below;
    call it after changing them with QuerySet.update or raw SQL)."""
    import uuid

    token = uuid.uuid4().hex
    _request.data = None  # this thread sees its own change at once
    if not ReferenceVersion.objects.filter(pk=1).update(token=token):
        ReferenceVersion.objects.update_or_create(pk=1, defaults={"token": token})


for _model in (GradeSet, Grade, IncidentCategory, ClosingCode, Channel, ControlSettings):
    for _signal in (models.signals.post_save, models.signals.post_delete):
        _signal.connect(reference_changed, sender=_model, dispatch_uid=f"reference-{_model.__name__}")
request_started.connect(_request_started, dispatch_uid="reference-request-started")
request_finished.connect(_request_finished, dispatch_uid="reference-request-finished")
