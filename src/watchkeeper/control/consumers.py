"""The live board's websocket: every change to an incident or unit reaches every connected screen,
whichever `watchkeeper serve` process the screen is attached to (the Redis channel layer fans
group messages out to all processes).

Services publish to the group `board.<partnership_id>` after commit (watchkeeper.live.publish);
this consumer joins that group for each partnership of the signed-in user and forwards what the
user may see. District-bound users (a district council's viewer) only receive items of their own
district, by the one district rule lists use (core.visibility.district_allows).
"""

from __future__ import annotations

import asyncio

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.urls import re_path

from watchkeeper import live
from watchkeeper.core import sessions
from watchkeeper.core.access import allowed
from watchkeeper.core.visibility import district_allows, undistricted_visible

# Close codes (4000-4999 are the application's own): the board script stops retrying on these.
NOT_SIGNED_IN = 4401
NOT_ALLOWED = 4403

# Which action lets a user see each message type.
ACTION_FOR_TYPE = {"incident": "incident.view", "unit": "unit.view"}


def group_name(partnership_id: int) -> str:
    return f"board.{partnership_id}"


def may_receive(viewer: dict, payload: dict) -> bool:
    """Whether a board message may go to this viewer (pure: the viewer was resolved at connect)."""
    kind = payload.get("type")
    if kind not in viewer["types"]:
        return False
    district = viewer["district"]
    if district is None:
        return True
    # A message that does not say which district it belongs to cannot go to a district partner.
    if "district" not in payload and "district_id" not in payload:
        return False
    item_district = payload.get("district_id", payload.get("district"))
    return district_allows(district, item_district, viewer.get("undistricted", False))


@database_sync_to_async
def _viewer(user) -> dict | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if not allowed(user, "incident.view"):
        return {"denied": True}
    return {
        "denied": False,
        "partnerships": sorted(user.partnership_ids()),
        "district": user.agency.district_id if user.agency_id else None,
        "undistricted": undistricted_visible(),
        "types": {kind for kind, action in ACTION_FOR_TYPE.items() if allowed(user, action)},
    }


_still_valid = database_sync_to_async(sessions.still_valid)


class BoardConsumer(AsyncJsonWebsocketConsumer):
    """One connected board screen."""

    groups_joined: list[str]
    recheck: asyncio.Task | None = None

    async def connect(self):
        self.groups_joined = []
        viewer = await _viewer(self.scope.get("user"))
        if viewer is None or viewer["denied"]:
            # Accept, then close with a reason code: a refused handshake reaches the browser only as
            # 1006, which the board script would treat as a dropped line and retry forever.
            await self.accept()
            await self.close(code=NOT_SIGNED_IN if viewer is None else NOT_ALLOWED)
            return
        self.viewer = viewer
        self.user_id = self.scope["user"].pk
        self.session_key = self.scope["session"].session_key
        names = [group_name(p) for p in viewer["partnerships"]] + [sessions.user_group(self.user_id)]
        for name in names:
            await self.channel_layer.group_add(name, self.channel_name)
            self.groups_joined.append(name)
        await self.accept()
        live.listen_to_other_processes()
        await self.send_json({"type": "hello", "partnerships": viewer["partnerships"]})
        self.recheck = asyncio.create_task(self._recheck_session())

    async def _recheck_session(self):
        """Close the screen once its session no longer stands (sign-out elsewhere, idle expiry,
        deactivation, a password change, a lost role): the handshake's check is not enough."""
        while True:
            await asyncio.sleep(settings.BOARD_RECHECK_SECONDS)
            if not await _still_valid(self.session_key, self.user_id, "incident.view"):
                await self.close(code=NOT_SIGNED_IN)
                return

    async def session_ended(self, event):
        if event.get("session_key") in (None, self.session_key):
            await self.close(code=NOT_SIGNED_IN)

    async def disconnect(self, code):
        if self.recheck is not None and self.recheck is not asyncio.current_task():
            self.recheck.cancel()
        for name in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(name, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # Screens only listen; a ping keeps idle proxies from dropping the connection.
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def live_message(self, event):
        payload = event.get("payload") or {}
        if may_receive(self.viewer, payload):
            await self.send_json(payload)


websocket_urlpatterns = [re_path(r"^ws/board/$", BoardConsumer.as_asgi())]
