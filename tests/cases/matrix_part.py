"""The cases module's part of the access matrix: every route mapped to the model it shows or
changes, a body for every write, and marked records: a partnership-wide case with a note open to
the partnership and one restricted to its author, a case restricted to the ASB team (with its
action, complaint and document), a MARAC case restricted to the IDVA service (with its referral),
a Channel case (with a note and an action) named to the panel member only, a case review, a PSPO,
a JAG meeting, a MARAC meeting with the IDVA-only case on its agenda, a Channel panel meeting,
and an IOM case restricted to probation with its cohort member."""

from __future__ import annotations

from datetime import timedelta

from tests.core.matrix_world import CAMDEN, Marked

C = "cases.case"
ROUTES = {
    "HTML cases/": C,
    "HTML cases/<int:pk>/": C,
    "HTML cases/new/": "-",
    "HTML cases/<int:pk>/parties/": C,
    "HTML cases/<int:pk>/consent/": C,
    "HTML cases/<int:pk>/actions/": C,
    "HTML cases/<int:pk>/actions/<int:action_id>/": C,
    "HTML cases/<int:pk>/notes/": C,
    "HTML cases/<int:pk>/documents/": C,
    "HTML cases/<int:pk>/links/": C,
    "HTML cases/<int:pk>/close/": C,
    "HTML cases/<int:pk>/restriction/": C,
    "HTML cases/<int:pk>/handover/": C,
    "HTML cases/<int:pk>/channel-stage/": C,
    "HTML cases/<int:pk>/referrals/<int:referral_id>/idva/": C,
    "HTML cases/idva/": "cases.referral",
    "HTML cases/<int:pk>/complaints/": C,
    "HTML cases/<int:pk>/vulnerability/": C,
    "HTML cases/<int:pk>/legal-steps/": C,
    "HTML cases/<int:pk>/dash/": C,
    "HTML cases/<int:pk>/marac-referral/": C,
    "HTML cases/<int:pk>/review/contact/": C,
    "HTML cases/<int:pk>/review/step/": C,
    "HTML cases/reviews/apply/": "core.person",
    "HTML cases/pspos/": "cases.pspo",
    "HTML cases/pspos.geojson": "cases.pspo",
    "HTML cases/meetings/": "cases.meeting",
    "HTML cases/meetings/<int:pk>/": "cases.meeting",
    "HTML cases/meetings/<int:pk>/agenda/": "cases.meeting",
    "HTML cases/meetings/<int:pk>/minutes/": "cases.meeting",
    "HTML cases/meetings/<int:pk>/actions/": "cases.meeting",
    "HTML cases/meetings/<int:pk>/pack/<int:agency_id>/": "cases.meeting",
    "HTML cases/reports/": C,
    "HTML cases/reports/caseload.csv": C,
    "GET /api/cases": C,
    "POST /api/cases": C,
    "GET /api/cases/duplicates": "core.person",
    "GET /api/cases/{case_id}": C,
    "POST /api/cases/{case_id}/restriction": C,
    "POST /api/cases/{case_id}/parties": C,
    "POST /api/cases/{case_id}/consent": C,
    "POST /api/cases/{case_id}/actions": C,
    "POST /api/cases/{case_id}/notes": C,
    "POST /api/cases/{case_id}/documents": C,
    "POST /api/cases/{case_id}/links": C,
    "POST /api/cases/{case_id}/close": C,
    "POST /api/cases/{case_id}/handover": C,
    "POST /api/cases/{case_id}/complaints": C,
    "POST /api/cases/{case_id}/vulnerability": C,
    "POST /api/cases/{case_id}/legal-steps": C,
    "POST /api/cases/{case_id}/dash": C,
    "POST /api/cases/{case_id}/marac-referrals": C,
    "POST /api/cases/{case_id}/channel-stage": C,
    "POST /api/cases/{case_id}/disclosures": C,
    "POST /api/case-actions/{action_id}": "cases.action",
    "GET /api/case-documents/{document_id}": "cases.document",
    "GET /api/asb/repeats": "cases.complaint",
    "GET /api/asb/pspos": "cases.pspo",
    "POST /api/asb/pspos": "cases.pspo",
    "GET /api/case-reviews/eligibility": "cases.complaint",
    "GET /api/case-reviews/statistics": "cases.review",
    "POST /api/case-reviews": "cases.review",
    "POST /api/case-reviews/{review_id}/contact": "cases.review",
    "POST /api/case-reviews/{review_id}/steps": "cases.review",
    "POST /api/marac-referrals/{referral_id}/idva": "cases.referral",
    "GET /api/marac/caseloads": "cases.referral",
    "GET /api/marac/safelives.csv": "cases.referral",
    "GET /api/marac/forms/{name}": "-",  # the forms' wording: rule data, no partnership records
    "GET /api/case-reports/summary": C,
    "GET /api/case-reports/overdue": "cases.action",
    "GET /api/meetings": "cases.meeting",
    "POST /api/meetings": "cases.meeting",
    "POST /api/meetings/{meeting_id}/agenda": "cases.meeting",
    "POST /api/meetings/{meeting_id}/minutes": "cases.meeting",
    "HTML cases/iom/": "cases.membership",
    "POST /api/cases/{case_id}/iom-members": C,
    "POST /api/iom-members/{membership_id}/plan": "cases.membership",
    "POST /api/iom-members/{membership_id}/engagement": "cases.membership",
    "POST /api/iom-members/{membership_id}/leave": "cases.membership",
    "GET /api/iom/cohort": "cases.membership",
    "GET /api/iom/cohort.csv": "cases.membership",
}

_AREA = {"type": "Polygon", "coordinates": [[[-0.14, 51.53], [-0.13, 51.53], [-0.13, 51.54], [-0.14, 51.53]]]}
BODIES = {
    "POST /api/cases": {"partnership": "herts-cctv", "kind": "asb", "title": "matrix"},
    "POST /api/cases/{case_id}/restriction": {"restriction": "partnership", "reason": "matrix"},
    "POST /api/cases/{case_id}/parties": {"role": "victim", "person": 1},
    "POST /api/cases/{case_id}/consent": {"status": "given", "given_by": "matrix", "on": "2026-01-01"},
    "POST /api/cases/{case_id}/actions": {"agency": 1, "text": "matrix", "due": "2026-01-10"},
    "POST /api/cases/{case_id}/notes": {"text": "matrix"},
    "POST /api/cases/{case_id}/documents": None,
    "POST /api/cases/{case_id}/links": {"kind": "cctv", "cctv_reference": "matrix"},
    "POST /api/cases/{case_id}/close": {"outcome": "matrix"},
    "POST /api/cases/{case_id}/handover": {"officer": 1},
    "POST /api/cases/{case_id}/complaints": {
        "source": "resident",
        "behaviour_on": "2026-01-01",
        "received_on": "2026-01-02",
        "description": "matrix",
    },
    "POST /api/cases/{case_id}/vulnerability": {"answers": {}},
    "POST /api/cases/{case_id}/legal-steps": {"tool": "mediation"},
    "POST /api/cases/{case_id}/dash": {"answers": [True] * 24},
    "POST /api/cases/{case_id}/marac-referrals": {
        "victim": 1,
        "route": "visible_high",
        "referred_on": "2026-01-01",
        "reason": "matrix",
    },
    "POST /api/cases/{case_id}/channel-stage": {"stage": "screening"},
    "POST /api/case-actions/{action_id}": {"status": "done", "outcome": "matrix"},
    "POST /api/cases/{case_id}/disclosures": {
        "agency": 1,
        "purpose": "matrix",
        "lawful_basis": "art6_1e",
        "method": "email",
    },
    "POST /api/asb/pspos": {
        "partnership": "herts-cctv",
        "name": "matrix",
        "area": _AREA,
        "conditions": "matrix",
        "made_on": "2026-01-01",
        "expires_on": "2026-06-01",
    },
    "POST /api/case-reviews": {"partnership": "herts-cctv", "applicant": 1, "applied_on": "2026-01-01"},
    "POST /api/case-reviews/{review_id}/contact": {"what": "told", "on": "2026-01-01"},
    "POST /api/case-reviews/{review_id}/steps": {"step": "decided", "on": "2026-01-01", "met": True},
    "POST /api/marac-referrals/{referral_id}/idva": {"idva": 1},
    "POST /api/meetings": {"partnership": "herts-cctv", "kind": "jag", "held_at": "2026-01-01T10:00:00Z"},
    "POST /api/meetings/{meeting_id}/agenda": {},
    "POST /api/meetings/{meeting_id}/minutes": {"minutes": "matrix"},
    "POST /api/cases/{case_id}/iom-members": {
        "offender": 1,
        "cohort": "fixed",
        "reason": "matrix",
        "joined_on": "2026-01-01",
    },
    "POST /api/iom-members/{membership_id}/plan": {
        "pathways": [{"pathway": "matrix", "intervention": "matrix"}],
        "agreed_on": "2026-01-01",
        "review_on": "2026-02-01",
    },
    "POST /api/iom-members/{membership_id}/engagement": {"on": "2026-01-02", "kind": "contact", "outcome": "engaged"},
    "POST /api/iom-members/{membership_id}/leave": {"left_on": "2026-01-03", "reason": "matrix"},
}
PARAMS = {
    "GET /api/cases/duplicates": lambda models: {"partnership": CAMDEN},
    "GET /api/asb/repeats": lambda models: {"person": models["core.person"][0].pk},
    "GET /api/case-reviews/eligibility": lambda models: {"person": models["core.person"][0].pk},
    "GET /api/case-reviews/statistics": lambda models: {"year": 2026},
    "GET /api/marac/safelives.csv": lambda models: {"start": "2020-01-01", "end": "2026-12-01"},
}


def seed(add) -> None:
    from django.utils import timezone

    from watchkeeper.cases.asb import services as asb_services
    from watchkeeper.cases.core import documents
    from watchkeeper.cases.core import services as cases
    from watchkeeper.cases.iom import services as iom
    from watchkeeper.cases.marac import services as marac
    from watchkeeper.cases.meetings import services as meetings
    from watchkeeper.cases.trigger import services as trigger
    from watchkeeper.core.audit import Actor
    from watchkeeper.core.models import Partnership, Person, User

    camden = Partnership.objects.get(slug=CAMDEN)
    asb, idva, panel = (Actor(User.objects.get(username=u), source="matrix") for u in ("asb", "idva", "channel"))
    past = timezone.localdate() - timedelta(days=3)

    def case(actor, kind, title, restriction="partnership"):
        return cases.open_case(actor, camden, kind, title, restriction=restriction)

    wide = case(asb, "asb", "Casewidemark estate")
    add(Marked(C, wide, ["Casewidemark"], CAMDEN, action="case.view"))
    note = cases.add_note(asb, wide, "Notewidemark visit")
    add(Marked("cases.note", note, ["Notewidemark"], CAMDEN, action="case.view"))
    secret = cases.add_note(asb, wide, "Noteasbonlymark informant", restriction="people")
    add(Marked("cases.note", secret, ["Noteasbonlymark"], CAMDEN, people={"asb"}, action="case.view"))
    action = cases.add_action(asb, wide, asb.user.agency_id, "Actwidemark patrol", past)
    add(Marked("cases.action", action, ["Actwidemark"], CAMDEN, action="case.view"))

    team = case(asb, "asb", "Caseagencymark stairwell", restriction="agencies")
    add(Marked(C, team, ["Caseagencymark"], CAMDEN, agencies={"camden-asb"}, action="case.view"))
    action = cases.add_action(asb, team, asb.user.agency_id, "Actagencymark visit", past)
    add(Marked("cases.action", action, ["Actagencymark"], CAMDEN, agencies={"camden-asb"}, action="case.view"))
    openshaw = Person.objects.get(family_name="Openshaw")
    complaint = asb_services.record_complaint(
        asb, team, "resident", past, past, "Complaintagencymark noise", complainant_id=openshaw.pk
    )
    add(
        Marked(
            "cases.complaint", complaint, ["Complaintagencymark"], CAMDEN, agencies={"camden-asb"}, action="case.view"
        )
    )
    document = documents.add_document(asb, team, "Docagencymark.txt", [b"Docbodymark statement"])
    add(
        Marked(
            "cases.document",
            document,
            ["Docagencymark", "Docbodymark"],
            CAMDEN,
            agencies={"camden-asb"},
            action="case.view",
        )
    )

    review = trigger.apply(asb, camden, openshaw.pk, past, summary="Reviewmark application")
    review.case.title = "Casereviewmark"
    review.case.save(update_fields=["title"])
    add(Marked("cases.review", review, ["Casereviewmark", "Reviewmark"], CAMDEN, action="case.view"))

    survivor = Person.objects.get(family_name="Quillfeather")
    da = case(idva, "marac", "Casemaracmark", restriction="agencies")
    add(Marked(C, da, ["Casemaracmark"], CAMDEN, agencies={"camden-idva"}, action="case.view"))
    referral = marac.refer(idva, da, survivor.pk, "visible_high", past, reason="Refmaracmark injuries")
    add(Marked("cases.referral", referral, ["Refmaracmark"], CAMDEN, agencies={"camden-idva"}, action="case.view"))

    channel = case(panel, "channel", "Casechannelmark referral")
    add(Marked(C, channel, ["Casechannelmark"], CAMDEN, people={"channel"}, action="channel.view"))
    note = cases.add_note(panel, channel, "Notechannelmark panel")
    add(Marked("cases.note", note, ["Notechannelmark"], CAMDEN, people={"channel"}, action="channel.view"))
    action = cases.add_action(panel, channel, panel.user.agency_id, "Actchannelmark mentor", past)
    add(Marked("cases.action", action, ["Actchannelmark"], CAMDEN, people={"channel"}, action="channel.view"))

    pspo = asb_services.create_pspo(
        asb, camden, "Pspomark Camden Town", _AREA, "No drinking", past, past + timedelta(days=300)
    )
    add(Marked("cases.pspo", pspo, ["Pspomark"], CAMDEN, action="case.view", partnership_wide=True))
    held = timezone.now() + timedelta(days=7)
    jag = meetings.schedule(asb, camden, "jag", held, "Meetjagmark JAG")
    add(Marked("cases.meeting", jag, ["Meetjagmark"], CAMDEN, action="meeting.view"))
    offender = Person.objects.get(family_name="Openshaw")
    iom_officer = Actor(User.objects.get(username="iom"), source="matrix")
    cohort_case = case(iom_officer, "iom", "Caseiommark burglary", restriction="agencies")
    add(Marked(C, cohort_case, ["Caseiommark"], CAMDEN, agencies={"london-probation"}, action="case.view"))
    member = iom.join(iom_officer, cohort_case, offender.pk, "fixed", "Iomreasonmark priority", past)
    add(Marked("cases.membership", member, ["Iomreasonmark"], CAMDEN, agencies={"london-probation"}, action="iom.view"))

    # A MARAC whose agenda holds the IDVA-only case: its page and packs must not show that case to
    # anyone outside the IDVA service (the meeting itself is partnership-wide).
    marac_meeting = meetings.schedule(idva, camden, "marac", held, "Meetmaracmark MARAC")
    meetings.build_agenda(idva, marac_meeting)
    add(Marked("cases.meeting", marac_meeting, ["Meetmaracmark"], CAMDEN, action="meeting.view"))
    secret_panel = meetings.schedule(panel, camden, "channel", held, "Meetchannelmark panel")
    add(Marked("cases.meeting", secret_panel, ["Meetchannelmark"], CAMDEN, people={"channel"}, action="meeting.view"))
