from watchkeeper.control.models.incidents import (
    DailyCounter,
    DecisionLog,
    Incident,
    IncidentEvent,
    SupervisionReview,
    ThriveAssessment,
)
from watchkeeper.control.models.queue import SavedIncidentView
from watchkeeper.control.models.reference import (
    AsbQualifier,
    CategoryGroup,
    Channel,
    ClosingCode,
    ControlSettings,
    Grade,
    GradeSet,
    IncidentCategory,
    ReferenceVersion,
    WardProfile,
    reference_data,
)
from watchkeeper.control.models.units import Assignment, SntAuthorisation, Unit, UnitStatusChange

__all__ = [
    "AsbQualifier",
    "Assignment",
    "CategoryGroup",
    "Channel",
    "ClosingCode",
    "ControlSettings",
    "DailyCounter",
    "DecisionLog",
    "Grade",
    "GradeSet",
    "Incident",
    "IncidentCategory",
    "IncidentEvent",
    "ReferenceVersion",
    "SavedIncidentView",
    "SntAuthorisation",
    "SupervisionReview",
    "ThriveAssessment",
    "Unit",
    "UnitStatusChange",
    "WardProfile",
    "reference_data",
]
