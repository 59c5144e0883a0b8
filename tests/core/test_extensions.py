"""Declared extension points (issue 10 item 4): routers, urls, home panels, demo loaders and referral
hooks come from each app's AppConfig; no core file lists apps. Every installed app's contributions
are wired, and a test app plugs in by declaring them, without editing a core file."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import override_settings
from django.urls import URLResolver, get_resolver

from tests.plugin import hooks
from watchkeeper.api import api
from watchkeeper.core import extensions, home_panels

ROOT = Path(__file__).resolve().parents[2]
WITH_PLUGIN = [*settings.INSTALLED_APPS, "tests.plugin"]


def test_every_installed_apps_routers_and_urls_are_wired():
    routers = {id(router) for _, router in api._routers}
    for module in extensions.declared("api_routers"):
        assert id(__import__(module, fromlist=["router"]).router) in routers, module
    included = [
        (str(p.pattern), getattr(p.urlconf_name, "__name__", None))
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver)
    ]
    for prefix, module in extensions.declared("urls"):
        assert (prefix, module) in included
    # What the hand-kept lists held before is all still declared.
    assert {
        "watchkeeper.core.api",
        "watchkeeper.control.api",
        "watchkeeper.intel.crime.api",
        "watchkeeper.sharing.api",
    } <= set(extensions.declared("api_routers"))
    assert {
        "watchkeeper.control.coverage.urls",
        "watchkeeper.control.repeats.urls",
        "watchkeeper.control.urls",
        "watchkeeper.intel.urls",
        "watchkeeper.sharing.urls",
    } <= {m for _, m in extensions.declared("urls")}


def test_every_declared_function_imports_and_the_points_are_closed():
    for point in ("home_panels", "demo_loaders", "demo_live", "referral_hooks"):
        assert all(callable(fn) for fn in extensions.functions(point))
    assert "watchkeeper.control.demo_live.top_up" in extensions.declared("demo_live")
    assert [fn.__name__ for fn in extensions.functions("home_panels")][:2] == ["people_panel", "audit_panel"]
    # The core modules' loaders first and in this order (incidents before what is built on them);
    # apps installed later (cases, CCTV, patrol, ...) add theirs after.
    assert extensions.declared("demo_loaders")[:4] == [
        "watchkeeper.control.demo.load",
        "watchkeeper.control.demo_history.load",
        "watchkeeper.control.gazetteer.demo.load",
        "watchkeeper.intel.demo.load",
    ]
    with pytest.raises(ValueError, match="No extension point"):
        extensions.declared("routers")


@pytest.mark.django_db
def test_a_plugged_in_app_adds_a_home_panel_a_demo_loader_and_a_referral_hook(as_user):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="analyst")
    assert "Plugged-in panel" not in [p["title"] for p in home_panels.for_user(user)]
    with override_settings(INSTALLED_APPS=WITH_PLUGIN):
        assert apps.is_installed("tests.plugin")
        assert "Plugged-in panel" in [p["title"] for p in home_panels.for_user(user)]
        assert as_user("analyst").get("/").content.count(b"Plugged-in panel") == 1
        assert extensions.functions("demo_loaders")[-1] is hooks.load_demo
        # The installed cases app opens a case from a referral; the plug-in's hook comes after it.
        assert extensions.functions("referral_hooks")[-1] is hooks.on_referral


def test_a_plugged_in_apps_router_and_pages_are_served_in_a_fresh_process():
    """URLs and the API are wired once at start-up, so this runs a new process with the plug-in
    installed through settings alone."""
    script = (
        "import json, django; django.setup()\n"
        "from django.test import Client\n"
        "c = Client()\n"
        "page = c.get('/plugin/'); ping = c.get('/api/plugin/ping')\n"
        "from django.urls import reverse\n"
        "from watchkeeper.core.extensions import declared\n"
        "from watchkeeper.core.roles import GRANTS\n"
        "label, name, action = declared('nav_links')[-1]  # the plug-in is installed last\n"
        "print(json.dumps([page.status_code, page.content.decode(), ping.status_code, ping.json(),\n"
        "                  sorted(GRANTS['plugin.ping']), label, reverse(name)]))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.plugin.settings", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [
        200,
        "plugged in",
        200,
        {"pong": True},
        ["analyst"],
        "Plugged in",
        "/plugin/",
    ]


def test_an_app_may_add_actions_but_not_redefine_one():
    grants = {"incident.view": {"dispatcher"}}
    with override_settings(INSTALLED_APPS=WITH_PLUGIN):
        extensions.merge_grants(grants)
        assert grants["plugin.ping"] == {"analyst"}
        clash = {"plugin.ping": {"auditor"}}
        with pytest.raises(ValueError, match="redefines the action 'plugin.ping'"):
            extensions.merge_grants(clash)
