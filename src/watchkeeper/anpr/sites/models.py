"""ANPR sites (speed limit, place), their devices, and calibration checks against police equipment."""

from django.core.exceptions import ValidationError
from django.db import models

from watchkeeper.core.visibility import UndistrictedQuerySet, through


class Site(models.Model):
    class Enforces(models.TextChoices):
        SPOT = "spot", "Spot speed (the camera's own)"
        AVERAGE = "average", "Section average (paired cameras)"

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(max_length=30)
    name = models.CharField(max_length=120)
    road = models.CharField(max_length=120)
    lat = models.FloatField()
    lon = models.FloatField()
    speed_limit_mph = models.PositiveIntegerField()
    # Site data, not code: which of a read's speeds the ladder enforces here. A paired camera's own
    # spot speed is recorded but, at a site set to the section average, not enforced.
    enforces = models.CharField(max_length=10, choices=Enforces.choices, default=Enforces.SPOT)

    objects = UndistrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"], name="anpr_site_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Device(models.Model):
    class Kind(models.TextChoices):
        SPOT = "spot", "Spot speed"
        PAIRED = "paired", "Paired cameras (average speed)"

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="devices")
    serial = models.CharField(max_length=40)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SPOT)

    objects = through("site").as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "serial"], name="anpr_device_serial")]

    def __str__(self) -> str:
        return self.serial


class CalibrationCheck(models.Model):
    """A check of the council device against police equipment: the measured difference decides."""

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="checks")
    checked_on = models.DateField()
    council_mph = models.FloatField()
    police_mph = models.FloatField()
    passed = models.BooleanField()
    checked_by = models.CharField(max_length=150)

    objects = through("device").as_manager()

    class Meta:
        ordering = ["device", "-checked_on"]


class Section(models.Model):
    """Paired cameras: two sites along one road and the distance between them. A vehicle read at
    the entry and then at the exit within `max_minutes` gives an average-speed read at the exit
    (the distance over the time between the two reads), which joins the ladder at the exit
    site's limit."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(max_length=30)
    entry = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    exit = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    distance_m = models.PositiveIntegerField("distance along the road (m)")
    max_minutes = models.PositiveIntegerField(
        default=30, help_text="Longer between the reads is not one trip (the driver stopped)"
    )

    objects = UndistrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"], name="anpr_section_code")]

    def __str__(self) -> str:
        return f"{self.code}: {self.entry.code} -> {self.exit.code}"

    def clean(self):
        problems = {}
        if self.entry_id and self.exit_id and self.entry_id == self.exit_id:
            problems["exit"] = "The exit must be another site than the entry."
        for field in ("entry", "exit"):
            site = getattr(self, field, None) if getattr(self, f"{field}_id") else None
            if site is not None and self.partnership_id and site.partnership_id != self.partnership_id:
                problems[field] = "The site belongs to another partnership."
        if self.distance_m is not None and not 50 <= self.distance_m <= 50_000:
            problems["distance_m"] = "Between 50 m and 50 km."
        if self.max_minutes is not None and not 1 <= self.max_minutes <= 240:
            problems["max_minutes"] = "Between 1 and 240 minutes."
        if problems:
            raise ValidationError(problems)
