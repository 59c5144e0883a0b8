"""The CCTV app's models, one package per noun; imported here so Django finds them."""

from watchkeeper.cctv.cameras.models import Camera, Fault
from watchkeeper.cctv.compliance.models import SpotCheck
from watchkeeper.cctv.deployments.models import Bid, Deployment
from watchkeeper.cctv.evidence.models import ContinuityEntry, Master, Release, WorkingCopy
from watchkeeper.cctv.limits import BankHoliday, Limits
from watchkeeper.cctv.log.models import AgencyNotice, LogEntry
from watchkeeper.cctv.requests.models import ClockStop, Redaction, ViewingRequest
from watchkeeper.cctv.retention.models import DeletionCertificate, Hold, RecordedDay
from watchkeeper.cctv.visits.models import Visit

__all__ = [
    "AgencyNotice",
    "BankHoliday",
    "Bid",
    "Camera",
    "ClockStop",
    "ContinuityEntry",
    "DeletionCertificate",
    "Deployment",
    "Fault",
    "Hold",
    "Limits",
    "LogEntry",
    "Master",
    "RecordedDay",
    "Redaction",
    "Release",
    "SpotCheck",
    "ViewingRequest",
    "Visit",
    "WorkingCopy",
]
