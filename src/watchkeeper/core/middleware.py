"""Request middleware of our own: the idle-session notice, the content security policy, and the
browser-only middleware (sessions, the signed-in user, messages) left out of bearer-token API calls.

Session expiry is sliding (settings.SESSION_SAVE_EVERY_REQUEST): IdleSessionMiddleware only tells a
user who came back to an expired session why they are at the sign-in page."""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.signals import setting_changed
from django.dispatch import receiver


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        had_session = bool(request.COOKIES.get("sessionid"))
        if had_session and not request.path.startswith(("/api/", "/static/", "/login/")):
            request.session.keys()  # load it: a cookie naming a session that no longer exists means it expired
            if request.session.is_empty():
                messages.info(request, "Your session expired; please sign in again.")
        return self.get_response(request)


class PolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the settings' policy built once per process instead of on
    every response (its build copies and sorts every directive, twice: about 3.5% of an API request's CPU).
    A response with a nonce or its own policy (the csp decorators) is built as before."""

    _PER_RESPONSE = tuple(f"_csp_{part}{ro}" for part in ("config", "update", "replace") for ro in ("", "_ro"))
    _built: dict[bool, str] = {}

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in self._PER_RESPONSE
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (500, 404):
            return response
        for report_only, header in ((False, HEADER), (True, HEADER_REPORT_ONLY)):
            policy = self._built.get(report_only)
            if policy is None:
                policy = self._built[report_only] = build_policy(report_only=report_only)
            setting = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            exempt = getattr(response, "_csp_exempt_ro" if report_only else "_csp_exempt", False) is not False
            if policy and header not in response and not exempt and not request.path_info.startswith(tuple(prefixes)):
                response[header] = policy
        # As django-csp: a nonce asked for after the header is written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


@receiver(setting_changed)
def _forget_policy(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        PolicyMiddleware._built.clear()


def token_request(request) -> bool:
    """An API call that presents a bearer token: the API judges it by that token alone
    (api.BearerToken), so the browser's session, its signed-in user and its messages play no part.
    The same test as django-ninja's HttpBearer, which reads the header."""
    if not request.path_info.startswith("/api/"):
        return False
    return request.META.get("HTTP_AUTHORIZATION", "").split(" ", 1)[0].lower() == "bearer"


class _ForBrowsers:
    """Skips this middleware for a token request (about 1.5% of an API call's CPU, measured in
    benchmarks/intake.py); every other request, API calls signed in by session included, runs it."""

    def __call__(self, request):
        if not self.async_mode and token_request(request):
            self.leave_out(request)
            return self.get_response(request)
        return super().__call__(request)

    def leave_out(self, request) -> None:
        pass


class BrowserSessionMiddleware(_ForBrowsers, SessionMiddleware):
    pass


class BrowserAuthenticationMiddleware(_ForBrowsers, AuthenticationMiddleware):
    def leave_out(self, request) -> None:
        # Nobody is signed in by a session here: a token that does not authenticate is refused (401)
        # even when a session cookie came along, rather than answered as that session's user.
        request.user = AnonymousUser()


class BrowserMessageMiddleware(_ForBrowsers, MessageMiddleware):
    pass
