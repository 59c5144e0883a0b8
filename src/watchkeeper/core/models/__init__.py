from watchkeeper.core.models.audit import AuditEntry, AuditHead
from watchkeeper.core.models.imports import FileImportRun
from watchkeeper.core.models.network import RoadClosure, RoadNetworkVersion, RoadSpeed
from watchkeeper.core.models.organisation import Agency, District, Partnership, Ward
from watchkeeper.core.models.people import Person, Place
from watchkeeper.core.models.restriction import Restricted, Restriction
from watchkeeper.core.models.users import ApiToken, User

__all__ = [
    "Agency",
    "ApiToken",
    "AuditEntry",
    "AuditHead",
    "District",
    "FileImportRun",
    "Partnership",
    "Person",
    "Place",
    "Restricted",
    "Restriction",
    "RoadClosure",
    "RoadNetworkVersion",
    "RoadSpeed",
    "User",
    "Ward",
]
