"""The disclosure rules as pure functions of plain values (no database): what makes a disclosure
record acceptable. services.record gathers the values and raises Invalid with the first problem."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MAX_PURPOSE = 2000
MAX_DESCRIPTION = 300
MAX_REFERENCE = 100
MAX_NAME = 200


@dataclass(frozen=True)
class Agreement:
    """What the rules need of a SharingAgreement."""

    reference: str
    partnership_id: int
    partner_agency_id: int | None
    personal_data_allowed: bool
    in_force: bool  # on the day of the disclosure


@dataclass(frozen=True)
class Proposed:
    partnership_id: int
    purpose: str
    lawful_basis: str
    method: str
    recipient_agency_id: int | None
    recipient_name: str
    recipient_organisation: str
    reference: str
    description: str
    day: date
    today: date
    agreement: Agreement | None
    # Agencies that are the partner of one of the partnership's sharing agreements.
    agreement_agencies: frozenset[int] = frozenset()


def problems(p: Proposed, bases: set[str], methods: set[str]) -> list[str]:
    """Every reason the proposed disclosure cannot be recorded (empty: it can)."""
    found = []
    if not p.purpose.strip():
        found.append("State the purpose of the disclosure.")
    elif len(p.purpose) > MAX_PURPOSE:
        found.append(f"The purpose is longer than {MAX_PURPOSE} characters.")
    if p.lawful_basis not in bases:
        found.append("Choose the lawful basis for the disclosure.")
    if p.method not in methods:
        found.append("Choose how the data was disclosed.")
    if p.recipient_agency_id is None and not (p.recipient_name.strip() or p.recipient_organisation.strip()):
        found.append("Name the recipient: a partner agency, or a person or organisation.")
    if max(len(p.recipient_name), len(p.recipient_organisation)) > MAX_NAME:
        found.append(f"A recipient name is longer than {MAX_NAME} characters.")
    if len(p.reference) > MAX_REFERENCE:
        found.append(f"The reference is longer than {MAX_REFERENCE} characters.")
    if not p.description.strip() or len(p.description) > MAX_DESCRIPTION:
        found.append(f"Describe what was disclosed in at most {MAX_DESCRIPTION} characters.")
    if p.day > p.today:
        found.append("A disclosure cannot be recorded before it happens.")
    found += agreement_problems(p)
    return found


def agreement_problems(p: Proposed) -> list[str]:
    """A partner agency under an agreement needs the agreement; an agreement named must fit."""
    a = p.agreement
    if a is None:
        if p.recipient_agency_id is not None and p.recipient_agency_id in p.agreement_agencies:
            return ["The recipient agency shares data under a sharing agreement: name the agreement relied on."]
        return []
    found = []
    if a.partnership_id != p.partnership_id:
        found.append(f"Agreement {a.reference} belongs to another partnership.")
    if not a.in_force:
        found.append(f"Agreement {a.reference} was not in force on {p.day:%d %B %Y}.")
    if not a.personal_data_allowed:
        found.append(f"Agreement {a.reference} does not allow sharing personal data.")
    if a.partner_agency_id is not None and a.partner_agency_id != p.recipient_agency_id:
        found.append(f"Agreement {a.reference} is with another partner than the recipient.")
    return found
