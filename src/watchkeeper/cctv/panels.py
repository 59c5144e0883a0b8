"""Home-page panels for the CCTV control room (registered in apps.py)."""

from watchkeeper.core.access import allowed


def faults_panel(user):
    from watchkeeper.cctv.cameras.models import Fault

    if not allowed(user, "cctv.camera.view"):
        return None
    count = Fault.objects.visible_to(user).exclude(status=Fault.Status.FIXED).count()
    return {
        "title": "Open camera faults",
        "value": count,
        "url": "/cctv/faults/",
        "note": "Reported, awaiting the maintainer.",
    }


def requests_panel(user):
    from watchkeeper.cctv.requests.models import ViewingRequest

    if not allowed(user, "cctv.request.view"):
        return None
    count = ViewingRequest.objects.visible_to(user).filter(status=ViewingRequest.Status.RECEIVED).count()
    return {
        "title": "Requests awaiting a decision",
        "value": count,
        "url": "/cctv/requests/",
        "note": "Viewing and subject-access requests.",
    }


def evidence_at_risk_panel(user):
    """Raised to the room: open requests whose footage window overlaps a camera outage."""
    from watchkeeper.cctv.cameras.queries import evidence_at_risk

    if not allowed(user, "cctv.request.view"):
        return None
    found = evidence_at_risk(user)
    if not found:
        return None
    return {
        "title": "Evidence at risk",
        "value": len({r["request"].pk for r in found}),
        "url": "/cctv/faults/",
        "note": "Open requests whose footage window overlaps a camera outage.",
    }
