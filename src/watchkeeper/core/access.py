"""The one permission check: `allowed(user, action, obj)`, and the matching queryset narrowing.

A user may do an action when their role is granted it (roles.GRANTS), the API token in use (if any)
is scoped to it, and, for a record, the record is visible to them. Visibility has one definition:
the model's `visible_to(user)` queryset. The detail check asks that queryset whether the record is
in it, so a list, a search, a count, an export and a detail page can never disagree.
"""

from __future__ import annotations

import functools
from typing import Any

from django.db.models import Q, QuerySet

from watchkeeper.core.errors import Denied as Denied  # defined once, in core.errors; re-exported
from watchkeeper.core.roles import role_may


def is_staff_user(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active and user.role)


def allowed(user, action: str, obj: Any = None) -> bool:
    if not is_staff_user(user) or not role_may(user.role, action):
        return False
    token = getattr(user, "api_token", None)
    if token is not None and not token.permits(action):
        return False
    if obj is None:
        return True
    return record_visible(user, obj)


def require(user, action: str, obj: Any = None) -> None:
    if not allowed(user, action, obj):
        raise Denied()


def record_visible(user, obj) -> bool:
    if getattr(obj, "_visible_to", None) is user:  # fetched through visible_to(user): see visible_get
        return True
    manager = type(obj)._default_manager
    if not hasattr(manager, "visible_to"):
        return True
    return manager.visible_to(user).filter(pk=obj.pk).exists()


def visible_get(qs: QuerySet, user, **lookup):
    """The record matching `lookup` among those `user` may see, or None. The instance remembers it
    came through visible_to(user), so checking it again for this same user asks nothing more."""
    found = qs.visible_to(user).filter(**lookup).first()
    if found is not None:
        found._visible_to = user
    return found


def restricted_filter(qs: QuerySet, user) -> QuerySet:
    """Rows of a Restricted model that `user` may see (see core.models.restriction)."""
    from watchkeeper.core.models import Restriction

    if not is_staff_user(user) or not user.agency_id:
        return qs.none()
    agency = user.agency
    qs = qs.filter(partnership_id__in=user.partnership_ids())
    if agency.district_id:
        qs = qs.filter(Q(district__isnull=True) | Q(district_id=agency.district_id))
    model = qs.model
    shared_with_agency = model._default_manager.filter(shared_agencies=agency).values("pk")
    shared_with_user = model._default_manager.filter(shared_users=user).values("pk")
    return qs.filter(
        Q(restriction=Restriction.PARTNERSHIP)
        | Q(restriction=Restriction.AGENCIES, owner_agency=agency)
        | Q(restriction=Restriction.AGENCIES, pk__in=shared_with_agency)
        | Q(restriction=Restriction.PEOPLE, pk__in=shared_with_user)
    )


def partnership_filter(qs: QuerySet, user, field: str = "partnership") -> QuerySet:
    """Rows of an unrestricted but partnership-scoped model (district-bound users see their district)."""
    if not is_staff_user(user) or not user.agency_id:
        return qs.none()
    qs = qs.filter(**{f"{field}_id__in": user.partnership_ids()})
    district = user.agency.district_id
    if district and _has_district(qs.model):
        qs = qs.filter(Q(district__isnull=True) | Q(district_id=district))
    return qs


@functools.cache
def _has_district(model) -> bool:
    return "district" in {f.name for f in model._meta.get_fields()}


def declares(action: str):
    """Mark a view or API operation with the action it performs; the access-matrix test checks that
    every route carries one. The check itself is done by the view/API wrappers."""

    def mark(fn):
        fn.watchkeeper_action = action
        return fn

    return mark


def action_of(fn) -> str | None:
    while fn is not None:
        if hasattr(fn, "watchkeeper_action"):
            return fn.watchkeeper_action
        fn = getattr(fn, "__wrapped__", None)
    return None


def wraps_action(fn, action: str, wrapper):
    wrapped = functools.wraps(fn)(wrapper)
    wrapped.watchkeeper_action = action
    return wrapped
