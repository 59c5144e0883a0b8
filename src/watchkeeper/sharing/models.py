"""Partner data: incidents partners send the partnership's analysts (fly-tipping, deliberate fires,
graffiti, ASB complaints...), each import recorded against the sharing agreement that allows it.

A SharingAgreement says what a partner may share and why (lawful basis, purpose, categories, dates,
whether personal data is included). A ColumnMapping says how to read one partner's spreadsheet. A
PartnerDataset is one partner feed (agreement + mapping); its PartnerRecords are the imported rows,
unique by external id within the dataset so a re-import adds nothing. PartnerImportRun records who
loaded which file (sha256) and how it went. All are partnership-scoped.

These models began in the intel app; they keep its table and constraint names (`db_table`) so a
database migrated before the move needs no table changes (migration sharing 0001 is state-only)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from watchkeeper.intel.crime.models import scoped
from watchkeeper.sharing.bases import LawfulBasis, ProcessingCondition

REVIEW_DUE_WITHIN = timedelta(days=30)

# Column headers that suggest personal data (names, contact details, dates of birth, identifiers).
PERSONAL_HEADER = re.compile(
    r"^name$|\b(forename|surname|first ?name|last ?name|full ?name|phone|tel|telephone|mobile|e-?mail|"
    r"dob|date of birth|birth|ni ?number|nino|national insurance|nhs ?number|reg(istration)?|vrm|"
    r"contact|complainant|reporter|caller|victim|suspect|tenant|occupier|perpetrator)\b",
    re.IGNORECASE,
)


def looks_personal(header: str) -> bool:
    return bool(header and PERSONAL_HEADER.search(header.replace("_", " ").strip()))


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        from watchkeeper.core.access import partnership_filter

        return partnership_filter(self, user)


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoped(self, user)


class SharingAgreement(models.Model):
    """An information sharing agreement between the partnership and one partner."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", "In force"
        REVIEW_DUE = "review_due", "Review due"
        EXPIRED = "expired", "Expired"
        NOT_YET = "not_yet", "Not yet in force"

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    partner_agency = models.ForeignKey("core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    partner_name = models.CharField(max_length=200, blank=True, help_text="When the partner is not an agency here")
    title = models.CharField(max_length=200)
    reference = models.CharField(max_length=50)
    lawful_basis = models.CharField(max_length=12, choices=LawfulBasis.choices)
    processing_condition = models.CharField(max_length=12, choices=ProcessingCondition.choices, blank=True)
    purpose = models.TextField()
    data_categories = models.TextField(help_text="What is shared, e.g. fly-tipping reports: date, type, location")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    personal_data_allowed = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        db_table = "intel_sharingagreement"
        ordering = ["reference"]
        constraints = [models.UniqueConstraint(fields=["partnership", "reference"], name="intel_agreement_ref")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def partner(self) -> str:
        return self.partner_agency.name if self.partner_agency_id else self.partner_name

    def clean(self):
        if not self.partner_agency_id and not (self.partner_name or "").strip():
            raise ValidationError("Name the partner: an agency or a partner name.")
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError("The agreement must end on or after the day it starts.")
        if self.personal_data_allowed and self.lawful_basis == LawfulBasis.NOT_PERSONAL:
            raise ValidationError("An agreement that allows personal data needs a UK GDPR Article 6 lawful basis.")

    def status(self, on: date | None = None) -> str:
        on = on or timezone.localdate()
        if on < self.starts_on:
            return self.Status.NOT_YET
        if self.ends_on and on > self.ends_on:
            return self.Status.EXPIRED
        if self.review_on and on >= self.review_on - REVIEW_DUE_WITHIN:
            return self.Status.REVIEW_DUE
        return self.Status.IN_FORCE

    def status_label(self) -> str:
        return self.Status(self.status()).label

    def in_force(self, on: date | None = None) -> bool:
        return self.status(on) in (self.Status.IN_FORCE, self.Status.REVIEW_DUE)


class ColumnMapping(models.Model):
    """How to read one partner's spreadsheet: source column names for each field we keep."""

    class Location(models.TextChoices):
        LATLON = "latlon", "Latitude and longitude"
        GRID = "grid", "Easting and northing (British National Grid)"
        ADDRESS = "address", "Address text (no postcode)"

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    date_column = models.CharField(max_length=120)
    time_column = models.CharField(max_length=120, blank=True)
    date_format = models.CharField(
        max_length=40, default="%d/%m/%Y", help_text="strftime codes, e.g. %d/%m/%Y or %Y-%m-%d %H:%M"
    )
    category_column = models.CharField(max_length=120)
    # {"Fly tipping - household": "Fly-tipping", ...}; empty: the source value is the category.
    category_map = models.JSONField(default=dict, blank=True)
    description_column = models.CharField(max_length=120, blank=True)
    location = models.CharField(max_length=10, choices=Location.choices, default=Location.LATLON)
    lat_column = models.CharField(max_length=120, blank=True)
    lon_column = models.CharField(max_length=120, blank=True)
    easting_column = models.CharField(max_length=120, blank=True)
    northing_column = models.CharField(max_length=120, blank=True)
    address_column = models.CharField(max_length=120, blank=True)
    external_id_column = models.CharField(max_length=120, blank=True)
    # Source columns holding personal data, kept only under an agreement that allows it.
    personal_columns = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        db_table = "intel_columnmapping"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="intel_mapping_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        needed = {
            self.Location.LATLON: ("lat_column", "lon_column"),
            self.Location.GRID: ("easting_column", "northing_column"),
            self.Location.ADDRESS: ("address_column",),
        }[self.location]
        missing = [f.replace("_column", "") for f in needed if not getattr(self, f).strip()]
        if missing:
            raise ValidationError(
                f"Location from {self.get_location_display().lower()} needs the {' and '.join(missing)} column(s)."
            )
        if not isinstance(self.category_map, dict):
            raise ValidationError("The category map must map source values to categories.")

    def source_columns(self) -> dict[str, str]:
        """{field: source column} for every mapped column the file must have."""
        fields = {
            "date": self.date_column,
            "time": self.time_column,
            "category": self.category_column,
            "description": self.description_column,
            "external_id": self.external_id_column,
        }
        fields.update(
            {
                self.Location.LATLON: {"latitude": self.lat_column, "longitude": self.lon_column},
                self.Location.GRID: {"easting": self.easting_column, "northing": self.northing_column},
                self.Location.ADDRESS: {"address": self.address_column},
            }[self.location]
        )
        found = {k: v.strip() for k, v in fields.items() if v and v.strip()}
        for i, column in enumerate(self.personal_columns or []):
            found[f"personal {i + 1}"] = column.strip()
        return found

    def personal_data_columns(self) -> list[str]:
        """Declared personal columns, plus any mapped column whose header suggests personal data."""
        declared = [c.strip() for c in self.personal_columns or [] if c.strip()]
        suspicious = [
            c
            for f, c in self.source_columns().items()
            if not f.startswith("personal") and f not in ("date", "time") and looks_personal(c)
        ]
        return list(dict.fromkeys(declared + suspicious))


class PartnerDataset(models.Model):
    """One partner feed: the records imported under one agreement with one mapping."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(SharingAgreement, on_delete=models.PROTECT, related_name="datasets")
    mapping = models.ForeignKey(ColumnMapping, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        db_table = "intel_partnerdataset"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="intel_partner_dataset_name")]

    def __str__(self) -> str:
        return self.name


class PartnerImportRun(models.Model):
    """One partner file loaded: who, when, what (sha256) and how many rows were good, bad or already held."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    dataset = models.ForeignKey(PartnerDataset, on_delete=models.PROTECT, related_name="runs")
    agreement = models.ForeignKey(SharingAgreement, on_delete=models.PROTECT, related_name="+")
    mapping = models.ForeignKey(ColumnMapping, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_good = models.PositiveIntegerField(default=0)
    rows_bad = models.PositiveIntegerField(default=0)
    rows_already = models.PositiveIntegerField(default=0)
    rows_new = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # [{"file", "line", "column", "problem"}], capped

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        db_table = "intel_partnerimportrun"
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"


class PartnerRecord(models.Model):
    """One partner incident. District-bound users see their own district's records only."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(SharingAgreement, on_delete=models.PROTECT, related_name="+")
    dataset = models.ForeignKey(PartnerDataset, on_delete=models.PROTECT, related_name="records")
    import_run = models.ForeignKey(
        PartnerImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="records"
    )
    external_id = models.CharField(max_length=120)
    occurred_at = models.DateTimeField(db_index=True)
    category = models.CharField(max_length=80, db_index=True)
    source_category = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    location = models.CharField(max_length=300, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    ward = models.ForeignKey("core.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    personal = models.JSONField(default=dict, blank=True)  # only under an agreement allowing personal data

    objects = ScopedQuerySet.as_manager()

    class Meta:
        db_table = "intel_partnerrecord"
        ordering = ["occurred_at", "id"]
        constraints = [models.UniqueConstraint(fields=["dataset", "external_id"], name="intel_partner_record_key")]
        indexes = [
            models.Index(fields=["partnership", "occurred_at", "category"], name="intel_partn_partner_d7cd33_idx")
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.occurred_at:%Y-%m-%d}"


# The disclosure record lives in its own package; imported here so Django finds the model.
from watchkeeper.sharing.disclosures.models import Disclosure  # noqa: E402

__all__ = [
    "ColumnMapping",
    "Disclosure",
    "LawfulBasis",
    "ProcessingCondition",
    "PartnerDataset",
    "PartnerImportRun",
    "PartnerRecord",
    "SharingAgreement",
]
