"""Demo data: the demo borough's incidents (six weeks of Camden history, loaded by control's demo
loader) drive Camden's demand; this loader adds one roster for the call handlers, built by the same
service a planner uses, as the duty officer."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from watchkeeper.core.audit import Actor
from watchkeeper.core.models import User
from watchkeeper.planning.rosters import services
from watchkeeper.planning.rosters.models import Roster, Team


def load(partnerships) -> dict:
    camden = partnerships.get("safer-camden") if isinstance(partnerships, dict) else None
    if camden is None or Roster.objects.filter(partnership=camden).exists():
        return {"planning_rosters": 0}
    duty = User.objects.filter(username="duty").first()
    if duty is None:
        return {"planning_rosters": 0}
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    services.build_roster(
        Actor(user=duty), camden, Team.CALL_HANDLERS, 24, "Demo: call handlers next week", monday, seconds=5
    )
    return {"planning_rosters": 1}
