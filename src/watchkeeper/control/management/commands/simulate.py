"""`watchkeeper simulate --rate N [--duration S]`: demo traffic through the control-room services."""

from django.core.management import BaseCommand, CommandError

from watchkeeper.control.simulate import Simulation
from watchkeeper.core.access import allowed
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Partnership, User

NEEDS = ("incident.create", "incident.grade", "incident.despatch", "unit.status", "incident.close")


class Command(BaseCommand):
    help = "Feed realistic calls (real Camden places and crime mix) so the live board lives during a demo."

    def add_arguments(self, parser):
        parser.add_argument("--rate", type=float, default=6, help="Calls a minute (default: %(default)s)")
        parser.add_argument("--duration", type=float, default=600, help="Seconds of new calls (default: %(default)s)")
        parser.add_argument(
            "--speed", type=float, default=10, help="Simulated seconds per real second for travel and time at scene"
        )
        parser.add_argument("--drain", type=float, default=120, help="Seconds to let open incidents finish")
        parser.add_argument("--seed", type=int, default=None, help="Random seed for a repeatable run")
        parser.add_argument("--partnership", default="safer-camden")
        parser.add_argument("--as", dest="username", default="dispatcher", help="Whose name the actions go in")

    def handle(self, *args, rate, duration, speed, drain, seed, partnership, username, **options):
        if not (0 < rate <= 6000 and duration > 0 and speed > 0 and drain >= 0):
            raise CommandError("--rate must be 0-6000 a minute; --duration and --speed positive; --drain >= 0")
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(f"No partnership {partnership!r}.")
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None or not all(allowed(user, a) for a in NEEDS):
            raise CommandError(f"{username!r} must be an active user allowed to {', '.join(NEEDS)}.")
        simulation = Simulation(Actor(user, "cli:simulate"), found, rate, speed, seed)
        if not simulation.points:
            raise CommandError(f"No crime points fall inside {found.name}'s wards.")
        self.stdout.write(f"Simulating {rate:g} calls a minute for {duration:g} s (speed x{speed:g}); Ctrl+C to stop.")
        report = simulation.run(duration, drain)
        self.stdout.write(
            f"{report.created} incidents created, {report.despatched} despatches, {report.arrived} arrivals, "
            f"{report.closed} closed, {report.moves} unit moves, {report.waiting} still open"
            + (f"; refused: {dict(report.refused)}" if report.refused else "")
        )
