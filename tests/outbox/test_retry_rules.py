"""The outbox retry policy as pure rules: exponential back-off with a cap, dead after N attempts."""

import pytest

from watchkeeper.outbox.rules import RetryPolicy

pytestmark = pytest.mark.kernel


def test_back_off_doubles_from_the_first_delay_up_to_the_cap():
    policy = RetryPolicy(first=5, cap=60, max_attempts=10)
    assert [policy.delay(n) for n in range(1, 7)] == [5, 10, 20, 40, 60, 60]


def test_gives_up_only_at_the_last_attempt():
    policy = RetryPolicy(max_attempts=3)
    assert [policy.gives_up(n) for n in (1, 2, 3, 4)] == [False, False, True, True]
