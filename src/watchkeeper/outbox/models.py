"""One row per side effect to deliver. The rows are the queue: a worker claims one with a
conditional UPDATE (a lease), so two workers never hold the same message at once, and a worker
killed mid-delivery only delays it until the lease runs out."""

from django.db import models
from django.utils import timezone


class Message(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        DEAD = "dead", "Dead (gave up; an administrator can retry it)"

    kind = models.CharField(max_length=60)
    # The idempotency key: enqueueing the same key twice records one message, and handlers pass it on
    # so a receiver can drop a repeat delivery (the worker may die after delivering, before marking).
    key = models.CharField(max_length=200, unique=True)
    payload = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    available_at = models.DateTimeField(default=timezone.now, help_text="Not tried again before this time")
    claimed_until = models.DateTimeField(null=True, blank=True, help_text="A worker holds it until then")
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "available_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.status})"
