"""Patrol officers: SIA licence, CSAS accreditation (powers granted one by one, each with its
expiry), vetting and training records."""

from django.conf import settings
from django.db import models

from watchkeeper.core.visibility import UndistrictedQuerySet, through
from watchkeeper.patrol.reference import ReferenceQuerySet


class Officer(models.Model):
    contract = models.ForeignKey("patrol.Contract", on_delete=models.PROTECT, related_name="officers")
    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="patrol_officer"
    )
    name = models.CharField(max_length=120)
    collar_number = models.CharField(max_length=20)
    sia_licence = models.CharField("SIA licence number", max_length=16)
    sia_expires = models.DateField("SIA licence expires")
    active = models.BooleanField(default=True)

    objects = UndistrictedQuerySet.as_manager()

    class Meta:
        ordering = ["collar_number"]
        constraints = [models.UniqueConstraint(fields=["contract", "collar_number"], name="patrol_officer_collar")]

    def __str__(self) -> str:
        return f"{self.collar_number} {self.name}"


class Power(models.Model):
    """A power the chief constable may grant under CSAS (Police Reform Act 2002 Sch. 5): reference
    data, seeded by migration. `offence` powers issue fixed penalty notices for that offence."""

    code = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=120)
    issues_notice = models.BooleanField(default=False)
    fine_amount = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class Accreditation(models.Model):
    """One power granted to one officer, until it expires (or is withdrawn)."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="accreditations")
    power = models.ForeignKey(Power, on_delete=models.PROTECT, related_name="+")
    granted_on = models.DateField()
    expires_on = models.DateField()
    withdrawn_on = models.DateField(null=True, blank=True)

    objects = through("officer").as_manager()

    class Meta:
        ordering = ["officer", "power"]
        constraints = [models.UniqueConstraint(fields=["officer", "power", "granted_on"], name="patrol_accred_once")]


class Vetting(models.Model):
    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="vettings")
    level = models.CharField(max_length=40, help_text="e.g. NPPV2")
    cleared_on = models.DateField()
    expires_on = models.DateField()

    objects = through("officer").as_manager()


class Training(models.Model):
    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="trainings")
    course = models.CharField(max_length=120, help_text="e.g. court-standard incident notes")
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)

    objects = through("officer").as_manager()
