"""Which partnership a planning page or API call is about: `?partnership=<slug>`, one of the user's
own, else the first of theirs."""

from __future__ import annotations

from watchkeeper.core.errors import NotFound
from watchkeeper.core.models import Partnership


def partnership_for(user, slug: str | None = None) -> Partnership | None:
    mine = Partnership.objects.filter(pk__in=user.partnership_ids()).order_by("name")
    if slug:
        found = mine.filter(slug=slug).first()
        if found is None:
            raise NotFound(f"No partnership {slug!r} of yours.")
        return found
    return mine.first()
