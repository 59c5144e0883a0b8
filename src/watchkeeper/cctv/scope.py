"""Where a CCTV write lands: the user's partnership and a district of it (district-bound users
write into their own district only). Shared by every CCTV service."""

from __future__ import annotations

from watchkeeper.core.errors import Denied, Invalid
from watchkeeper.core.membership import member_partnership
from watchkeeper.core.models import District, Partnership
from watchkeeper.core.visibility import user_district


def district_of(user, partnership: Partnership, code: str | None) -> District | None:
    """The district `code` of `partnership` (None for none), refusing another partnership's code and,
    for a district-bound user, any district but their own."""
    if not code:
        own = user_district(user)
        return District.objects.get(pk=own) if own else None
    found = District.objects.filter(partnership=partnership, code=code).first()
    if found is None:
        raise Invalid(f"{partnership.name} has no district {code!r}.")
    own = user_district(user)
    if own is not None and found.pk != own:
        raise Denied("That district is not yours: you can act in your own district only.")
    return found


def placed(user, partnership_slug: str, district_code: str | None) -> tuple[Partnership, District | None]:
    partnership = member_partnership(user, partnership_slug)
    return partnership, district_of(user, partnership, district_code)


def aware(moment):
    """A time from a form (naive: UK local time, as the page shows) or the API (with its offset)."""
    from django.utils import timezone

    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)
