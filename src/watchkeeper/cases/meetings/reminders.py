"""Action reminders are ordinary `email` outbox messages (outbox/email.py delivers them); this
module exists so the app's ready() imports the email handler before any reminder is queued."""

from watchkeeper.outbox import email  # noqa: F401 - registers the `email` handler
