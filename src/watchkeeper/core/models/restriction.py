"""Need-to-know: every record that carries personal or sensitive data says who may see it."""

from django.db import models


class Restriction(models.TextChoices):
    PARTNERSHIP = "partnership", "Partnership-wide"
    AGENCIES = "agencies", "Named agencies only"
    PEOPLE = "people", "Named people only"


class RestrictedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Narrow to what `user` may see (core.visibility.restricted_filter)."""
        from watchkeeper.core.visibility import restricted_filter

        return restricted_filter(self, user)


class Restricted(models.Model):
    partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    restriction = models.CharField(max_length=12, choices=Restriction.choices, default=Restriction.PARTNERSHIP)
    owner_agency = models.ForeignKey("core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    shared_agencies = models.ManyToManyField("core.Agency", blank=True, related_name="+")
    shared_users = models.ManyToManyField("core.User", blank=True, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True
