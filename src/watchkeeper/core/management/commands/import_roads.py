"""`watchkeeper import_roads FILE [--name NAME]`: import an OpenStreetMap extract as the road network
for despatch, routes and coverage. The speed table (admin: Road speeds) is applied; on success the
new network is stored under DATA_DIR/network/ and made active at once (running processes reload it
on their next use). A file that cannot be used stops with one line on stderr and exit code 2, and
the previous network stays active."""

from __future__ import annotations

import sys

from django.core.management import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from watchkeeper.core import roads
from watchkeeper.core.audit import Actor

UNUSABLE_FILE = 2


class Command(BaseCommand):
    help = "Import an OpenStreetMap extract (.osm.pbf, .osm, .osm.bz2) as the active road network."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--name", default="", help="A label for this version, e.g. 'Camden 2026-11'")

    def handle(self, *args, file, name, **options):
        from watchkeeper.routing import NetworkImportError

        console = Console(file=getattr(self.stderr, "_out", sys.stderr))
        columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
        try:
            with Progress(*columns, console=console, transient=True) as progress:
                task = progress.add_task("Importing roads", total=1.0)

                def report(fraction: float, step: str) -> None:
                    progress.update(task, completed=fraction, description=step[:60])

                version = roads.import_network(Actor(None, "cli:import_roads"), file, name=name, progress=report)
        except NetworkImportError as error:
            message = " ".join(str(error).split())
            message += " The previous road network is still active."
            raise CommandError(message, returncode=UNUSABLE_FILE) from None
        self.stdout.write(
            f"Road network {version.source_name} imported: {version.junctions:,} junctions, {version.links:,} "
            f"one-way links; now active (version {version.pk}). {version.attribution}"
        )
