"""Live updates: apps list their websocket consumers here; changes are published after commit to
the channel layer (Redis when REDIS_URL is set) so every app process's screens hear them."""

from __future__ import annotations

import importlib

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

CONSUMER_MODULES: list[str] = ["watchkeeper.control.consumers"]


def websocket_routes() -> list:
    routes = []
    for module in CONSUMER_MODULES:
        routes.extend(importlib.import_module(module).websocket_urlpatterns)
    return routes


def publish(group: str, message: dict) -> None:
    """Send to every subscriber of `group` in every process; call via transaction.on_commit."""
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, {"type": "live.message", "payload": message})
