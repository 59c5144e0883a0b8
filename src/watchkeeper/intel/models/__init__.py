from watchkeeper.intel.models.crime import Crime, ImportRun
from watchkeeper.intel.models.partner import (
    ColumnMapping,
    PartnerDataset,
    PartnerImportRun,
    PartnerRecord,
    SharingAgreement,
)
from watchkeeper.intel.models.survey import SurveyResponse
from watchkeeper.intel.models.targets import Baseline, Target
from watchkeeper.intel.models.tasking import PatrolTasking, PatrolVisit, TaskedCell

__all__ = [
    "Baseline",
    "ColumnMapping",
    "Crime",
    "ImportRun",
    "PartnerDataset",
    "PartnerImportRun",
    "PartnerRecord",
    "PatrolTasking",
    "PatrolVisit",
    "SharingAgreement",
    "SurveyResponse",
    "Target",
    "TaskedCell",
]
