"""Home-page panels: each app declares functions that return a panel for a user, or None (its
AppConfig's `home_panels`, core/extensions.py). Core's own panels are here."""

from __future__ import annotations

from watchkeeper.core import extensions


def for_user(user) -> list[dict]:
    panels = []
    for fn in extensions.functions("home_panels"):
        panel = fn(user)
        if panel:
            panels.append(panel)
    return panels


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
