"""The disclosure record's part of the access matrix (tests/core/matrix_world.py): its routes, and
disclosures of marked records of every kind of audience (a person restricted to one named user,
one restricted to an agency, a district's person, a partnership-wide incident). A disclosure is
entitled to exactly the audience of its source, among roles granted disclosure.view."""

from tests.core.matrix_world import CAMDEN, EAST_HERTS, HERTS, Marked

ROUTES = {
    "HTML sharing/disclosures/": "sharing.disclosure",
    "HTML sharing/disclosures/export.csv": "sharing.disclosure",
    "HTML sharing/agreements/<int:pk>/": "sharing.sharingagreement",
    "GET /api/sharing/disclosures": "sharing.disclosure",
}


def seed(add) -> None:
    from watchkeeper.control.models import Incident
    from watchkeeper.core.audit import Actor
    from watchkeeper.core.models import Person
    from watchkeeper.sharing import disclosures

    system = Actor(None, source="matrix")

    def disclose(source, marker: str, **audience) -> None:
        made = disclosures.record(
            system,
            source,
            recipient_name=marker,
            recipient_organisation="Matrix Insurance",
            purpose=f"{marker} claim",
            lawful_basis="dpa_s2_p5",
            method="email",
        )
        add(Marked("sharing.disclosure", made, [marker], action="disclosure.view", **audience))

    disclose(Person.objects.get(family_name="Quillfeather"), "Disclosquill", partnership=CAMDEN, people={"idva"})
    disclose(Person.objects.get(family_name="Marrowgate"), "Disclosmarrow", partnership=CAMDEN, agencies={"met-camden"})
    disclose(Person.objects.get(family_name="Eastherdon"), "Discloseast", partnership=HERTS, district=EAST_HERTS)
    incident = Incident.objects.get(description__startswith="Zanzibarite")
    disclose(incident, "Disclozanzi", partnership=CAMDEN)
