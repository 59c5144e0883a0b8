"""The week solver (all intervals at once) gives the scalar Erlang A kernel's answers, interval by
interval, on a varied week: quiet and busy slots, short and long handling, empty slots."""

import numpy as np
import pytest

from watchkeeper.planning.staffing import erlang, week

pytestmark = pytest.mark.kernel


@pytest.mark.parametrize("answer,level,patience", [(10, 0.9, 120), (20, 0.8, 45), (60, 0.95, 600)])
def test_week_matches_the_scalar_kernel(answer, level, patience):
    rng = np.random.default_rng(answer)
    calls = rng.gamma(1.5, 6, 96)
    calls[::17] = 0
    aht = rng.uniform(45, 420, 96)
    together = week.required_agents(calls, 15, aht, answer, level, patience)
    for c, a, ours in zip(calls, aht, together, strict=True):
        alone = erlang.required_agents(erlang.Interval(c, 15, a), answer, level, patience)
        assert ours.agents == alone.agents
        for name in ("p_wait", "service_level", "asa_seconds", "occupancy", "abandon"):
            assert getattr(ours, name) == pytest.approx(getattr(alone, name), rel=1e-9, abs=1e-12)


def test_week_refuses_bad_input():
    with pytest.raises(ValueError, match="service level"):
        week.required_agents(np.array([5.0]), 15, np.array([180.0]), 10, 90, 120)
