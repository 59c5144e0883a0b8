"""The JSON API: one NinjaAPI, bearer-token or session auth, one error shape ({"detail": ...}),
and `operation(action)` to declare and enforce each endpoint's action."""

from __future__ import annotations

import functools
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.utils import timezone
from ninja import Field, NinjaAPI
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import APIKeyCookie, HttpBearer

from watchkeeper.core.access import allowed
from watchkeeper.core.errors import Denied, NotFound, Refused
from watchkeeper.core.input import StrictSchema
from watchkeeper.core.models import ApiToken
from watchkeeper.core.prepared import Prepared
from watchkeeper.core.web import refused

# Every API request looks its token up: compiled once (core/prepared.py), it costs a tenth as much.
TOKEN_BY_PREFIX = Prepared(
    ApiToken, lambda slot: ApiToken.objects.select_related("user__agency").filter(prefix=slot("prefix"))
)


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        parts = token.split("_")
        if len(parts) < 3 or parts[0] != "wk":
            return None
        found = TOKEN_BY_PREFIX.first(prefix=parts[1])
        if found is None or not found.is_usable() or found.digest != ApiToken.digest_of(token):
            return None
        if not found.user.is_active:
            return None
        now = timezone.now()
        # A write per request would serialise every API call on SQLite; a minute's precision is
        # enough to tell an administrator which tokens are still in use.
        if found.last_used_at is None or now - found.last_used_at > timedelta(minutes=1):
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        user = found.user
        user.api_token = found
        request.user = user
        return user


class Session(APIKeyCookie):
    """Logged-in browser sessions (the live board and pages call the API too); CSRF enforced."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = request.user
        return user if user.is_authenticated else None


def docs_access(view):
    """The schema and Swagger UI (ninja's bundled copy, no CDN) describe every operation and field:
    they are for signed-in users and token holders unless WATCHKEEPER_PUBLIC_API_DOCS opens them."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.PUBLIC_API_DOCS or request.user.is_authenticated or BearerToken()(request):
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            return JsonResponse({"detail": "Sign in or send a bearer token to read the API schema."}, status=401)
        return redirect_to_login(request.get_full_path())

    return wrapper


api = NinjaAPI(
    title="Watchkeeper API",
    version="1",
    description="Control room, cases, CCTV and intelligence for community-safety partnerships.",
    auth=[BearerToken(), Session(csrf=True)],
    urls_namespace="api",
    docs_decorator=docs_access,
)


class Paged(LimitOffsetPagination):
    """Limit/offset pagination with bounds: an absurd offset is a 422, not a database overflow."""

    class Input(StrictSchema):
        limit: int = Field(100, ge=1, le=500, description="Rows per page (at most 500)")
        offset: int = Field(0, ge=0, le=10_000_000)


def operation(action: str):
    """Declare and enforce the action an API operation performs."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(request, *args, **kwargs):
            if not allowed(request.auth, action):
                refused(request, request.auth, action, 403)
                raise HttpError(403, f"Your role or token does not allow {action}.")
            try:
                return fn(request, *args, **kwargs)
            except Denied:
                refused(request, request.auth, action, 403)
                raise
            except (Http404, ObjectDoesNotExist, NotFound):
                refused(request, request.auth, action, 404)
                raise

        wrapper.watchkeeper_action = action
        return wrapper

    return decorate


def listing(router, path: str, row, action: str, summary: str | None = None, pager=None):
    """Declare a list operation: GET `path` answering a page (Paged, or the `pager` given) of `row`,
    for `action`. The view returns the rows, narrowed to what the caller may see
    (`Model.objects.visible_to(request.auth)` or a query that does so), and records the read where
    the rows hold personal data."""

    def decorate(fn):
        paged = paginate(pager or Paged)(fn)
        return router.get(path, response=list[row], summary=summary)(operation(action)(paged))

    return decorate


@api.exception_handler(Refused)
def on_refused(request, exc):
    """Every service refusal (core.errors: Invalid, Denied, NotFound, Conflict) in one place."""
    return api.create_response(request, {"detail": exc.message}, status=exc.status)


@api.exception_handler(ObjectDoesNotExist)
def on_missing(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(Http404)
def on_404(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


@api.exception_handler(DjangoValidationError)
def on_invalid(request, exc):
    detail = "; ".join(exc.messages) if hasattr(exc, "messages") else str(exc)
    return api.create_response(request, {"detail": detail}, status=400)


@api.exception_handler(IntegrityError)
def on_conflict(request, exc):
    return api.create_response(request, {"detail": "That conflicts with an existing record."}, status=409)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request, exc):
    return api.create_response(request, {"detail": "Request body too large."}, status=413)


def register_routers() -> None:
    """Every installed app's routers, as its AppConfig declares them (`api_routers`, core/extensions.py)."""
    import importlib

    from watchkeeper.core import extensions

    for module in extensions.declared("api_routers"):
        api.add_router("/", importlib.import_module(module).router)


register_routers()
