"""Camden's demo cases: an ASB case with complaints, a vulnerability assessment and a warning, a
MARAC case with a DASH and referral (restricted to the IDVA service), a Channel case (restricted
to the panel member), an IOM case, and a JAG meeting with overdue and upcoming actions."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Agency, Person, Restriction, User


def load(partnerships) -> dict:
    from watchkeeper.cases.asb import services as asb
    from watchkeeper.cases.core import services as cases
    from watchkeeper.cases.core.models import Case
    from watchkeeper.cases.marac import services as marac
    from watchkeeper.cases.meetings import services as meetings

    camden = partnerships.get("safer-camden")  # slug -> Partnership
    if camden is None or Case.objects.filter(partnership=camden).exists():
        return {"cases": 0}
    asb_user, idva, panel = (User.objects.get(username=u) for u in ("asb", "idva", "channel"))
    today = timezone.localdate()

    def person(given, family, owner, **kw):
        return Person.objects.create(partnership=camden, given_name=given, family_name=family, owner_agency=owner, **kw)

    a = Actor(asb_user, source="demo")
    victim = person("Maureen", "Dalloway", asb_user.agency, address="14 Agar Grove", postcode="NW1 9SL")
    suspect = person("Kyle", "Brennan", asb_user.agency, date_of_birth=today.replace(year=today.year - 19))
    case = cases.open_case(
        a, camden, "asb", "Noise and intimidation, Agar Grove", "Loud parties, threats to neighbours."
    )
    cases.add_party(a, case, "victim", person_id=victim.pk)
    cases.add_party(a, case, "perpetrator", person_id=suspect.pk)
    for days in (80, 45, 10):
        asb.record_complaint(
            a,
            case,
            "resident",
            today - timedelta(days=days + 2),
            today - timedelta(days=days),
            "Loud music after midnight, shouting at neighbours.",
            victim.pk,
        )
    asb.assess_vulnerability(
        a, case, {q: q.startswith("situational") or q == "incidental-fear-leaving-home" for q in _questions()}
    )
    asb.take_step(a, case, "mediation", details="Referred to Camden Mediation")
    asb.take_step(a, case, "cpw", subject_id=suspect.pk, details="Written warning served")
    police = Agency.objects.get(slug="met-camden")
    cases.add_action(a, case, police.pk, "Ward officers to visit the address", today - timedelta(days=3))
    cases.add_action(a, case, asb_user.agency.pk, "Update the victim", today + timedelta(days=5), asb_user.pk)

    i = Actor(idva, source="demo")
    # The person record is identity only (shared like any other); what makes it sensitive, the
    # domestic abuse, lives in the MARAC case, restricted to the IDVA service.
    survivor = person("Leah", "Okonjo", idva.agency)
    mcase = cases.open_case(i, camden, "marac", "Domestic abuse, high risk", restriction=Restriction.AGENCIES)
    cases.add_party(i, mcase, "victim", person_id=survivor.pk)
    marac.assess_dash(i, mcase, [True] * 15 + [False] * 9)
    marac.refer(i, mcase, survivor.pk, "dash", today)

    c = Actor(panel, source="demo")
    ccase = cases.open_case(c, camden, "channel", "Referral from a school", restriction=Restriction.PEOPLE)
    cases.record_consent(c, ccase, "unknown", "", today)

    jag = meetings.schedule(a, camden, "jag", timezone.now() + timedelta(days=7), "Camden JAG")
    meetings.build_agenda(a, jag)
    return {"cases": 3, "meetings": 1}


def _questions():
    from watchkeeper.cases.rules.lookup import rule

    return rule("asb-vulnerability-matrix")["questions"]
