"""Home-page panels for the control room (registered in apps.py)."""

from watchkeeper.core.access import allowed
from watchkeeper.core.home_panels import provider


@provider
def open_incidents_panel(user):
    from watchkeeper.control.models import Incident

    if not allowed(user, "incident.view"):
        return None
    count = Incident.objects.visible_to(user).filter(status=Incident.Status.OPEN).count()
    return {"title": "Open incidents", "value": count, "url": "/control/incidents/", "note": "Owned by the borough."}


@provider
def reviews_panel(user):
    from watchkeeper.control.models import Incident, SupervisionReview

    if not allowed(user, "incident.command"):
        return None
    count = SupervisionReview.objects.filter(
        status=SupervisionReview.Status.OPEN, incident__in=Incident.objects.visible_to(user)
    ).count()
    return {
        "title": "Open supervisor reviews",
        "value": count,
        "url": "/control/reviews/",
        "note": "Intrusive-supervision incidents awaiting review.",
    }


@provider
def my_unit_panel(user):
    from watchkeeper.control.models import Unit

    if not allowed(user, "unit.field"):
        return None
    unit = Unit.objects.filter(officer=user).first()
    if unit is None:
        return None
    return {
        "title": f"My unit {unit.call_sign}",
        "value": unit.get_status_display(),
        "url": "/control/my-unit/",
        "note": "Change status and see your assigned incident.",
    }
