"""Rule data shared by planning's models: readable by every signed-in member of staff (no
partnership data in it), changed by administrators through the admin, in force from its
`effective_from` until a later row replaces it."""

from django.db import models

from watchkeeper.core.visibility import is_staff_user


class RuleQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.all() if is_staff_user(user) else self.none()

    def in_force(self, key: dict, at):
        """The row in force at `at` for the given key fields (None if none yet)."""
        return self.filter(**key, effective_from__lte=at).order_by("-effective_from", "-pk").first()
