"""The `email` kind: one message through Django's configured email backend (SMTP when
WATCHKEEPER_SMTP_HOST is set, the console otherwise)."""

from __future__ import annotations

import hashlib

from django.core.mail import EmailMessage

from watchkeeper.outbox.registry import handles


def message_id(key: str) -> str:
    """The Message-ID for an outbox key: a repeat delivery carries the same one, so the receiving
    mail system (or a person) can tell it is the same message."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@outbox.watchkeeper>"


@handles("email")
def send(payload: dict, key: str) -> None:
    EmailMessage(
        subject=payload["subject"],
        body=payload["body"],
        to=list(payload["to"]),
        headers={"Message-ID": message_id(key), "X-Watchkeeper-Key": key},
    ).send(fail_silently=False)
