"""The live board across processes with the embedded default (no Redis): the database change feed
(watchkeeper/live/feed.py) carries what another server worker or a command-line process changed to
a board open on this server. Real `watchkeeper serve` processes and a real websocket client."""

from __future__ import annotations

import asyncio

import pytest

from tests.control.test_live_two_processes import create_incident, next_matching, open_board, session_cookie
from tests.support.servers import DemoSite

pytestmark = pytest.mark.server


@pytest.fixture
def embedded_site(tmp_path):
    site = DemoSite(tmp_path, {"REDIS_URL": ""}).load()
    try:
        site.token = site.command("issue_token", "dispatcher").stdout.strip()
        site.url_a = site.serve()
        site.url_b = site.serve()
        yield site
    finally:
        site.stop()


def test_changes_from_a_second_worker_and_a_command_reach_a_board_without_redis(embedded_site):
    site = embedded_site
    sessionid = session_cookie(site.url_b, "dispatcher")

    async def scenario():
        async with await open_board(site.url_b, sessionid) as ws:
            await next_matching(ws, lambda m: m.get("type") == "hello")
            created = await asyncio.to_thread(create_incident, site.url_a, site.token)
            from_worker = await next_matching(ws, lambda m: m.get("type") == "incident" and m["id"] == created["id"])
            # `simulate` in its own process: its first call is created, graded and despatched.
            run = asyncio.to_thread(
                site.command, "simulate", "--rate", "600", "--duration", "0.5", "--drain", "0", "--seed", "3"
            )
            simulated_task = asyncio.ensure_future(run)
            from_command = await next_matching(
                ws, lambda m: m.get("type") == "incident" and m["id"] != created["id"] and m.get("grade")
            )
            done = await simulated_task
            return created, from_worker, from_command, done.stdout

    created, from_worker, from_command, stdout = asyncio.run(scenario())
    assert from_worker["reference"] == created["reference"]
    assert from_command["reference"] != created["reference"]
    assert "incidents created" in stdout


def test_each_process_hears_the_others_but_not_itself_twice(db):
    """The feed reader delivers rows written by other processes once each, never its own."""
    from watchkeeper.live import feed
    from watchkeeper.live.models import LiveEvent

    LiveEvent.objects.create(group="board.1", payload={"n": 0}, origin="other")
    reader = feed.Reader(LiveEvent.objects.order_by("-id").first().pk, "me")
    LiveEvent.objects.create(group="board.1", payload={"n": 1}, origin="other")
    LiveEvent.objects.create(group="board.1", payload={"n": 2}, origin="me")
    feed.record("board.2", {"n": 3})  # this test process's own origin is not "me"
    assert reader.fresh() == [("board.1", {"n": 1}), ("board.2", {"n": 3})]
    assert reader.fresh() == []
    LiveEvent.objects.create(group="board.1", payload={"n": 4}, origin="other")
    assert reader.fresh() == [("board.1", {"n": 4})]


def test_live_events_are_shown_to_nobody(db):
    from watchkeeper.core.models import User
    from watchkeeper.core.visibility import visible
    from watchkeeper.live.models import LiveEvent

    LiveEvent.objects.create(group="board.1", payload={"type": "incident"}, origin="x")
    assert not visible(LiveEvent, User.objects.get(username="dispatcher")).exists()
