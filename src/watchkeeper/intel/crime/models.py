"""Recorded crime from data.police.uk street-level files, and the import runs that loaded it."""

from django.conf import settings
from django.db import models


def scoped(qs, user, field: str = "partnership"):
    """Partnership-scoped rows; a district-bound user sees their own district's rows only.

    Stricter than core.access.partnership_filter (which also shows rows with no district): crimes the
    import could not place in a district belong to nobody's district, so a district partner does not
    see them (a Stevenage officer must not see Dacorum or unplaced crime).
    """
    from watchkeeper.core.access import partnership_filter

    qs = partnership_filter(qs, user, field)
    district = getattr(getattr(user, "agency", None), "district_id", None)
    if district:
        qs = qs.filter(district_id=district)
    return qs


class CrimeQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoped(self, user)


class ImportRun(models.Model):
    """One file loaded by `import_crimes` or the upload page: who, what (sha256) and how it went."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_ok = models.PositiveIntegerField(default=0)
    rows_bad = models.PositiveIntegerField(default=0)
    rows_flagged = models.PositiveIntegerField(default=0)
    rows_new = models.PositiveIntegerField(default=0)
    months = models.JSONField(default=list)
    outcomes_joined = models.PositiveIntegerField(default=0)
    # [{"file", "line", "column", "problem"}], capped; notes (several months in one file...) too.
    errors = models.JSONField(default=list)
    notes = models.JSONField(default=list)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"


class Crime(models.Model):
    """A street-level crime or ASB record. police.uk coordinates are anonymised snap points."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    # Natural key: the police.uk Crime ID, or "sha1:<hash of the row and its occurrence>" for ASB rows.
    key = models.CharField(max_length=80)
    crime_id = models.CharField(max_length=80, blank=True)
    month = models.DateField(db_index=True)  # first day of the month
    category = models.CharField(max_length=80, db_index=True)
    reported_by = models.CharField(max_length=120, blank=True)
    falls_within = models.CharField(max_length=120, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    lsoa_code = models.CharField(max_length=20, blank=True)
    lsoa_name = models.CharField(max_length=120, blank=True)
    last_outcome = models.CharField(max_length=200, blank=True)
    outcome_type = models.CharField(max_length=200, blank=True)  # from the outcomes file, when joined
    context = models.TextField(blank=True)
    ward = models.ForeignKey("core.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    no_location = models.BooleanField(default=False)
    outside_area = models.BooleanField(default=False)
    import_run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = CrimeQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "key"], name="intel_crime_natural_key")]
        indexes = [models.Index(fields=["partnership", "month", "category"])]

    def __str__(self) -> str:
        return f"{self.category} {self.month:%Y-%m} {self.location}"
