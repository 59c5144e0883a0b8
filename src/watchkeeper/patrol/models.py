"""The patrol module's models, gathered for Django (each lives in its noun's package)."""

from watchkeeper.patrol.contract.models import Complaint, Contract, Indicator, PatrolRules
from watchkeeper.patrol.officers.models import Accreditation, Officer, Power, Training, Vetting
from watchkeeper.patrol.powers.models import FixedPenaltyNotice, NoticeEvent, PatrolIncident, PowerUse, VideoClip
from watchkeeper.patrol.proof.models import LogEntry, Position, Visit
from watchkeeper.patrol.shifts.models import RosterEntry, Shift
from watchkeeper.patrol.tasking.models import ShiftTask

__all__ = [
    "Accreditation",
    "Complaint",
    "Contract",
    "FixedPenaltyNotice",
    "Indicator",
    "LogEntry",
    "NoticeEvent",
    "Officer",
    "PatrolIncident",
    "PatrolRules",
    "Position",
    "Power",
    "PowerUse",
    "RosterEntry",
    "Shift",
    "ShiftTask",
    "Training",
    "Vetting",
    "VideoClip",
    "Visit",
]
