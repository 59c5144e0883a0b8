"""The patrol requirement's 168 hypercube solves take seconds, so a week is solved once for each
distinct set of inputs: viewing the page again solves nothing, and a change to the rule data (or
the history, or the fleet) is a new set of inputs and is solved afresh."""

import pytest
from django.utils import timezone

from watchkeeper.planning.patrols import requirement
from watchkeeper.planning.patrols.models import PatrolTarget

pytestmark = pytest.mark.django_db


def test_the_week_is_solved_once_per_inputs_and_again_when_the_target_changes(as_user, monkeypatch):
    solved = []
    real = requirement.units_for_hour

    def counting(*args, **kwargs):
        solved.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(requirement, "units_for_hour", counting)
    # A target no other test uses, so nothing cached before this test answers for it.
    target = PatrolTarget.objects.create(
        travel_seconds=601, share=0.79, max_workload=0.6, effective_from=timezone.localdate()
    )
    duty = as_user("duty")

    def rows() -> int:
        page = duty.get("/planning/patrols/")
        assert page.status_code == 200
        text = page.content.decode()
        assert "79% of calls reached within 10 min" in text or "78% of calls" in text
        return text.count("<tr><td>")

    assert rows() == 168 and solved
    first = len(solved)
    assert rows() == 168 and len(solved) == first  # the same inputs: nothing solved again

    PatrolTarget.objects.filter(pk=target.pk).update(share=0.78)
    assert rows() == 168 and len(solved) > first
