"""Home-page panels: the current or last shift's missed tasks (the council sees them the same night), and expiries."""

from datetime import timedelta

from django.utils import timezone

from watchkeeper.core.access import allowed
from watchkeeper.core.errors import Conflict


def tonight_panel(user):
    from watchkeeper.patrol.shifts.models import Shift
    from watchkeeper.patrol.tasking.models import ShiftTask

    if not allowed(user, "patrol.view"):
        return None
    now = timezone.now()
    missed = ShiftTask.objects.visible_to(user).filter(
        shift__starts_at__lte=now, shift__ends_at__gt=now - timedelta(hours=12), due_by__lte=now, visit__isnull=True
    )
    # The window covers a shift still running and one that ended in the last 12 hours, so at 10:00
    # the figure is last night's: the title says which the supervisor is looking at.
    running = Shift.objects.visible_to(user).filter(starts_at__lte=now, ends_at__gt=now).exists()
    return {
        "title": "Patrol tasks missed this shift" if running else "Patrol tasks missed on the last shift",
        "value": missed.count(),
        "url": "/patrol/",
        "note": "Due, no visit.",
    }


def expiry_panel(user):
    from watchkeeper.patrol.contract.queries import rules_on
    from watchkeeper.patrol.officers.models import Accreditation

    if not allowed(user, "patrol.manage"):
        return None
    today = timezone.localdate()
    try:
        days = rules_on(today).expiry_alert_days
    except Conflict:  # no rules in force yet: the panel says nothing rather than fail the home page
        return None
    due = Accreditation.objects.visible_to(user).filter(
        withdrawn_on__isnull=True, expires_on__lte=today + timedelta(days=days)
    )
    return {"title": "CSAS powers expiring", "value": due.count(), "url": "/patrol/", "note": f"Within {days} days."}
