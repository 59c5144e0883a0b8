"""watchkeeper cctv_reminders: queue the due deployment reviews and outcome requests (run hourly)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from watchkeeper.cctv.reminders import send_due


class Command(BaseCommand):
    help = "Queue rapid-deployment review reminders and police outcome requests through the outbox."

    def handle(self, *args, **options):
        sent = send_due(timezone.localdate())
        self.stdout.write(f"{sent['reviews']} review reminders, {sent['outcomes']} outcome requests queued")
