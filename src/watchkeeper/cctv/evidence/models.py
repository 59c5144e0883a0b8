"""Evidence: the sealed master export, working copies derived from it, the append-only continuity
log, and releases (expiring download links). Masters, copies and continuity entries are
write-once: the model refuses a second save and a delete, and their querysets refuse update()."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from watchkeeper.core.errors import Conflict
from watchkeeper.core.visibility import PartnershipQuerySet, ThroughQuerySet, through


class Sealed(models.Model):
    """Write-once: created, never changed or deleted (NPCC video evidence guidance: the master is
    never redacted, transcoded or replaced; continuity is appended, never edited)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise Conflict(f"{self._meta.verbose_name.capitalize()} {self.pk} is sealed: it cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise Conflict(f"{self._meta.verbose_name.capitalize()} {self.pk} is sealed: it cannot be deleted.")


class SealedQuerySet(PartnershipQuerySet):
    def update(self, **kwargs):
        raise Conflict("Sealed evidence cannot be changed.")

    def delete(self):
        raise Conflict("Sealed evidence cannot be deleted.")


class SealedThroughQuerySet(ThroughQuerySet):
    parent = "master"

    def update(self, **kwargs):
        raise Conflict("Sealed evidence cannot be changed.")

    def delete(self):
        raise Conflict("Sealed evidence cannot be deleted.")


class Master(Sealed):
    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    exhibit = models.CharField(max_length=60, help_text="Exhibit reference")
    request = models.ForeignKey(
        "cctv.ViewingRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="masters"
    )
    cameras = models.JSONField(help_text="Camera codes in the export")
    start = models.DateTimeField()
    end = models.DateTimeField()
    clock_offset_s = models.IntegerField(help_text="Recorder clock minus UTC at export, seconds")
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField(null=True, blank=True)
    filename = models.CharField(max_length=200)
    # Uploaded (kept in the data dir) or only its hash recorded (the file stays on the recorder).
    stored = models.BooleanField()
    seal_number = models.CharField(max_length=40)
    sealed_at = models.DateTimeField()
    sealed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = SealedQuerySet.as_manager()

    class Meta:
        ordering = ["-sealed_at"]
        constraints = [models.UniqueConstraint(fields=["partnership", "exhibit"], name="cctv_master_exhibit")]

    def __str__(self) -> str:
        return self.exhibit


class WorkingCopy(Sealed):
    master = models.ForeignKey(Master, on_delete=models.PROTECT, related_name="copies")
    name = models.CharField(max_length=200, help_text="Uniquely named: exhibit, purpose, sequence")
    purpose = models.CharField(max_length=200)
    parent_sha256 = models.CharField(max_length=64)
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    redacted = models.BooleanField(default=False)
    made_at = models.DateTimeField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = SealedThroughQuerySet.as_manager()

    class Meta:
        ordering = ["made_at"]
        verbose_name_plural = "working copies"


class ContinuityEntry(Sealed):
    master = models.ForeignKey(Master, on_delete=models.PROTECT, related_name="continuity")
    seq = models.PositiveIntegerField()
    at = models.DateTimeField()
    from_party = models.CharField(max_length=200)
    to_party = models.CharField(max_length=200)
    purpose = models.CharField(max_length=300)
    seal_number = models.CharField(max_length=40)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)
    signature = models.CharField(max_length=128, help_text="Ed25519 signature of entry_hash, hex")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    objects = SealedThroughQuerySet.as_manager()

    class Meta:
        ordering = ["master", "seq"]
        verbose_name_plural = "continuity entries"
        constraints = [models.UniqueConstraint(fields=["master", "seq"], name="cctv_continuity_seq")]


class Release(models.Model):
    """A package released to a recipient as an expiring download link (the token's digest only)."""

    master = models.ForeignKey(Master, on_delete=models.PROTECT, related_name="releases")
    request = models.ForeignKey("cctv.ViewingRequest", on_delete=models.PROTECT, related_name="releases")
    recipient = models.CharField(max_length=200)
    recipient_email = models.EmailField(blank=True)
    token_digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    released_at = models.DateTimeField()
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    downloads = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=300, blank=True, help_text="What the police did with it")

    objects = through("master").as_manager()

    class Meta:
        ordering = ["-released_at"]
