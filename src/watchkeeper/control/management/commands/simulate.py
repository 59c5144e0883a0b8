"""`watchkeeper simulate --rate N [--duration S] [--server URL --token T]`: demo traffic through the
control-room services, or through a running server's API with a bearer token (as an integration)."""

import os

from django.core.management import BaseCommand, CommandError

from watchkeeper.control.simulate import Simulation
from watchkeeper.control.simulate_ops import ApiOps
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
        parser.add_argument(
            "--server", default="", help="Drive this running server's API (e.g. http://127.0.0.1:8000) instead"
        )
        parser.add_argument(
            "--token",
            default=os.environ.get("WATCHKEEPER_TOKEN", ""),
            help="Bearer token for --server (`watchkeeper issue_token dispatcher`; or WATCHKEEPER_TOKEN)",
        )

    def handle(self, *args, rate, duration, speed, drain, seed, partnership, username, server, token, **options):
        if not (0 < rate <= 6000 and duration > 0 and speed > 0 and drain >= 0):
            raise CommandError("--rate must be 0-6000 a minute; --duration and --speed positive; --drain >= 0")
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(f"No partnership {partnership!r}.")
        if server:
            if not token:
                raise CommandError(
                    "--server needs --token (or WATCHKEEPER_TOKEN): `watchkeeper issue_token dispatcher`."
                )
            simulation = Simulation(None, found, rate, speed, seed, ops=ApiOps(server, token, found.slug))
        else:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None or not all(allowed(user, a) for a in NEEDS):
                raise CommandError(f"{username!r} must be an active user allowed to {', '.join(NEEDS)}.")
            simulation = Simulation(Actor(user, "cli:simulate"), found, rate, speed, seed)
        if not simulation.points:
            raise CommandError(f"No crime points fall inside {found.name}'s wards.")
        via = f" through {server}'s API" if server else ""
        self.stdout.write(
            f"Simulating{via} {rate:g} calls a minute for {duration:g} s (speed x{speed:g}); Ctrl+C to stop."
        )
        report = simulation.run(duration, drain)
        self.stdout.write(
            f"{report.created} incidents created, {report.despatched} despatches, {report.arrived} arrivals, "
            f"{report.closed} closed, {report.moves} unit moves, {report.waiting} still open"
            + (f"; refused: {dict(report.refused)}" if report.refused else "")
        )
