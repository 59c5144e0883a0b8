"""The ladder's records: offences, warning letters, watch-list entries, attendance tasks, keepers."""

from django.db import models

from watchkeeper.core.visibility import UndistrictedQuerySet, through


class Keeper(models.Model):
    """The registered keeper of a plate (from the DVLA enquiry): police roles only."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    plate = models.CharField(max_length=8)
    name = models.CharField(max_length=120)
    address = models.CharField(max_length=300)

    objects = UndistrictedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "plate"], name="anpr_keeper_plate")]


class Offence(models.Model):
    read = models.OneToOneField("anpr.Read", on_delete=models.CASCADE, related_name="offence")
    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    plate = models.CharField(max_length=8, db_index=True)
    at = models.DateTimeField()
    step = models.PositiveSmallIntegerField()
    threshold_mph = models.FloatField()
    # The speed enforced: the read's spot speed or its section average, as the site was set.
    speed_mph = models.FloatField(null=True, blank=True)

    objects = UndistrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]


class WarningLetter(models.Model):
    offence = models.OneToOneField(Offence, on_delete=models.CASCADE, related_name="letter")
    queued_at = models.DateTimeField()

    objects = through("offence").as_manager()


class WatchEntry(models.Model):
    offence = models.OneToOneField(Offence, on_delete=models.CASCADE, related_name="watch")
    plate = models.CharField(max_length=8)
    added_on = models.DateField()
    review_on = models.DateField()
    expires_on = models.DateField()

    objects = through("offence").as_manager()

    class Meta:
        ordering = ["review_on"]


class AttendanceTask(models.Model):
    """Officers to attend the site at the driver's usual time of passing (for the control room)."""

    offence = models.OneToOneField(Offence, on_delete=models.CASCADE, related_name="attendance")
    site = models.ForeignKey("anpr.Site", on_delete=models.PROTECT, related_name="+")
    window_start_minute = models.PositiveIntegerField()
    window_end_minute = models.PositiveIntegerField()
    passes_in_window = models.PositiveIntegerField()
    passes_seen = models.PositiveIntegerField()
    histogram = models.JSONField(default=list)
    done_at = models.DateTimeField(null=True, blank=True)

    objects = through("offence").as_manager()

    def window_label(self) -> str:
        def hm(m):
            return f"{(m // 60) % 24:02d}:{m % 60:02d}"

        return f"{hm(self.window_start_minute)}-{hm(self.window_end_minute)}"


class DeletionRecord(models.Model):
    """What the 6-month purge removed: counts and a salted digest of the plate, never the plate."""

    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    plate_digest = models.CharField(max_length=64)
    last_offence_at = models.DateTimeField()
    reads = models.PositiveIntegerField()
    offences = models.PositiveIntegerField()
    purged_at = models.DateTimeField()

    objects = UndistrictedQuerySet.as_manager()
