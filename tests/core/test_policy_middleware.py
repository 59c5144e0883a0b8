"""The content security policy built once per process (core/middleware.py PolicyMiddleware) is the
header django-csp builds per response, and a response with its own policy still gets its own."""

from __future__ import annotations

from csp.constants import NONCE, NONE, SELF
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from watchkeeper.core.middleware import PolicyMiddleware


def policies(view, path="/somewhere/") -> tuple[str, str]:
    """(ours, django-csp's) Content-Security-Policy for the same request and view."""
    headers = []
    for middleware in (PolicyMiddleware, CSPMiddleware):
        response = middleware(view)(RequestFactory().get(path))
        headers.append(response.headers.get("Content-Security-Policy", ""))
    return headers[0], headers[1]


def plain(request):
    return HttpResponse("ok")


@csp_update({"img-src": ["https://tiles.example"]})
def with_own_policy(request):
    return HttpResponse("ok")


def nonce_user(request):
    return HttpResponse(str(request.csp_nonce))


def directives(header: str) -> dict:
    return {part.split(" ", 1)[0]: set(part.split(" ")[1:]) for part in header.split("; ")}


def test_the_policy_built_once_is_django_csps_and_follows_a_changed_setting(settings):
    ours, theirs = policies(plain)
    assert ours and directives(ours) == directives(theirs)
    assert policies(plain)[0] == ours  # the second response: the same policy, from the cache
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": [SELF], "object-src": [NONE]}}
    ours, theirs = policies(plain)
    assert directives(ours) == directives(theirs) == {"default-src": {SELF}, "object-src": {NONE}}
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": [SELF]}, "EXCLUDE_URL_PREFIXES": ["/api/"]}
    assert policies(plain, "/api/incidents") == ("", "")


def test_a_response_with_its_own_policy_or_a_nonce_is_built_as_django_csp_builds_it(settings):
    ours, theirs = policies(with_own_policy)
    assert "https://tiles.example" in directives(ours)["img-src"] and directives(ours) == directives(theirs)
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": [SELF], "script-src": [SELF, NONCE]}}
    response = PolicyMiddleware(nonce_user)(RequestFactory().get("/"))
    assert f"'nonce-{response.content.decode()}'" in response.headers["Content-Security-Policy"]


# Bearer-token API calls skip the browser's session, signed-in user and messages (core/middleware.py).


def test_a_token_call_is_answered_by_its_token_and_never_by_a_session_that_came_with_it(as_user, token_for):
    dispatcher = as_user("dispatcher")  # signed in by session
    assert dispatcher.get("/api/me").json()["username"] == "dispatcher"  # a session API call still works
    analyst_token = token_for("analyst")
    assert dispatcher.get("/api/me", **analyst_token).json()["username"] == "analyst"
    # A token that does not authenticate is refused, not answered as the session's user.
    refused = dispatcher.get("/api/me", HTTP_AUTHORIZATION="Bearer wk_nosuch_secret")
    assert refused.status_code == 401
    # No session was read or written for the token calls: the signed-in browser keeps its own.
    assert "sessionid" not in refused.cookies and dispatcher.get("/api/me").json()["username"] == "dispatcher"


def test_pages_keep_their_session_even_with_a_bearer_header(as_user, token_for):
    dispatcher = as_user("dispatcher")
    page = dispatcher.get("/account/", **token_for("analyst"))  # not /api/: the header means nothing here
    assert page.status_code == 200 and page.wsgi_request.user.username == "dispatcher"
