"""Planning's models: rule data with effective dates (service-level targets, roster rules) and the
rosters a planner saves. Gathered here for Django; each lives in its noun's package."""

from watchkeeper.planning.calls.models import CallImportRun, CallRecord
from watchkeeper.planning.patrols.models import PatrolTarget
from watchkeeper.planning.rosters.models import Roster, RosterRule
from watchkeeper.planning.staffing.models import ServiceTarget

__all__ = ["CallImportRun", "CallRecord", "PatrolTarget", "Roster", "RosterRule", "ServiceTarget"]
