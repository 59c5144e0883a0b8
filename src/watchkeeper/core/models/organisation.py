"""Who works together: partnerships, their districts and wards, and the member agencies."""

from django.db import models


class Partnership(models.Model):
    class Kind(models.TextChoices):
        CSP = "csp", "Community Safety Partnership"
        CCTV = "cctv", "CCTV partnership"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A council area within a partnership; in a CCTV partnership each district sees only its own data."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="districts")
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Ward(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="wards")
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    # WGS84 GeoJSON geometry (Polygon/MultiPolygon); shapely does the geometry, so no GDAL is needed.
    boundary = models.JSONField()
    min_lat = models.FloatField()
    max_lat = models.FloatField()
    min_lon = models.FloatField()
    max_lon = models.FloatField()
    population = models.PositiveIntegerField(null=True, blank=True)
    area_sq_km = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    class Kind(models.TextChoices):
        POLICE = "police", "Police"
        ASB_TEAM = "asb_team", "Council ASB team"
        CCTV = "cctv", "CCTV control room"
        PATROL = "patrol", "Patrol contractor"
        HOUSING = "housing", "Housing"
        PROBATION = "probation", "Probation"
        HEALTH = "health", "Health"
        IDVA = "idva", "IDVA service"
        PREVENT = "prevent", "Prevent"
        FIRE = "fire", "Fire and rescue"
        VOLUNTARY = "voluntary", "Voluntary sector"
        COUNCIL = "council", "Council"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    partnerships = models.ManyToManyField(Partnership, related_name="agencies")
    # Set for a district council's own service; a partner user of such an agency sees that district only.
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT, related_name="agencies")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name
