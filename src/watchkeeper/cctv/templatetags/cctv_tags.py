"""The CCTV sub-navigation: only the pages the user may open (a district partner is not shown
links that would answer 403), the current one marked for screen readers."""

from __future__ import annotations

from django import template

from watchkeeper.core.navigation import allowed_links

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


@register.inclusion_tag("core/_subnav.html", takes_context=True)
def cctv_nav(context):
    return {"label": "CCTV", "links": allowed_links(context.get("request"), PAGES)}
