"""Reading the disclosure record: always through Disclosure.visible_to (the source record's rule)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from watchkeeper.sharing.disclosures.models import Disclosure


@dataclass(frozen=True)
class Filters:
    agreement: int | None = None
    recipient: str = ""  # part of the recipient's name, organisation or agency name
    start: datetime.date | None = None
    end: datetime.date | None = None  # inclusive
    source_type: str = ""
    source_id: int | None = None


def visible_disclosures(user) -> QuerySet:
    return Disclosure.objects.visible_to(user).select_related(
        "partnership", "recipient_agency", "agreement", "disclosed_by"
    )


def for_source(user, source) -> QuerySet:
    """Disclosures of one record (for the record's own page)."""
    return visible_disclosures(user).filter(source_type=source._meta.label_lower, source_id=source.pk)


def for_agreement(user, agreement) -> QuerySet:
    """Disclosures made relying on one sharing agreement."""
    return visible_disclosures(user).filter(agreement=agreement)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def filtered(user, filters: Filters) -> QuerySet:
    qs = visible_disclosures(user)
    if filters.agreement:
        qs = qs.filter(agreement_id=filters.agreement)
    if filters.recipient:
        text = filters.recipient
        qs = qs.filter(
            Q(recipient_name__icontains=text)
            | Q(recipient_organisation__icontains=text)
            | Q(recipient_agency__name__icontains=text)
        )
    if filters.start:
        qs = qs.filter(disclosed_at__gte=_day_start(filters.start))
    if filters.end:
        qs = qs.filter(disclosed_at__lt=_day_start(filters.end + datetime.timedelta(days=1)))
    if filters.source_type:
        qs = qs.filter(source_type=filters.source_type)
    if filters.source_id:
        qs = qs.filter(source_id=filters.source_id)
    return qs


CSV_HEADER = [
    "id",
    "disclosed_at",
    "partnership",
    "source_type",
    "source_id",
    "description",
    "recipient_agency",
    "recipient_name",
    "recipient_organisation",
    "purpose",
    "lawful_basis",
    "agreement",
    "method",
    "reference",
    "disclosed_by",
    "corrects",
]


def csv_row(d: Disclosure) -> list:
    return [
        d.pk,
        timezone.localtime(d.disclosed_at).isoformat(timespec="minutes"),
        d.partnership.slug,
        d.source_type,
        d.source_id,
        d.description,
        d.recipient_agency.name if d.recipient_agency_id else "",
        d.recipient_name,
        d.recipient_organisation,
        d.purpose,
        d.get_lawful_basis_display(),
        d.agreement.reference if d.agreement_id else "",
        d.get_method_display(),
        d.reference,
        d.actor_label,
        d.corrects_id or "",
    ]
