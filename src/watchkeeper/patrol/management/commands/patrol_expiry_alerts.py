"""`watchkeeper patrol_expiry_alerts`: queue alerts (outbox) for officers' licences, CSAS powers,
vetting and training lapsing within the rules' window. Run daily; a repeat the same day adds nothing."""

from django.core.management import BaseCommand
from django.utils import timezone

from watchkeeper.core.audit import Actor
from watchkeeper.patrol.officers.services import scan_expiries


class Command(BaseCommand):
    help = "Queue expiry alerts for patrol officers' licences, powers, vetting and training."

    def handle(self, *args, **options):
        queued = scan_expiries(Actor(None, "patrol_expiry_alerts"), timezone.localdate())
        self.stdout.write(f"{queued} expiry alert(s) due (repeats of earlier alerts are not sent again)")
