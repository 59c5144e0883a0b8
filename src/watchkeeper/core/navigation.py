"""Role-aware navigation: each link appears only for roles granted its action."""

from django.urls import NoReverseMatch, reverse

from watchkeeper.core.access import allowed
from watchkeeper.core.extensions import declared

# (label, url name, action). Other apps declare theirs on their AppConfig (`nav_links`).
LINKS = [
    ("Home", "home", "home.view"),
    ("Control room", "control:board", "incident.view"),
    ("New call", "control:intake", "incident.create"),
    ("Units", "control:units", "unit.view"),
    ("Response times", "control:kpis", "kpi.view"),
    ("Repeats", "repeats:page", "incident.view"),
    ("Intelligence", "intel:overview", "intel.view"),
    ("Patrol tasking", "intel:tasking", "tasking.view"),
    ("People", "people", "person.search"),
    ("Map", "map", "map.view"),
    ("Audit trail", "audit", "audit.view"),
    ("Administration", "admin:index", "admin.view"),
    ("Account", "account", "account.manage"),
]


def allowed_links(request, pages) -> list[dict]:
    """A module's sub-navigation, (label, url name, action) triples: only the pages the user may
    open (a link that would answer 403 is not shown), the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    links = []
    for label, name, action in pages:
        if allowed(user, action):
            url = reverse(name)
            links.append({"label": label, "url": url, "current": request.path == url})
    return links


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": []}
    links = []
    # Apps' links go before Account, which stays last.
    for label, name, action in [*LINKS[:-1], *declared("nav_links"), LINKS[-1]]:
        if not allowed(user, action):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue  # the app providing it is not installed in this deployment
        links.append({"label": label, "url": url, "active": request.path == url})
    return {"nav_links": links}
