"""The outbox: side effects for partners (referrals, reminders, emails, notifications) written as
rows in the same transaction as the change that causes them, and delivered afterwards by
`watchkeeper worker` with retries. Nothing is lost when a process dies between commit and
delivery; delivery is at-least-once, so each message carries an idempotency key its handler passes
on (an email's Message-ID, a referral's key).

Other modules call `enqueue(kind, payload, key=...)` inside their transaction and register one
handler per kind with `@handles(kind)`."""

from watchkeeper.outbox.registry import enqueue, enqueue_many, handles

__all__ = ["enqueue", "enqueue_many", "handles"]
