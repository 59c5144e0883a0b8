"""Home-page panels: each app registers a function that returns a panel for a user (or None)."""

from __future__ import annotations

from collections.abc import Callable

PROVIDERS: list[Callable] = []


def provider(fn: Callable) -> Callable:
    PROVIDERS.append(fn)
    return fn


def for_user(user) -> list[dict]:
    panels = []
    for fn in PROVIDERS:
        panel = fn(user)
        if panel:
            panels.append(panel)
    return panels


@provider
def people_panel(user):
    from watchkeeper.core.access import allowed
    from watchkeeper.core.models import Person

    if not allowed(user, "person.search"):
        return None
    count = Person.objects.visible_to(user).filter(merged_into__isnull=True).count()
    return {
        "title": "People you may see",
        "value": count,
        "url": "/people/",
        "note": "Callers, victims, subjects and offenders shared with you.",
    }


@provider
def audit_panel(user):
    from watchkeeper.core.access import allowed
    from watchkeeper.core.models import AuditEntry

    if not allowed(user, "audit.view"):
        return None
    return {
        "title": "Audit entries",
        "value": AuditEntry.objects.count(),
        "url": "/audit/",
        "note": "Chained by SHA-256; run watchkeeper verify_audit to check integrity.",
    }
