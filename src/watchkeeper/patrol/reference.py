"""Rule data of no partnership (thresholds, dwell targets): readable by any signed-in staff user."""

from django.db import models

from watchkeeper.core.visibility import is_staff_user


class ReferenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.all() if is_staff_user(user) else self.none()
