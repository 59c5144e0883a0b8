"""Recorded crime from data.police.uk street-level files, and the import runs that loaded it."""

from django.db import models

from watchkeeper.core.models.imports import FileImportRun
from watchkeeper.core.visibility import PartnershipQuerySet


class CrimeQuerySet(PartnershipQuerySet):
    """Crimes: partnership and district (core.visibility)."""


class ImportRun(FileImportRun):
    """One file loaded by `import_crimes` or the upload page: who, what (sha256) and how it went
    (core.models.FileImportRun), with the crime import's own counts."""

    rows_ok = models.PositiveIntegerField(default=0)
    rows_flagged = models.PositiveIntegerField(default=0)
    months = models.JSONField(default=list)
    outcomes_joined = models.PositiveIntegerField(default=0)
    notes = models.JSONField(default=list)  # several months in one file, and the like

    class Meta:
        ordering = ["-started_at"]


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
