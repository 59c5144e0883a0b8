"""A small CCTV world built with the factories: a partnership with two districts, an operator, a
data controller, a district partner, cameras, and the data dir in a temporary folder."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests import factories as f
from watchkeeper.cctv.cameras import services as cameras
from watchkeeper.core.audit import Actor
from watchkeeper.core.roles import Role


@dataclass
class Room:
    partnership: object
    north: object
    south: object
    operator: object
    controller: object
    partner: object
    outsider: object
    cam: object
    cam_south: object

    def actor(self, user=None):
        return Actor(user or self.operator, "test")

    def police_request(self, approve: bool = True, **extra):
        """A police request for the last hour but four on N-01, approved by the controller."""
        from datetime import timedelta

        from django.utils import timezone

        from watchkeeper.cctv.requests import services as requests

        now = timezone.now()
        fields = {"kind": "police", "requester": "PC Morgan", "lawful_basis": "DPA 2018 s.35", "cameras": ["N-01"]}
        fields |= {"start": now - timedelta(hours=5), "end": now - timedelta(hours=4), **extra}
        item = requests.create_request(self.actor(), self.partnership.slug, self.north.code, **fields)
        if approve:
            requests.decide(self.actor(self.controller), item, True, "Needed to identify the suspect.")
        return item


@pytest.fixture
def room(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    home = f.partnership()
    north, south = f.district(home), f.district(home)
    f.ward(north)
    room_agency = f.agency(home)
    operator = f.user(Role.CCTV_OPERATOR, room_agency)
    controller = f.user(Role.CCTV_CONTROLLER, room_agency)
    partner = f.user(Role.PARTNER_VIEWER, f.agency(home, district=north))
    outsider = f.user(Role.CCTV_CONTROLLER)
    actor = Actor(operator, "test")
    lat, lon = f.SQUARE_CENTRE
    cam = cameras.add_camera(
        actor, home.slug, north.code, code="N-01", name="North Square", kind="ptz", lat=lat, lon=lon, purpose="Safety"
    )
    cam_south = cameras.add_camera(
        actor, home.slug, south.code, code="S-01", name="South Street", kind="fixed", lat=51.60, lon=-0.10
    )
    return Room(home, north, south, operator, controller, partner, outsider, cam, cam_south)
