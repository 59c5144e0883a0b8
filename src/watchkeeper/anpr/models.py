"""The ANPR module's models, gathered for Django (each lives in its noun's package)."""

from watchkeeper.anpr.ladder.models import AttendanceTask, DeletionRecord, Keeper, Offence, WarningLetter, WatchEntry
from watchkeeper.anpr.reads.models import AnprRules, ImportRun, Read, RoadwatchSession
from watchkeeper.anpr.sites.models import CalibrationCheck, Device, Site

__all__ = [
    "AnprRules",
    "AttendanceTask",
    "CalibrationCheck",
    "DeletionRecord",
    "Device",
    "ImportRun",
    "Keeper",
    "Offence",
    "Read",
    "RoadwatchSession",
    "Site",
    "WarningLetter",
    "WatchEntry",
]
