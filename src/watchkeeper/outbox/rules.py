"""Retry policy, as pure decisions (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential back-off: `first` seconds after the first failure, doubling, at most `cap`; after
    `max_attempts` attempts the message is dead (kept, shown to administrators, retried by hand)."""

    first: float = 5.0
    cap: float = 3600.0
    max_attempts: int = 8

    def delay(self, attempts: int) -> float:
        """Seconds to wait before the next try, after `attempts` tries (1 or more) have failed."""
        return min(self.first * 2 ** max(attempts - 1, 0), self.cap)

    def gives_up(self, attempts: int) -> bool:
        return attempts >= self.max_attempts
