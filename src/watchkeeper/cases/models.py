"""Django loads the app's models from here; each model lives in the package of its noun."""

from watchkeeper.cases.asb.models import Complaint, LegalStep, Pspo
from watchkeeper.cases.core.models import Action, Case, Document, Event, Link, Note, Party, RiskAssessment
from watchkeeper.cases.iom.models import Engagement, Membership, Plan
from watchkeeper.cases.marac.models import Referral
from watchkeeper.cases.meetings.models import Meeting
from watchkeeper.cases.rules.models import Rule
from watchkeeper.cases.trigger.models import Review

__all__ = [
    "Action",
    "Case",
    "Complaint",
    "Document",
    "Engagement",
    "Event",
    "LegalStep",
    "Link",
    "Meeting",
    "Membership",
    "Note",
    "Party",
    "Plan",
    "Pspo",
    "Referral",
    "Review",
    "RiskAssessment",
    "Rule",
]
