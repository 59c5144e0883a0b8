"""The live board across processes: a dispatcher's screen attached to server B hears an incident
created through server A, because both processes share Redis. Real `watchkeeper serve` processes,
a real browser-style session (signed in through /login/) and a real websocket client."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest
import websockets

from tests.support.servers import DemoSite
from watchkeeper.demo.borough import DEMO_PASSWORD

pytestmark = pytest.mark.server

WAIT_S = 15  # generous: this proves delivery, it is not a timing assertion


@pytest.fixture
def two_servers(tmp_path, redis_url):
    site = DemoSite(tmp_path, {"REDIS_URL": redis_url}).load()
    try:
        site.token = site.command("issue_token", "dispatcher").stdout.strip()
        site.url_a = site.serve()
        site.url_b = site.serve()
        yield site
    finally:
        site.stop()


def session_cookie(base_url: str, username: str) -> str:
    """Sign in through the login form like a browser; returns the session cookie value."""
    with httpx.Client(base_url=base_url, follow_redirects=False, timeout=10) as client:
        client.get("/login/")
        response = client.post(
            "/login/",
            data={"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": client.cookies["csrftoken"]},
        )
        assert response.status_code == 302, response.text[:500]
        return client.cookies["sessionid"]


def ws_url(base_url: str) -> str:
    return base_url.replace("http://", "ws://") + "/ws/board/"


async def open_board(base_url: str, sessionid: str | None):
    headers = {"Cookie": f"sessionid={sessionid}"} if sessionid else {}
    return await websockets.connect(ws_url(base_url), origin=base_url, additional_headers=headers, open_timeout=10)


async def next_matching(ws, predicate, timeout: float = WAIT_S) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError("no matching board message arrived")
        message = json.loads(await asyncio.wait_for(ws.recv(), remaining))
        if predicate(message):
            return message


def create_incident(base_url: str, token: str, **extra) -> dict:
    body = {
        "partnership": "safer-camden",
        "channel": "999",
        "category": "asb-nuisance",
        "description": "Group shouting and throwing bottles outside the station",
        "lat": 51.5390,
        "lon": -0.1426,
        **extra,
    }
    response = httpx.post(
        base_url + "/api/incidents", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_incident_created_on_a_reaches_a_board_on_b(two_servers):
    site = two_servers
    sessionid = session_cookie(site.url_b, "dispatcher")

    async def scenario():
        async with await open_board(site.url_b, sessionid) as ws:
            hello = await next_matching(ws, lambda m: m.get("type") == "hello")
            assert hello["partnerships"], "the dispatcher's board joins the Camden partnership group"
            started = time.perf_counter()
            created = await asyncio.to_thread(create_incident, site.url_a, site.token)
            message = await next_matching(ws, lambda m: m.get("type") == "incident" and m.get("id") == created["id"])
            latency_ms = (time.perf_counter() - started) * 1000
            print(f"\nincident {created['id']} created on A reached the board on B in {latency_ms:.0f} ms")
            return created, message

    created, message = asyncio.run(scenario())
    assert message["reference"] == created["reference"]
    assert message["lat"] == pytest.approx(51.5390)


def test_board_refuses_signed_out_and_unentitled_screens(two_servers):
    site = two_servers
    partner = session_cookie(site.url_b, "partner")  # housing partner viewer: no incident.view

    async def close_code(sessionid):
        async with await open_board(site.url_b, sessionid) as ws:
            with pytest.raises(websockets.ConnectionClosed):
                while True:
                    await asyncio.wait_for(ws.recv(), WAIT_S)
            return ws.close_code

    assert asyncio.run(close_code(None)) == 4401
    assert asyncio.run(close_code(partner)) == 4403
