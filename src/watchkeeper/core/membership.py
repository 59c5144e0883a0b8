"""The one membership check: is the user in this partnership. Used by every API, page and service
that takes a partnership from the request (a slug) or writes into one."""

from __future__ import annotations

from watchkeeper.core.errors import Invalid
from watchkeeper.core.models import Partnership
from watchkeeper.core.prepared import Prepared

# Every call recorded names its partnership: compiled once (core/prepared.py); membership is then
# checked against the user's partnership ids, which every request has read already.
_BY_SLUG = Prepared(Partnership, lambda slot: Partnership.objects.filter(slug=slot("slug")).order_by())


def member_partnership(user, slug: str) -> Partnership:
    """The partnership named by `slug` if the user belongs to it; Invalid (400) otherwise, with the
    same answer for one that does not exist, so slugs of other partnerships cannot be probed."""
    found = _BY_SLUG.first(slug=slug)
    if found is None or found.id not in user.partnership_ids():
        raise Invalid(f"Unknown partnership {slug!r} (or not yours).")
    return found


def require_member(user, partnership: Partnership) -> None:
    """For services handed a partnership: refuse a write into one the user is not in."""
    if partnership.id not in user.partnership_ids():
        raise Invalid(f"You are not a member of {partnership.name}.")
