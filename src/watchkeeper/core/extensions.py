"""Declared extension points: what an app adds to the site, said in one place, its own AppConfig.

An app plugs in by setting any of these attributes on its AppConfig (dotted paths, so declaring
imports nothing); the core files that use them read every installed app's declarations in
INSTALLED_APPS order and never list apps by hand:

- `api_routers`: modules with a django-ninja `router`, added to the one API under /api/.
- `urls`: (prefix, urls module) pairs, included under the site root.
- `home_panels`: functions `fn(user) -> dict | None` giving a home-page panel (None: no panel).
- `demo_loaders`: functions `fn(partnerships) -> dict` loading the app's demo data (a summary).
- `demo_live`: functions `fn(partnerships) -> dict` run each time `watchkeeper demo` serves, after
  loading, bringing the app's live picture up to now (the control room's open calls).
- `referral_hooks`: functions `fn(incident, agency)` called by the worker when the control room
  refers an incident to a partner agency; delivery is at least once, so a hook must be idempotent.
- `nav_links`: (label, url name, action) triples added to the navigation after the core links,
  each shown only to users allowed its action.
- `grants`: dicts `{action: roles}` adding the app's own actions to `core.roles.GRANTS` at start-up.
  An app may add actions, never widen or replace one already granted: a clash stops the start.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.utils.module_loading import import_string

POINTS = (
    "api_routers",
    "urls",
    "home_panels",
    "demo_loaders",
    "demo_live",
    "referral_hooks",
    "nav_links",
    "grants",
)


def declared(point: str) -> list:
    """Every installed app's declarations for one extension point, in INSTALLED_APPS order."""
    if point not in POINTS:
        raise ValueError(f"No extension point {point!r}: the points are {', '.join(POINTS)}.")
    return [item for config in apps.get_app_configs() for item in getattr(config, point, ())]


def functions(point: str) -> list[Callable]:
    """The declared functions of a point, imported."""
    return [import_string(dotted) for dotted in declared(point)]


def merge_grants(grants: dict[str, set[str]]) -> None:
    """Add every app's declared actions to `grants` (core.roles.GRANTS), refusing a redefinition:
    which roles may do an existing action is core policy, reviewed in core/roles.py."""
    for dotted in declared("grants"):
        for action, roles in import_string(dotted).items():
            if action in grants and set(grants[action]) != set(roles):
                raise ValueError(f"{dotted} redefines the action {action!r}: change it in core/roles.py.")
            grants[action] = set(roles)
