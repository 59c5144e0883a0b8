"""Erlang C and Erlang A against independent references: the published vector (100 calls in 30
minutes, 3-minute handling, 20-second target, 80% -> 14 agents; the figures pyworkforce and the
call-centre textbooks print) and Ciw simulations of the same interval (seeded, each figure inside
the simulation's 95% interval)."""

import math

import pytest

from tests.planning.simulated import simulate_interval
from watchkeeper.planning.staffing.erlang import (
    Interval,
    erlang_a_figures,
    erlang_c,
    erlang_c_figures,
    required_agents,
    scheduled,
)

pytestmark = pytest.mark.kernel
VECTOR = Interval(calls=100, minutes=30, aht_seconds=180)


def test_published_vector():
    result = required_agents(VECTOR, answer_seconds=20, service_level=0.8)
    assert result.agents == 14
    assert round(result.p_wait, 7) == 0.1741319
    assert round(result.service_level, 7) == 0.8883500
    assert round(result.asa_seconds, 3) == 7.836
    assert round(result.occupancy, 4) == 0.7143
    # One agent fewer misses the target: 13 agents answer 79.6% within 20 s.
    assert erlang_c_figures(VECTOR, 13, 20).service_level < 0.8


def test_erlang_c_needs_more_agents_than_the_load_and_no_rounding_before_the_end():
    assert erlang_c(10.0, 10) == 1.0
    # Fractional loads are used as they are: 10.4 Erlangs is not rounded to 10 or 11.
    assert erlang_c(10.4, 14) != erlang_c(10.0, 14) != erlang_c(11.0, 14)
    assert scheduled(14, 0.3) == pytest.approx(20.0)
    assert scheduled(13, 0.35) == pytest.approx(20.0)


def test_erlang_a_tends_to_erlang_c_as_patience_grows():
    # Three years' patience: ten times inside every tolerance below. (1e9 s asked the chain for
    # 55 million places, 12 s of CPU, to show the same.)
    a = erlang_a_figures(VECTOR, 14, 20, patience_seconds=1e8)
    c = erlang_c_figures(VECTOR, 14, 20)
    assert a.p_wait == pytest.approx(c.p_wait, rel=1e-5)
    assert a.service_level == pytest.approx(c.service_level, rel=1e-5)
    assert a.asa_seconds == pytest.approx(c.asa_seconds, rel=1e-4)
    assert a.abandon < 1e-6


def test_abandonment_lowers_the_requirement():
    assert required_agents(VECTOR, 20, 0.8, patience_seconds=120).agents < 14


def test_erlang_c_agrees_with_ciw():
    sim = simulate_interval(100 / 30, 3, 14, 20 / 60, replications=10, minutes=1500)
    ours = erlang_c_figures(VECTOR, 14, 20)
    assert sim["p_wait"].covers(ours.p_wait)
    assert sim["service_level"].covers(ours.service_level)
    assert sim["asa"].covers(ours.asa_seconds / 60)


@pytest.mark.parametrize("agents,patience", [(12, 120), (9, 60)])
def test_erlang_a_agrees_with_ciw_with_reneging(agents, patience):
    sim = simulate_interval(100 / 30, 3, agents, 20 / 60, patience_minutes=patience / 60, replications=10, minutes=1500)
    ours = erlang_a_figures(VECTOR, agents, 20, patience)
    for name, value in (("p_wait", ours.p_wait), ("service_level", ours.service_level), ("abandon", ours.abandon)):
        assert sim[name].covers(value), (name, value, sim[name])
    assert sim["asa"].covers(ours.asa_seconds / 60)


@pytest.mark.exhaustive
@pytest.mark.parametrize("calls,aht,agents,patience", [(40, 240, 7, 90), (300, 150, 27, 45), (12, 300, 3, 200)])
def test_erlang_a_agrees_with_ciw_across_loads(calls, aht, agents, patience):
    interval = Interval(calls, 15, aht)
    sim = simulate_interval(
        calls / 15, aht / 60, agents, 10 / 60, patience_minutes=patience / 60, replications=10, minutes=3000
    )
    ours = erlang_a_figures(interval, agents, 10, patience)
    assert sim["service_level"].covers(ours.service_level)
    assert sim["abandon"].covers(ours.abandon)


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"service_level": 1.5}, "service level"),
        ({"service_level": math.nan}, "service level"),
        ({"answer_seconds": -1}, "answer time"),
        ({"patience_seconds": 0}, "patience"),
    ],
)
def test_bad_input_is_refused_with_a_message(kwargs, message):
    args = {"answer_seconds": 20, "service_level": 0.8} | kwargs
    with pytest.raises(ValueError, match=message):
        required_agents(VECTOR, **args)
