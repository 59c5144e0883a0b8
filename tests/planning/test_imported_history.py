"""Demand from imported history: two real US ECC weekly exports loaded through the control room's
CAD importer (profile us-ecc-weekly) are what a planner plans from. The one whole Monday-to-Sunday
week in them is counted call by call, the handling time comes from the imported timeline (call
received to queued, the call taker's part), and the week's requirement follows."""

from datetime import datetime

import numpy as np
import pytest
from django.core.management import call_command

from tests import factories
from tests.conftest import shared_data
from watchkeeper.control.models import Incident
from watchkeeper.core.roles import Role
from watchkeeper.planning.demand.queries import LONDON, history
from watchkeeper.planning.staffing.queries import week_plan

pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.shared_data]


def test_a_planner_plans_from_imported_ecc_weeks():

    # A partnership of its own: the demo borough's incidents (when loaded) are not in this history.
    camden = factories.partnership(slug="ecc-planning", name="ECC planning test partnership")
    files = [shared_data("calls-for-service", "us-ecc-weekly", f"week{n}.csv") for n in (35, 36)]
    call_command("import_incidents", *map(str, files), "--profile", "us-ecc-weekly", "--partnership", "ecc-planning")
    analyst = factories.user(Role.ANALYST, factories.agency(camden))
    h = history(analyst, camden)
    assert h.weeks == 1 and h.first_week == datetime(2025, 8, 25)
    in_week = [
        t
        for t in Incident.objects.filter(partnership=camden, master__isnull=True).values_list("received_at", flat=True)
        if datetime(2025, 8, 25) <= t.astimezone(LONDON).replace(tzinfo=None) < datetime(2025, 9, 1)
    ]
    assert len(h.times) == len(in_week) > 1000
    assert h.profile.counts.sum() == len(in_week)
    seconds = [s for _, s in h.handling]
    assert len(seconds) > 0.8 * len(in_week) and 10 < np.median(seconds) < 600
    plan = week_plan(analyst, camden)
    assert plan["agents"].max() >= 1 and len(plan["hourly_requirement"]) == 168
