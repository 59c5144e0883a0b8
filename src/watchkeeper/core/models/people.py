"""People (callers, victims, subjects, offenders) and places. One record per person; duplicates are
merged, never deleted, so every earlier reference still resolves to the surviving record."""

from django.db import models

from watchkeeper.core.models.restriction import Restricted
from watchkeeper.core.visibility import PartnershipQuerySet


class PlaceQuerySet(PartnershipQuerySet):
    # A place's district is its ward's: derived, so it can never disagree with where the place is.
    district_field = "ward__district"


class Person(Restricted):
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    phone = models.CharField(max_length=40, blank=True, db_index=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=12, blank=True)
    risk_markers = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged")
    created_at = models.DateTimeField(auto_now_add=True)

    # Fields that are personal data: reading any of them is audited with their names.
    PERSONAL_FIELDS = ("given_name", "family_name", "date_of_birth", "phone", "address", "postcode", "risk_markers")

    class Meta:
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def label(self) -> str:
        return f"Person #{self.pk}"


class Place(models.Model):
    class Kind(models.TextChoices):
        ADDRESS = "address", "Address"
        STREET = "street", "Street"
        LANDMARK = "landmark", "Landmark"
        POINT = "point", "Point"

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="places")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ADDRESS)
    name = models.CharField(max_length=300, db_index=True)
    postcode = models.CharField(max_length=12, blank=True)
    lat = models.FloatField()
    lon = models.FloatField()
    easting = models.FloatField()
    northing = models.FloatField()
    ward = models.ForeignKey("core.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="places")

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="unique_place_name")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def at(cls, lat: float, lon: float, **fields) -> "Place":
        """An unsaved place at (lat, lon) with its British National Grid easting and northing (what
        distances and grid cells are counted in), for the place form and bulk loads alike."""
        from watchkeeper.core import geo  # pyproj: loaded when a place is made, not with the models

        easting, northing = geo.to_bng(lat, lon)
        return cls(lat=lat, lon=lon, easting=easting, northing=northing, **fields)
