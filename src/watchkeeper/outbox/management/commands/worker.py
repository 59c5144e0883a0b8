import signal
import threading

from django.core.management import BaseCommand, CommandError

from watchkeeper.outbox import delivery


class Command(BaseCommand):
    help = "Deliver the outbox (referrals, emails, partner notifications) with retries, until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--poll", type=float, default=1.0, help="Seconds to wait when nothing is due.")
        parser.add_argument("--once", action="store_true", help="Deliver what is due now, then stop.")

    def handle(self, *args, poll, once, **options):
        if poll <= 0:
            raise CommandError("--poll must be more than 0 seconds")
        stop = threading.Event()
        # SIGTERM/SIGINT finish the message in hand and stop: nothing is left half-marked.
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        if not once:
            self.stdout.write("Outbox worker started.")
            self.stdout.flush()
        handled = delivery.run(stop, poll_seconds=poll, once=once)
        self.stdout.write(f"Outbox worker stopped after {handled} message(s).")
