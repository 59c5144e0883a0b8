"""The visitor log as the user may see it: who is in the room now, and the recent visits."""

from __future__ import annotations

from watchkeeper.cctv.visits.models import Visit
from watchkeeper.core.access import visible


def visits(user, limit: int = 200):
    return visible(Visit, user).select_related("request", "signed_in_by", "signed_out_by")[:limit]


def in_room(user):
    return visible(Visit, user).filter(signed_out_at__isnull=True).select_related("request")
