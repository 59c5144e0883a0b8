"""Live updates: apps list their websocket consumers here; changes are published after commit to
the channel layer so every app process's screens hear them: through Redis when REDIS_URL is set,
else through the database change feed (live/feed.py) that every server process with boards open
polls, so `simulate`, imports, commands and a second worker reach the boards without Redis."""

from __future__ import annotations

import asyncio
import importlib
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings

CONSUMER_MODULES: list[str] = ["watchkeeper.control.consumers"]
log = logging.getLogger(__name__)
_server_loop: asyncio.AbstractEventLoop | None = None


def websocket_routes() -> list:
    routes = []
    for module in CONSUMER_MODULES:
        routes.extend(importlib.import_module(module).websocket_urlpatterns)
    return routes


def bind_loop(loop: asyncio.AbstractEventLoop) -> None:
    """The server process's event loop (set by asgi.py), where request threads hand their messages."""
    global _server_loop
    _server_loop = loop


def publish(group: str, message: dict) -> None:
    """Send to every subscriber of `group` in every process; call via transaction.on_commit.

    In a server process the send is handed to the event loop that owns the channel layer's
    connections, and the feed row for the other processes (without Redis) to the feed's writer
    thread: the request waits for neither. The change is already committed, and a screen that
    misses a message catches up when it reconnects (board.js reloads its state).
    Elsewhere (commands, tests) both are done before returning."""
    send(group, {"type": "live.message", "payload": message})


def send(group: str, payload: dict) -> None:
    """Send one channel-layer event (its "type" names the consumer method) to `group` now, in every
    process: other processes through the shared layer, or through the feed without one."""
    if get_channel_layer() is None:
        return
    if not layer_is_shared():
        from watchkeeper.live import feed

        try:
            feed.record(group, payload, batched=in_server())
        except Exception as exc:  # noqa: BLE001 - this process's own screens still hear it below
            log.warning("live update not written to the feed: %s", exc)
    _deliver_here(group, payload)


def in_server() -> bool:
    """A server process whose event loop is running (asgi.py bound it): it lives on after this
    request, so work that need not hold the request up can be handed to its threads."""
    loop = _server_loop
    return loop is not None and loop.is_running()


def _deliver_here(group: str, payload: dict) -> None:
    """Through this process's channel layer (with Redis, to every process). An in-memory layer with
    no screen in `group` has nothing to do: no hop to an event loop (a new thread per message
    outside a server) for a send that reaches nobody."""
    layer = get_channel_layer()
    if layer is None:
        return
    if not layer_is_shared() and not getattr(layer, "groups", {}).get(group):
        return
    if in_server():
        future = asyncio.run_coroutine_threadsafe(layer.group_send(group, payload), _server_loop)
        future.add_done_callback(_report_failure)
        return
    async_to_sync(layer.group_send)(group, payload)


def layer_is_shared() -> bool:
    """Whether the channel layer itself reaches other processes (Redis); the in-memory one does not."""
    backend = settings.CHANNEL_LAYERS.get("default", {}).get("BACKEND", "")
    return not backend.endswith("InMemoryChannelLayer")


def listen_to_other_processes() -> None:
    """Called by a consumer when a screen connects (on the server's event loop): without a shared
    layer, start this process's feed poller so other processes' changes reach its screens."""
    if layer_is_shared():
        return
    from watchkeeper.live import feed

    layer = get_channel_layer()
    feed.start(asyncio.get_running_loop(), layer.group_send)


def _report_failure(future) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.warning("live update not sent: %s", future.exception())
