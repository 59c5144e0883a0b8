"""The CP-SAT roster against the rules, checked by `check` (written apart from the model) and by
counting cover directly; the patrol window 16:00-03:00; the greedy start is itself feasible."""

import pytest

from watchkeeper.planning.rosters.solver import HOURS, Rules, check, greedy, solve

pytestmark = pytest.mark.kernel


def day_and_evening() -> list[int]:
    return [(2 if 8 <= h % 24 < 20 else 1) + (1 if 18 <= h % 24 <= 23 else 0) for h in range(HOURS)]


def test_covers_the_requirement_within_rest_and_weekly_hours():
    need = day_and_evening()
    result = solve(need, 14, Rules(), seconds=20)
    assert result.status in ("optimal", "feasible")
    assert check(result.shifts, Rules()) == []
    cover = [0] * HOURS
    for s in result.shifts:
        for k in range(s["hours"]):
            cover[(s["start"] + k) % HOURS] += 1
    assert cover == result.cover
    assert result.shortfall_hours == sum(max(n - c, 0) for n, c in zip(need, cover, strict=True)) == 0


def test_too_few_people_leaves_a_counted_shortfall_not_a_broken_rule():
    result = solve(day_and_evening(), 3, Rules(), seconds=10)
    assert result.shortfall_hours > 0
    assert check(result.shifts, Rules()) == []
    assert all(sum(1 for s in result.shifts if s["person"] == p) * 8 <= 48 for p in range(1, 4))


def test_patrol_shifts_stay_inside_the_contract_window():
    window = Rules(window=(16, 3))
    assert {s % 24 for s in window.allowed_starts()} == {16, 17, 18, 19}
    need = [2 if (h % 24 >= 16 or h % 24 < 3) else 0 for h in range(HOURS)]
    result = solve(need, 8, window, seconds=20)
    assert result.shortfall_hours == 0 and check(result.shifts, window) == []
    assert all(result.cover[h] == 0 for h in range(HOURS) if 3 <= h % 24 < 16)


def test_check_catches_short_rest_and_long_weeks():
    rules = Rules()
    tight = [{"person": 1, "start": 0, "hours": 8}, {"person": 1, "start": 18, "hours": 8}]
    assert any("rest" in p for p in check(tight, rules))
    seven = [{"person": 1, "start": d * 24, "hours": 8} for d in range(7)]
    assert any("48 hours" in p for p in check(seven, rules))


def test_greedy_start_keeps_the_rules():
    shifts = greedy(day_and_evening(), 10, Rules())
    assert check([{**s, "hours": 8} for s in shifts], Rules()) == []


def test_refuses_a_shift_longer_than_the_window():
    with pytest.raises(ValueError, match="window"):
        solve([1] * HOURS, 3, Rules(shift_hours=12, window=(16, 3)))
