"""The one permission check: `allowed(user, action, obj)`, and the matching queryset narrowing.

A user may do an action when their role is granted it (roles.GRANTS), the API token in use (if any)
is scoped to it, and, for a record, the record is visible to them. Visibility has one definition per
model, declared in core.visibility (deny by default). The detail check asks that rule whether the
record is in it, so a list, a search, a count, an export and a detail page can never disagree.
Role names are never compared outside core.roles: a check that depends on the role is an action.
"""

from __future__ import annotations

import functools
from typing import Any

from watchkeeper.core.errors import Denied as Denied  # defined once, in core.errors; re-exported
from watchkeeper.core.roles import role_may
from watchkeeper.core.visibility import (  # noqa: F401 - the one import point for views and services
    get_visible_or_404,
    is_staff_user,
    partnership_filter,
    record_visible,
    restricted_filter,
    visible,
    visible_get,
)


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
