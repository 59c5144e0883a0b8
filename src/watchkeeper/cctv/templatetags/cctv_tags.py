"""The CCTV sub-navigation: only the pages the user may open (a district partner is not shown
links that would answer 403), the current one marked for screen readers."""

from __future__ import annotations

from django import template
from django.urls import reverse

from watchkeeper.core.access import allowed

register = template.Library()

PAGES = [
    ("Cameras", "cctv:cameras", "cctv.camera.view"),
    ("Faults", "cctv:faults", "cctv.camera.view"),
    ("Operator log", "cctv:log", "cctv.log.view"),
    ("Requests", "cctv:requests", "cctv.request.view"),
    ("Evidence", "cctv:evidence", "cctv.evidence.view"),
    ("Verify a package", "cctv:verify", "cctv.evidence.verify"),
    ("Visitors", "cctv:visits", "cctv.visit.view"),
    ("Rapid deployment", "cctv:deployments", "cctv.deployment.view"),
    ("Retention", "cctv:retention", "cctv.retention.view"),
    ("Compliance", "cctv:compliance", "cctv.compliance.view"),
    ("Dashboard", "cctv:dashboard", "cctv.dashboard.view"),
    ("Survey", "cctv:survey", "cctv.survey.answer"),
]


@register.inclusion_tag("cctv/_nav_links.html", takes_context=True)
def cctv_nav(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    links = []
    for label, name, action in PAGES:
        if user is not None and user.is_authenticated and allowed(user, action):
            url = reverse(name)
            links.append({"label": label, "url": url, "current": request.path == url})
    return {"links": links}
