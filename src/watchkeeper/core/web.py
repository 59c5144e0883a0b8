"""HTML view plumbing: the `page(action)` decorator (login + the one permission check + the one
place a page turns a refusal into its 4xx page) and the audit actor for a request."""

from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import render

from watchkeeper.core.access import allowed
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Denied, Refused
from watchkeeper.core.input import refusal_page


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")[:80]


def actor_of(request, reason: str = "") -> Actor:
    reason = reason or request.headers.get("X-Reason", "") or request.GET.get("reason", "")
    return Actor(user=request.user, source=client_address(request), reason=reason.strip())


def forbidden(request, message: str = "Your role does not give access to this page."):
    return render(request, "core/forbidden.html", {"message": message}, status=403)


def page(action: str):
    """Declare and enforce the action a view performs."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user, action):
                return forbidden(request)
            try:
                return view(request, *args, **kwargs)
            except Denied as exc:
                return forbidden(request, exc.message)
            except Refused as exc:  # Invalid, NotFound, Conflict: the message, never a 500
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
