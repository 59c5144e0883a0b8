"""What officers do with their powers: incidents logged from the phone (each a control-room
incident), body-worn video clips by reference and hash, and fixed penalty notices."""

from django.db import models

from watchkeeper.core.visibility import through


class PatrolIncident(models.Model):
    shift = models.ForeignKey("patrol.Shift", on_delete=models.PROTECT, related_name="incidents")
    officer = models.ForeignKey("patrol.Officer", on_delete=models.PROTECT, related_name="+")
    incident = models.OneToOneField("control.Incident", on_delete=models.PROTECT, related_name="patrol_record")
    notes = models.TextField(help_text="Court-standard notes: what was seen and heard, in order")
    handed_to_police_at = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = through("shift").as_manager()

    class Meta:
        ordering = ["-recorded_at"]

    # The partnership the record belongs to (through its shift's contract), as the disclosure record
    # and the membership check ask of any partnership record.
    @property
    def partnership(self):
        return self.shift.contract.partnership

    @property
    def partnership_id(self) -> int:
        return self.shift.contract.partnership_id


class FixedPenaltyNotice(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", "Issued"
        PAID = "paid", "Paid"
        APPEALED = "appealed", "Appealed"
        CANCELLED = "cancelled", "Cancelled"
        PROSECUTED = "prosecuted", "Prosecuted"

    shift = models.ForeignKey("patrol.Shift", on_delete=models.PROTECT, related_name="notices")
    officer = models.ForeignKey("patrol.Officer", on_delete=models.PROTECT, related_name="+")
    power = models.ForeignKey("patrol.Power", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=30, unique=True)
    issued_at = models.DateTimeField()
    lat = models.FloatField()
    lon = models.FloatField()
    amount = models.DecimalField(max_digits=7, decimal_places=2)
    recipient_name = models.CharField(max_length=120)
    recipient_address = models.CharField(max_length=300)
    video_running = models.BooleanField(help_text="Was body-worn video recording when the notice was issued")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ISSUED)
    appeal_upheld = models.BooleanField(null=True, blank=True)

    objects = through("shift").as_manager()

    class Meta:
        ordering = ["-issued_at"]


class NoticeEvent(models.Model):
    """The notice's lifecycle, append-only."""

    notice = models.ForeignKey(FixedPenaltyNotice, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    from_status = models.CharField(max_length=12)
    to_status = models.CharField(max_length=12)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=500, blank=True)

    objects = through("notice").as_manager()

    class Meta:
        ordering = ["notice", "at", "pk"]


class VideoClip(models.Model):
    """A body-worn video clip, held by the camera system: Watchkeeper keeps its reference and SHA-256."""

    shift = models.ForeignKey("patrol.Shift", on_delete=models.PROTECT, related_name="clips")
    officer = models.ForeignKey("patrol.Officer", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=80)
    sha256 = models.CharField(max_length=64)
    started_at = models.DateTimeField()
    incident = models.ForeignKey(PatrolIncident, null=True, blank=True, on_delete=models.PROTECT, related_name="clips")
    notice = models.ForeignKey(
        FixedPenaltyNotice, null=True, blank=True, on_delete=models.PROTECT, related_name="clips"
    )

    objects = through("shift").as_manager()

    class Meta:
        ordering = ["started_at"]
        constraints = [models.UniqueConstraint(fields=["reference"], name="patrol_clip_reference")]


class PowerUse(models.Model):
    """A power used on shift that is not a notice: requiring a name and address (a refusal is
    itself an offence, so it is recorded), or confiscating alcohol in a designated area. Holds
    personal data: written audited, never listed to the contractor."""

    class Disposal(models.TextChoices):
        NONE = "", "Not applicable"
        POURED = "poured", "Poured away in the person's presence"
        RETAINED = "retained", "Retained as evidence"

    shift = models.ForeignKey("patrol.Shift", on_delete=models.PROTECT, related_name="power_uses")
    officer = models.ForeignKey("patrol.Officer", on_delete=models.PROTECT, related_name="+")
    power = models.ForeignKey("patrol.Power", on_delete=models.PROTECT, related_name="+")
    used_at = models.DateTimeField()
    lat = models.FloatField()
    lon = models.FloatField()
    reason = models.TextField(help_text="The behaviour seen that gave the power")
    person_name = models.CharField(max_length=120, blank=True)
    person_address = models.CharField(max_length=300, blank=True)
    refused = models.BooleanField(default=False, help_text="The person refused to give a name and address")
    alcohol = models.CharField(max_length=300, blank=True, help_text="What was confiscated")
    disposal = models.CharField(max_length=10, choices=Disposal.choices, blank=True)
    video_running = models.BooleanField()

    objects = through("shift").as_manager()

    class Meta:
        ordering = ["-used_at"]
