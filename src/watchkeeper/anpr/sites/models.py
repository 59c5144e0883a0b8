"""ANPR sites (speed limit, place), their devices, and calibration checks against police equipment."""

from django.db import models

from watchkeeper.core.visibility import UndistrictedQuerySet, through


class Site(models.Model):
    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(max_length=30)
    name = models.CharField(max_length=120)
    road = models.CharField(max_length=120)
    lat = models.FloatField()
    lon = models.FloatField()
    speed_limit_mph = models.PositiveIntegerField()

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
