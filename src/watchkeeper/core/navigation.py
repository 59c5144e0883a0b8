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
