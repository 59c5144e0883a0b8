"""The call records a user may see, read for planning: the mean patience they show (Erlang A's
input) and the abandonment recorded in each 15-minute slot of the week."""

from __future__ import annotations

from dataclasses import dataclass

from watchkeeper.planning.calls import rules
from watchkeeper.planning.calls.models import CallRecord
from watchkeeper.planning.demand.queries import LONDON


@dataclass
class Recorded:
    calls: int
    abandoned: int
    patience: rules.Patience | None
    slots: rules.SlotAbandonment | None

    @property
    def abandon_share(self) -> float | None:
        return self.abandoned / self.calls if self.calls else None


def recorded(user, partnership, queue: str = "999") -> Recorded:
    rows = list(
        CallRecord.objects.visible_to(user)
        .filter(partnership=partnership, queue=queue)
        .values_list("received_at", "waited_seconds", "abandoned")
    )
    if not rows:
        return Recorded(0, 0, None, None)
    waits = [w for _, w, _ in rows]
    gave_up = [a for _, _, a in rows]
    local = [t.astimezone(LONDON).replace(tzinfo=None) for t, _, _ in rows]
    return Recorded(len(rows), sum(gave_up), rules.patience(waits, gave_up), rules.by_slot(local, gave_up))
