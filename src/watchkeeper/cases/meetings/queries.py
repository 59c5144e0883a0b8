"""Meeting reads: the agenda a user may see, and what one agency may see of it (its research pack).

An agency's view is the case rule with the agency in place of a user: cases of the meeting's
partnership in the agency's district, partnership-wide or restricted to named agencies including
it; never a case or note restricted to named people (those are named to persons, not agencies),
never Channel. The reader's own rule applies as well, so a pack never shows its reader more than
they may see themselves."""

from __future__ import annotations

from django.db.models import Q

from watchkeeper.cases.core.models import Action, Case, Kind, Note
from watchkeeper.cases.marac.models import Referral
from watchkeeper.core.models import Restriction
from watchkeeper.core.visibility import district_q


def agency_rule(agency, prefix: str = "") -> Q:
    p = prefix
    shared = Case.shared_agencies.through.objects.filter(agency_id=agency.pk).values("case_id")
    return (
        Q(**{f"{p}partnership__in": agency.partnerships.all()})
        & district_q(agency.district_id, f"{p}district")
        & (
            Q(**{f"{p}restriction": Restriction.PARTNERSHIP})
            | Q(**{f"{p}restriction": Restriction.AGENCIES, f"{p}owner_agency_id": agency.pk})
            | Q(**{f"{p}restriction": Restriction.AGENCIES, f"{p}pk__in": shared})
        )
        & ~Q(**{f"{p}kind": Kind.CHANNEL})
    )


def agenda(user, meeting):
    return meeting.agenda.all() & Case.objects.visible_to(user).order_by("-risk", "opened_at")


def referrals_by_case(user, cases) -> dict[int, list[Referral]]:
    found: dict[int, list[Referral]] = {}
    rows = Referral.objects.visible_to(user).filter(case__in=cases).select_related("referring_agency", "idva")
    for r in rows.order_by("referred_on", "pk"):
        found.setdefault(r.case_id, []).append(r)
    return found


def pack(user, meeting, agency) -> list[dict]:
    """One entry per agenda case the agency (and the reader) may see: its referrals, the notes the
    agency may see (a note's own restriction as well as its case's), and the agency's actions."""
    cases = list(agenda(user, meeting).filter(agency_rule(agency)))
    referrals = referrals_by_case(user, cases)
    notes_shared = Note.shared_agencies.through.objects.filter(agency_id=agency.pk).values("note_id")
    notes = (
        Note.objects.visible_to(user)
        .filter(case__in=cases)
        .filter(
            Q(restriction=Restriction.PARTNERSHIP)
            | Q(restriction=Restriction.AGENCIES, owner_agency_id=agency.pk)
            | Q(restriction=Restriction.AGENCIES, pk__in=notes_shared)
        )
    )
    actions = Action.objects.filter(case__in=cases, agency=agency).select_related("meeting")
    return [
        {
            "case": case,
            "referrals": referrals.get(case.pk, []),
            "notes": [n for n in notes if n.case_id == case.pk],
            "actions": [a for a in actions if a.case_id == case.pk],
        }
        for case in cases
    ]
