"""The ANPR module's models, gathered for Django (each lives in its noun's package)."""

from watchkeeper.anpr.ladder.models import AttendanceTask, DeletionRecord, Keeper, Offence, WarningLetter, WatchEntry
from watchkeeper.anpr.reads.models import AnprRules, ImportRun, MappingProfile, Read, RoadwatchSession
from watchkeeper.anpr.sites.models import CalibrationCheck, Device, Section, Site

__all__ = [
    "AnprRules",
    "AttendanceTask",
    "CalibrationCheck",
    "DeletionRecord",
    "Device",
    "ImportRun",
    "Keeper",
    "MappingProfile",
    "Offence",
    "Read",
    "RoadwatchSession",
    "Section",
    "Site",
    "WarningLetter",
    "WatchEntry",
]
