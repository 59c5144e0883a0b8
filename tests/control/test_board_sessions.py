"""An open live-board socket follows its session: signing out, idle expiry and deactivation close
it (code 4401), where before it kept receiving incidents until the screen was reloaded. Real
`watchkeeper serve` processes, a browser-style sign-in and real websocket clients."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import websockets

from tests.control.test_live_two_processes import WAIT_S, create_incident, next_matching, open_board, session_cookie
from tests.support.servers import DemoSite

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def site(tmp_path_factory, redis_url):
    """Two servers on one database and one Redis. `eventful` re-checks sessions only every ten
    minutes, so a prompt close there comes from the sign-out or deactivation event; `rechecking`
    re-checks every second, which is what catches idle expiry."""
    demo = DemoSite(tmp_path_factory.mktemp("board-sessions"), {"REDIS_URL": redis_url}).load()
    try:
        demo.token = demo.command("issue_token", "duty").stdout.strip()
        demo.env["WATCHKEEPER_BOARD_RECHECK_SECONDS"] = "600"
        demo.eventful = demo.serve()
        demo.env["WATCHKEEPER_BOARD_RECHECK_SECONDS"] = "1"
        demo.rechecking = demo.serve()
        yield demo
    finally:
        demo.stop()


async def closed_with(ws) -> int:
    """Read until the server closes the socket; its close code."""
    with pytest.raises(websockets.ConnectionClosed):
        while True:
            await asyncio.wait_for(ws.recv(), WAIT_S)
    return ws.close_code


def shell(site, code: str) -> str:
    return site.command("shell", "-c", code).stdout.strip().splitlines()[-1]


def sign_in(base_url: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=base_url, timeout=10)
    client.cookies.set("sessionid", session_cookie(base_url, username), domain="127.0.0.1", path="/")
    client.get("/")  # a page sets the CSRF cookie for the sign-out form
    return client


def test_signing_out_closes_that_sessions_board_and_no_other(site):
    dispatcher = sign_in(site.eventful, "dispatcher")
    other_tab = session_cookie(site.eventful, "dispatcher")  # the same person signed in elsewhere

    async def scenario():
        async with await open_board(site.eventful, dispatcher.cookies["sessionid"]) as ws:
            async with await open_board(site.eventful, other_tab) as elsewhere:
                for screen in (ws, elsewhere):
                    await next_matching(screen, lambda m: m.get("type") == "hello")
                response = await asyncio.to_thread(
                    dispatcher.post, "/logout/", headers={"X-CSRFToken": dispatcher.cookies.get("csrftoken", "")}
                )
                assert response.status_code == 302
                code = await closed_with(ws)
                # The other session's screen still hears new incidents.
                created = await asyncio.to_thread(create_incident, site.eventful, site.token)
                heard = await next_matching(elsewhere, lambda m: m.get("id") == created["id"])
                return code, heard

    code, heard = asyncio.run(scenario())
    assert code == 4401 and heard["type"] == "incident"


def test_deactivating_the_user_closes_their_boards(site):
    cookie = session_cookie(site.eventful, "inspector")

    async def scenario():
        async with await open_board(site.eventful, cookie) as ws:
            await next_matching(ws, lambda m: m.get("type") == "hello")
            # An administrator's process (here a command-line one, on the shared Redis layer).
            await asyncio.to_thread(set_active, site, "inspector", False)
            return await closed_with(ws)

    try:
        assert asyncio.run(scenario()) == 4401
    finally:
        set_active(site, "inspector", True)


def set_active(site, username: str, active: bool, bulk: bool = False) -> None:
    """Deactivate or reactivate as the admin does (a save), or by a bulk update that sends no signal."""
    if bulk:
        change = f"User.objects.filter(username='{username}').update(is_active={active})"
    else:
        change = f"u = User.objects.get(username='{username}'); u.is_active = {active}; u.save()"
    shell(site, f"from watchkeeper.core.models import User; {change}; print('ok')")


def test_idle_expiry_closes_the_board(site):
    cookie = session_cookie(site.rechecking, "handler")

    async def scenario():
        async with await open_board(site.rechecking, cookie) as ws:
            await next_matching(ws, lambda m: m.get("type") == "hello")
            # The session lapses as it does after WATCHKEEPER_SESSION_MINUTES without a request.
            await asyncio.to_thread(
                shell,
                site,
                "from django.contrib.sessions.models import Session; from django.utils import timezone; "
                f"print(Session.objects.filter(session_key='{cookie}').update(expire_date=timezone.now()))",
            )
            return await closed_with(ws)

    assert asyncio.run(scenario()) == 4401


def test_deactivation_without_an_event_is_caught_by_the_recheck(site):
    cookie = session_cookie(site.rechecking, "dispatcher")

    async def scenario():
        async with await open_board(site.rechecking, cookie) as ws:
            await next_matching(ws, lambda m: m.get("type") == "hello")
            # A bulk update sends no signal: only the periodic re-check can notice.
            await asyncio.to_thread(set_active, site, "dispatcher", False, bulk=True)
            return await closed_with(ws)

    try:
        assert asyncio.run(scenario()) == 4401
    finally:
        set_active(site, "dispatcher", True, bulk=True)
