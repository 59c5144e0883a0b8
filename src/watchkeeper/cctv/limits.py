"""The CCTV rule data: statutory and local limits as rows with an effective date (an administrator
edits them in the admin; migration 0002 seeds the defaults). Never constants in code: the Data (Use
and Access) Act 2025 changed the subject-access clock, and a partnership may change its retention."""

from __future__ import annotations

from datetime import date

from django.db import models

from watchkeeper.core.errors import NotFound
from watchkeeper.core.visibility import is_staff_user


class LimitsQuerySet(models.QuerySet):
    """Reference data every partnership uses: readable by any signed-in user."""

    def visible_to(self, user):
        return self if is_staff_user(user) else self.none()


class Limits(models.Model):
    effective_from = models.DateField(unique=True)
    retention_days = models.PositiveIntegerField(default=31, help_text="Footage kept this many days, then overwritten")
    sar_months = models.PositiveIntegerField(default=1, help_text="Subject access: calendar months to reply")
    sar_extension_months = models.PositiveIntegerField(default=2, help_text="Further months for a complex request")
    deployment_months = models.PositiveIntegerField(default=3, help_text="Rapid-deployment camera: default stay")
    deployment_reminder_days = models.PositiveIntegerField(default=14, help_text="Review reminder before the end")
    fault_response_hours = models.PositiveIntegerField(default=24, help_text="Maintainer response target")
    download_link_days = models.PositiveIntegerField(default=7, help_text="Evidence download link lifetime")
    hold_days = models.PositiveIntegerField(default=90, help_text="A request's hold on its footage lasts this long")
    outcome_request_days = models.PositiveIntegerField(
        default=28, help_text="Ask the police for the outcome this long after a release"
    )
    source = models.CharField(max_length=300, blank=True)

    objects = LimitsQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name_plural = "limits"

    def __str__(self) -> str:
        return f"CCTV limits from {self.effective_from}"


class BankHoliday(models.Model):
    """An England and Wales bank holiday (rule data: migration 0004 seeds 2018-2035 from the pinned
    `holidays` package, which follows the gov.uk list; an administrator adds a one-off holiday, such
    as a state funeral, in the admin). A clock that counts working days skips these."""

    day = models.DateField(unique=True)
    name = models.CharField(max_length=120)
    source = models.CharField(max_length=300, blank=True)

    objects = LimitsQuerySet.as_manager()

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.name}"


def bank_holidays(start: date, end: date) -> frozenset[date]:
    """The England and Wales bank holidays from `start` to `end` inclusive."""
    return frozenset(BankHoliday.objects.filter(day__gte=start, day__lte=end).values_list("day", flat=True))


def limits_on(day: date) -> Limits:
    """The limits in force on `day` (the latest row effective on or before it)."""
    found = Limits.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if found is None:
        raise NotFound(f"No CCTV limits are in force on {day}: an administrator must add them.")
    return found
