"""HTML view plumbing: the `page(action)` decorator (login + the one permission check + the one
place a page turns a refusal into its 4xx page) and the audit actor for a request."""

from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import render

from watchkeeper.core.access import allowed
from watchkeeper.core.audit import Actor, record_denied
from watchkeeper.core.errors import Denied, Refused
from watchkeeper.core.input import refusal_page


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")[:80]


def actor_of(request, reason: str = "") -> Actor:
    reason = reason or request.headers.get("X-Reason", "") or request.GET.get("reason", "")
    return Actor(user=request.user, source=client_address(request), reason=reason.strip())


def refused(request, user, action: str, status: int) -> None:
    """Put a refusal on the audit trail (throttled: see audit.record_denied). A 404 inside a view
    that declares an action is a lookup outside what the user may see, or of an id that does not
    exist: both are how ID enumeration looks, so both are recorded."""
    if not getattr(user, "is_authenticated", False):
        return
    what = "not found or not visible" if status == 404 else "forbidden"
    actor = Actor(user=user, source=client_address(request))
    record_denied(actor, action, f"{what}: {request.method} {request.get_full_path()[:200]}")


def forbidden(request, message: str = "Your role does not give access to this page.", action: str = ""):
    refused(request, request.user, action or getattr(request, "watchkeeper_action", "") or "page", 403)
    return render(request, "core/forbidden.html", {"message": message}, status=403)


def page(action: str):
    """Declare and enforce the action a view performs."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user, action):
                return forbidden(request, action=action)
            try:
                return view(request, *args, **kwargs)
            except Denied as exc:
                return forbidden(request, exc.message, action=action)
            except (Http404, ObjectDoesNotExist):
                refused(request, request.user, action, 404)
                raise
            except Refused as exc:  # Invalid, NotFound, Conflict: the message, never a 500
                if exc.status == 404:
                    refused(request, request.user, action, 404)
                return refusal_page(request, exc.message, exc.status)
            except ValidationError as exc:  # a model or service check in Django's own terms
                return refusal_page(request, "; ".join(exc.messages), 400)

        wrapper.watchkeeper_action = action
        return wrapper

    return decorate


def public(view):
    """Declare a view that needs no login (health checks, the login page)."""
    view.watchkeeper_action = "public"
    return view
