"""Session expiry is sliding (settings.SESSION_SAVE_EVERY_REQUEST): this only tells a user who
came back to an expired session why they are at the sign-in page."""

from django.contrib import messages


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
