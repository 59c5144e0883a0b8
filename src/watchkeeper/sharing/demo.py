"""Demo data for the disclosure record: one sharing agreement with the Camden police and two
disclosures of a demo incident (to the police under the agreement, to an insurer under the
legal-proceedings exemption), recorded by the CCTV data controller through the one service."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Agency, User
from watchkeeper.sharing import disclosures
from watchkeeper.sharing.models import Disclosure, SharingAgreement


def load(partnerships) -> dict:
    camden = partnerships["safer-camden"]
    if Disclosure.objects.filter(partnership=camden, reference__startswith="DEMO-").exists():
        return {"disclosures": Disclosure.objects.filter(partnership=camden).count()}
    from watchkeeper.control.models import Incident

    incident = Incident.objects.filter(partnership=camden).order_by("received_at", "pk").first()
    controller = User.objects.filter(username="controller").first()
    if incident is None or controller is None:
        return {}
    police = Agency.objects.get(slug="met-camden")
    agreement, _ = SharingAgreement.objects.get_or_create(
        partnership=camden,
        reference="ISA-CAM-POL-01",
        defaults={
            "partner_agency": police,
            "title": "CCTV evidence and community safety information to the police",
            "lawful_basis": "dpa_part3",
            "processing_condition": "sch1_p10",
            "purpose": "Preventing and detecting crime: CCTV evidence and incident details on request",
            "data_categories": "CCTV footage and stills, incident details, names of those involved",
            "starts_on": date(2015, 1, 1),
            "review_on": timezone.localdate() + timedelta(days=365),
            "personal_data_allowed": True,
        },
    )
    actor = Actor(controller, source="demo")
    when = min(incident.received_at + timedelta(days=1), timezone.now())
    common = {"disclosed_at": when, "description": f"CCTV footage for incident {incident.reference}"}
    disclosures.record(
        actor,
        incident,
        recipient_agency=police,
        recipient_name="DC Jordan Rowe",
        agreement=agreement,
        purpose="Investigation of the reported incident",
        lawful_basis="dpa_part3",
        method="secure_link",
        reference="DEMO-1",
        **common,
    )
    disclosures.record(
        actor,
        incident,
        recipient_organisation="Northway Insurance (claims)",
        purpose="Insurance claim for damage to a vehicle",
        lawful_basis="dpa_s2_p5",
        method="email",
        reference="DEMO-2",
        **common,
    )
    return {"disclosures": 2}
