"""The intelligence pages' template helpers: the sub-navigation (only the pages the user may open:
a district partner is shown trends and hotspots, not tasking or imports) and month/value pairs."""

from __future__ import annotations

from django import template

from watchkeeper.core.navigation import allowed_links

register = template.Library()

PAGES = [
    ("Trends", "intel:overview", "intel.view"),
    ("Hotspots", "intel:hotspots", "intel.view"),
    ("Patrol tasking", "intel:tasking", "tasking.view"),
    ("Surveys", "intel:surveys", "intel.view"),
    ("Data pack", "intel:pack", "intel.view"),
    ("Targets", "intel:targets", "intel.manage"),
    ("Import", "intel:import", "intel.import"),
    ("Partner data", "sharing:partner_data", "intel.import"),
]


@register.inclusion_tag("core/_subnav.html", takes_context=True)
def intel_nav(context):
    return {"label": "Intelligence", "links": allowed_links(context.get("request"), PAGES)}


@register.filter
def zip_pairs(left, right):
    return list(zip(left, right, strict=False))
