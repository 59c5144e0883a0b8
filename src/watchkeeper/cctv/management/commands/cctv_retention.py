"""watchkeeper cctv_retention: the daily retention job (marks footage past retention with no hold
for overwrite and issues the deletion certificates)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from watchkeeper.cctv.retention.services import run
from watchkeeper.core.audit import Actor


class Command(BaseCommand):
    help = "Mark recorded days past retention (no live hold) for overwrite; issue deletion certificates."

    def handle(self, *args, **options):
        certificates = run(Actor(None, "cctv_retention"), timezone.localdate())
        self.stdout.write(
            f"{sum(c.day_count for c in certificates)} recorded days marked in {len(certificates)} certificates"
        )
