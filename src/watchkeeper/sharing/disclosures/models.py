"""A Disclosure: one disclosure of personal data from a partnership's record to a recipient.

What was disclosed is named by a generic reference to the source record (its model label and
primary key) and a short human description; nothing of the record is copied beyond that. The
recipient is a partner agency (a foreign key) or a named person or organisation outside the
platform (an insurer, a solicitor, the data subject). A disclosure to an agency that has a
sharing agreement with the partnership names the agreement relied on.

Append-only: a saved disclosure is never changed or deleted (the model refuses, the admin shows
it read-only). A correction is a new disclosure whose `corrects` names the one it corrects.

Visibility is inherited from the source record: a disclosure is shown exactly to those who may
see its source (so a disclosure from a restricted case or a Channel record is as restricted as
the record), within the disclosure's partnership."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from watchkeeper.core.visibility import NoRule, is_staff_user, partnership_filter, visible
from watchkeeper.sharing.bases import DisclosureBasis


class Method(models.TextChoices):
    SECURE_LINK = "secure_link", "Secure download link"
    EMAIL = "email", "Secure email"
    IN_PERSON = "in_person", "Handed over in person"
    MEETING = "meeting", "Shared at a meeting"
    POST = "post", "Post or courier"
    PHONE = "phone", "Telephone"
    VIEWING = "viewing", "Viewing only (no copy)"
    OTHER = "other", "Other (see reference)"


__all__ = ["Disclosure", "DisclosureBasis", "Method"]


def source_model(label: str):
    """The model class named by a source label ("app.model"), or None when it is not installed."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


class DisclosureQuerySet(models.QuerySet):
    """Visible to members of the disclosure's partnership who may see its source record (its model's
    own rule in core.visibility); a source whose model declares no rule or is gone shows nobody."""

    def visible_to(self, user):
        qs = partnership_filter(self, user, district=None)
        if not is_staff_user(user):
            return qs.none()
        allowed = Q(pk__in=[])
        for label in qs.order_by().values_list("source_type", flat=True).distinct():
            model = source_model(label)
            if model is None:
                continue
            try:
                sources = visible(model, user).values("pk")
            except NoRule:
                continue
            allowed |= Q(source_type=label, source_id__in=sources)
        return qs.filter(allowed)

    # Append-only: no bulk change or removal either.
    def update(self, **kwargs):
        raise PermissionError("Disclosures cannot be changed: record a correction.")

    def delete(self):
        raise PermissionError("Disclosures cannot be deleted: record a correction.")


class Disclosure(models.Model):
    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # What: the source record by reference ("app.model" and primary key) and a description.
    source_type = models.CharField(max_length=100, db_index=True)
    source_id = models.PositiveBigIntegerField()
    description = models.CharField(max_length=300)
    # To whom: a partner agency, or a person/organisation outside the platform.
    recipient_agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_name = models.CharField(max_length=200, blank=True)
    recipient_organisation = models.CharField(max_length=200, blank=True)
    # Why and how.
    purpose = models.TextField()
    lawful_basis = models.CharField(max_length=12, choices=DisclosureBasis.choices)
    agreement = models.ForeignKey(
        "sharing.SharingAgreement", null=True, blank=True, on_delete=models.PROTECT, related_name="disclosures"
    )
    method = models.CharField(max_length=12, choices=Method.choices)
    reference = models.CharField(max_length=100, blank=True)
    # Who and when.
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    disclosed_at = models.DateTimeField(db_index=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections")

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-disclosed_at", "-id"]
        indexes = [models.Index(fields=["source_type", "source_id"], name="sharing_disclosure_source")]

    def __str__(self) -> str:
        return f"Disclosure {self.pk} to {self.recipient} ({self.disclosed_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Disclosures cannot be changed: record a correction.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Disclosures cannot be deleted: record a correction.")

    @property
    def recipient(self) -> str:
        parts = [self.recipient_name, self.recipient_organisation]
        if self.recipient_agency_id:
            parts = [self.recipient_name, self.recipient_agency.name]
        return ", ".join(p for p in parts if p)
