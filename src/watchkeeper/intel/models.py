"""Django loads an app's models from here; each model lives in the package of its noun."""

from watchkeeper.intel.crime.models import Crime, ImportRun
from watchkeeper.intel.surveys.models import SurveyResponse
from watchkeeper.intel.targets.models import Baseline, Target
from watchkeeper.intel.tasking.models import PatrolTasking, PatrolVisit, TaskedCell

__all__ = [
    "Baseline",
    "Crime",
    "ImportRun",
    "PatrolTasking",
    "PatrolVisit",
    "SurveyResponse",
    "Target",
    "TaskedCell",
]
