import subprocess
import sys

from django.core.management import BaseCommand, call_command

from watchkeeper.core import extensions
from watchkeeper.demo import borough


class Command(BaseCommand):
    help = "Migrate, load the demo borough (idempotent), print the demo logins, then serve with an outbox worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Load the demo data and stop.")

    def handle(self, *args, host, port, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        summary = borough.load()
        self.stdout.write("Demo borough loaded: " + ", ".join(_counted(k, v) for k, v in summary.items()))
        self.stdout.write(f"\nDemo logins (password for all: {borough.DEMO_PASSWORD})")
        name_width = max(len(p.username) for p in borough.PERSONAS)
        role_width = max(len(p.role.label) for p in borough.PERSONAS)
        for p in borough.PERSONAS:
            self.stdout.write(f"  {p.username:<{name_width}}  {p.role.label:<{role_width}}  {p.name}")
        if no_serve:
            return
        # Time has passed since the data was loaded: bring the live picture (open calls on the
        # board) up to now. Not with --no-serve, which tests use for a fixed demo world.
        live = {}
        for starter in extensions.functions("demo_live"):
            live.update(starter(borough.load_partnerships()) or {})
        if live:
            self.stdout.write("Live shift: " + ", ".join(_counted(k, v) for k, v in live.items()))
        self.stdout.write(f"\nWatchkeeper is at http://{host}:{port}/  (Ctrl+C to stop)\n")
        self.stdout.flush()
        # The outbox worker delivers referrals and emails (to this console in the demo). Ctrl+C
        # reaches it too (same process group); it finishes the message in hand and stops.
        worker = subprocess.Popen([sys.executable, "-m", "watchkeeper", "worker"])
        try:
            call_command("serve", host=host, port=port)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()


def _counted(what: str, count) -> str:
    """'12 cameras', or for a loader that reports several counts, 'cctv_camden (12 cameras, 40 log)'."""
    if isinstance(count, dict):
        return f"{what} (" + ", ".join(f"{v} {k}" for k, v in count.items()) + ")"
    return f"{count} {what}"
