"""The 48-hour average week over the reference period (Working Time Regulations 1998, reg. 4: 17
weeks), in rosters whose cycle of weeks repeats: worked by hand for the periods a cycle has, then the
CP-SAT roster lets a long week be balanced by a short one only as far as the period allows."""

import pytest

from watchkeeper.planning.rosters.solver import HOURS, Rules, check, solve

pytestmark = pytest.mark.kernel


def days(week: int, count: int, person: int = 1) -> list[dict]:
    """`count` 8-hour shifts from 09:00 on consecutive days of cycle week `week`."""
    return [{"person": person, "start": week * HOURS + d * 24 + 9, "hours": 8} for d in range(count)]


def test_the_reference_periods_of_a_repeating_cycle_by_hand():
    # A 4-week cycle in 17 weeks: four whole cycles and one more week, whichever week it starts on.
    periods = Rules().reference_windows(4)
    assert len(periods) == 4
    assert [sorted(p).count(w) for p in periods for w in range(4)] == [5, 4, 4, 4, 4, 5, 4, 4, 4, 4, 5, 4, 4, 4, 4, 5]


def test_a_long_week_is_allowed_only_as_far_as_the_average_allows():
    # 56 hours then 40, repeating: 17 weeks starting on the long week hold 9 x 56 + 8 x 40 = 824 hours,
    # more than 17 x 48 = 816, so the 17-week average is 48.5 hours: refused.
    long_short = days(0, 7) + days(1, 5)
    assert any("average over 17 weeks" in p for p in check(long_short, Rules(), weeks=2))
    # 56 then 32: 9 x 56 + 8 x 32 = 760 hours, under 816: allowed (though one week is 56 hours).
    assert check(days(0, 7) + days(1, 4), Rules(), weeks=2) == []
    # Over a 2-week reference period 56 + 40 is an average of exactly 48: allowed.
    assert check(long_short, Rules(reference_weeks=2), weeks=2) == []
    # A one-week cycle: the old rule, at most 48 hours in every week.
    assert any("48 hours" in p for p in check(days(0, 7), Rules()))


def test_the_solver_balances_a_busy_week_with_a_quiet_one_within_the_period():
    # One person; the first week needs them every day 09:00-17:00, the second week not at all.
    need = [1 if w == 0 and 9 <= h % 24 < 17 else 0 for w in range(2) for h in range(HOURS)]
    # Over 17 weeks the cycle's 56 and 0 hours give at most 9 x 56 = 504 hours, under 816: all covered.
    averaged = solve(need, 1, Rules(), seconds=20)
    assert averaged.shortfall_hours == 0 and check(averaged.shifts, Rules(), weeks=2) == []
    assert len(averaged.cover) == 2 * HOURS and {s["week"] for s in averaged.shifts} == {0}
    assert len(averaged.shifts) == 7
    # With a one-week reference period every week is held to 48 hours: six shifts, one day short.
    strict = solve(need, 1, Rules(reference_weeks=1), seconds=20)
    assert strict.shortfall_hours == 8 and check(strict.shifts, Rules(reference_weeks=1), weeks=2) == []


def test_refuses_a_requirement_that_is_not_whole_weeks():
    with pytest.raises(ValueError, match="168 hours a week"):
        solve([1] * (HOURS + 5), 2, Rules())
