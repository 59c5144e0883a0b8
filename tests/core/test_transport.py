"""Transport hardening, as a browser, a client behind a proxy and an IT officer would meet it: a
Content-Security-Policy with no inline script, HSTS and a trusted-proxy list with secure cookies,
owner-only database files, and API docs served locally behind sign-in."""

from __future__ import annotations

import re
import sqlite3
import stat

import httpx
import pytest
from django.apps import apps
from django.contrib.admindocs.views import extract_views_from_urlpatterns, simplify_regex
from django.test import Client
from django.urls import get_resolver

from tests.core.test_settings_and_cli import run
from tests.support.servers import DemoSite
from watchkeeper.core.models import Person

# A page's own markup may carry none of these: the CSP would block them (and so would an attacker's).
INLINE = {
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    "on*= handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "<style> block": re.compile(r"<style\b", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}
PERSONAS = ["dispatcher", "duty", "patrol", "analyst", "auditor", "idva", "admin"]


def first_pk(model_name: str) -> int | None:
    model = next(m for m in apps.get_models() if m.__name__ == model_name)  # wherever its app keeps it
    return model.objects.order_by("pk").values_list("pk", flat=True).first()


def page_urls() -> list[str]:
    ids = {
        "people": Person.objects.get(family_name="Openshaw").pk,
        "incidents": first_pk("Incident"),
        "tasking": first_pk("PatrolTasking"),
    }
    urls = []
    for _view, regex, _namespace, _name in extract_views_from_urlpatterns(get_resolver().url_patterns):
        url = simplify_regex(regex)
        if url.startswith(("/admin", "/api", "/logout")) or "<slug:" in url:
            continue
        if "<int:pk>" in url:
            pk = next((pk for key, pk in ids.items() if f"/{key}/" in url), None)
            if pk is None:
                continue
            url = url.replace("<int:pk>", str(pk))
        urls.append(url)
    return urls


def test_every_page_sends_a_csp_without_inline_script(db, as_user):
    header = Client().get("/login/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    # An empty <style> only (plotly.js fills its own through the CSSOM, which CSP does not govern).
    assert directives["style-src"] == "'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in header

    found, pages = [], 0
    for username in PERSONAS:
        client = as_user(username)
        for url in page_urls():
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.headers.get("Content-Type", ""):
                continue
            pages += 1
            assert response.headers["Content-Security-Policy"] == header
            html = response.content.decode()
            found += [f"{url} as {username}: {what}" for what, rule in INLINE.items() if rule.search(html)]
    assert pages > 60  # the walk reached the pages, not just refusals
    assert found == []


def test_hsts_is_sent_over_https_when_secure_cookies_are_on(db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    assert Client().get("/login/", secure=True).headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in Client().get("/login/").headers


def test_secure_cookies_need_a_trusted_proxy_and_turn_hsts_on(tmp_path):
    env = {"WATCHKEEPER_DATA_DIR": str(tmp_path), "WATCHKEEPER_SECURE_COOKIES": "true"}
    refused = run(["check"], env)
    assert refused.returncode == 2 and "WATCHKEEPER_TRUSTED_PROXIES" in refused.stderr
    assert "must list IP addresses" in run(["check"], {**env, "WATCHKEEPER_TRUSTED_PROXIES": "proxy.local"}).stderr
    shown = run(
        ["shell", "-c", "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, s.TRUSTED_PROXIES)"],
        {**env, "WATCHKEEPER_TRUSTED_PROXIES": "10.0.0.5, 10.1.0.0/16"},
    )
    assert shown.stdout.strip().splitlines()[-1] == "31536000 ['10.0.0.5', '10.1.0.0/16']"


def mode(path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


def test_data_dir_database_and_keys_are_owner_only(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    # A database left 0644 by an earlier version is tightened at the next connection.
    sqlite3.connect(data / "watchkeeper.sqlite3").close()
    (data / "watchkeeper.sqlite3").chmod(0o644)
    sqlite_in = {"DATABASE_URL": ""}  # the SQLite database of the data dir, also on a PostgreSQL run
    # One small app's migrations open, create and write the database as the whole set does (which
    # costs about 30 s of CPU for nothing more here).
    connect_and_write = ["migrate", "contenttypes", "-v", "0"]
    assert run(connect_and_write, {"WATCHKEEPER_DATA_DIR": str(data), **sqlite_in}).returncode == 0
    assert mode(data) == "0o700"
    for name in ("watchkeeper.sqlite3", "secret_key", "audit_key"):
        assert mode(data / name) == "0o600", name
    # A fresh data dir: the database and its write-ahead log are born private.
    fresh = tmp_path / "fresh"
    assert run(connect_and_write, {"WATCHKEEPER_DATA_DIR": str(fresh), **sqlite_in}).returncode == 0
    files = sorted(p.name for p in fresh.iterdir() if p.name.startswith("watchkeeper.sqlite3"))
    assert "watchkeeper.sqlite3" in files
    assert {name: mode(fresh / name) for name in files} == dict.fromkeys(files, "0o600")


def test_api_docs_are_local_and_need_a_sign_in(db, as_user, settings, token_for):
    anonymous = Client()
    assert anonymous.get("/api/docs").status_code == 302
    assert anonymous.get("/api/openapi.json").status_code == 401
    assert Client().get("/api/openapi.json", **token_for("analyst")).status_code == 200
    page = as_user("analyst").get("/api/docs")
    assert page.status_code == 200
    html = page.content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in scripts and all(s.startswith("/static/") for s in scripts)
    assert not INLINE["inline <script>"].search(html)
    assert anonymous.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
    settings.PUBLIC_API_DOCS = True
    assert anonymous.get("/api/docs").status_code == 200


@pytest.mark.server
def test_x_forwarded_for_is_believed_only_from_a_trusted_proxy(tmp_path):
    """Before: uvicorn believed X-Forwarded-For from any loopback client, so anyone on the machine
    chose the address written to the audit trail and counted by the sign-in throttle."""
    site = DemoSite(tmp_path).load()
    try:
        spoofer = site.serve()
        site.env["WATCHKEEPER_TRUSTED_PROXIES"] = "127.0.0.1"
        behind_proxy = site.serve()
        for base, forwarded in ((spoofer, "203.0.113.7"), (behind_proxy, "198.51.100.9")):
            with httpx.Client(base_url=base) as client:
                client.get("/login/")
                form = {"username": "handler", "password": "wrong", "csrfmiddlewaretoken": client.cookies["csrftoken"]}
                client.post("/login/", data=form, headers={"X-Forwarded-For": forwarded})
        sources = (
            site.command(
                "shell",
                "-c",
                "from watchkeeper.core.models import AuditEntry as A; "
                "print(*A.objects.filter(kind='login_failed').order_by('seq').values_list('source', flat=True))",
            )
            .stdout.strip()
            .splitlines()[-1]
            .split()
        )
    finally:
        site.stop()
    assert sources[-2:] == ["127.0.0.1", "198.51.100.9"]
