"""The one family of refusals. Services raise these; the API answers them in one exception handler
(watchkeeper.api) and pages in one place (core.web.page), so a refusal is always a 4xx with the
message, never a 500, wherever it is raised."""

from __future__ import annotations


class Refused(Exception):
    """A request the application refuses; `status` is the HTTP status to answer with."""

    status = 400
    default = "That request cannot be done."

    def __init__(self, message: str = ""):
        message = message or self.default
        super().__init__(message)
        self.message = message


class Invalid(Refused):
    status = 400
    default = "That input is not valid."


class Denied(Refused):
    status = 403
    default = "You do not have permission to do that."


class NotFound(Refused):
    status = 404
    default = "Not found."


class Conflict(Refused):
    status = 409
    default = "That conflicts with the current state of the record."
