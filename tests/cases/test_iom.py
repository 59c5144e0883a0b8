"""IOM: joining a cohort (reason required), and reoffending and harm against the fixed baseline."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from watchkeeper.cases.core import services as case_services
from watchkeeper.cases.core.models import Link
from watchkeeper.cases.iom import rules as iom_rules
from watchkeeper.cases.iom import services as iom
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Invalid
from watchkeeper.core.models import Partnership, Person, User


def test_windows_compare_like_with_like():
    (b0, b1), (s0, s1) = iom_rules.windows(date(2026, 1, 1), date(2026, 3, 1), 365)
    assert (b0, b1, s0, s1) == (date(2025, 1, 1), date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 1))
    assert iom_rules.harm_change(4, 1) == -75.0 and iom_rules.harm_change(0, 2) is None


@pytest.mark.django_db
def test_joining_and_outcomes_from_linked_incidents():
    from tests.control.cad import new_incident
    from watchkeeper.control.models import Incident

    officer = Actor(User.objects.get(username="iom"))
    camden = Partnership.objects.get(slug="safer-camden")
    case = case_services.open_case(officer, camden, "iom", "Prolific burglar")
    offender = Person.objects.get(family_name="Openshaw")
    with pytest.raises(Invalid):
        iom.join(officer, case, offender.pk, "fixed", "", timezone.localdate())
    joined = timezone.localdate() - timedelta(days=30)
    membership = iom.join(officer, case, offender.pk, "fixed", "Neighbourhood priority", joined)
    incident = Incident.objects.get(pk=new_incident()["id"])  # received now: after joining
    Link.objects.create(case=case, kind="incident", incident=incident, linked_at=timezone.now())
    found = iom.outcomes(membership)
    assert found == {"baseline": 0, "since": 1, "reoffended": True, "harm_change_pct": None}
