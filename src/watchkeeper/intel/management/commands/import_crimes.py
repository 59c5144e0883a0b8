"""`watchkeeper import_crimes FILE... [--partnership SLUG]`: load data.police.uk street-level files.

Every file's layout is checked before anything is written: a wrong layout names the file and its
missing columns and imports nothing (exit code non-zero). Bad rows are reported with file, line and
column while the rest load; outcomes files beside a street file are joined on Crime ID. Re-importing
a file changes nothing but refreshed outcomes."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.management import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Partnership
from watchkeeper.intel.crime import parsing as importing
from watchkeeper.intel.crime.services import area_for, import_crimes


class Command(BaseCommand):
    help = "Import data.police.uk street-level crime CSV files (outcomes files beside them are joined)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--partnership", default="safer-camden", help="Partnership slug (default: %(default)s)")
        parser.add_argument("--show-bad", type=int, default=20, help="Bad rows to list per file (default: %(default)s)")

    def handle(self, *args, files, partnership, show_bad, **options):
        err = Console(file=getattr(self.stderr, "_out", sys.stderr))
        out = Console(file=getattr(self.stdout, "_out", sys.stdout), highlight=False, soft_wrap=True)
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(
                f"No partnership {partnership!r}; known: "
                f"{', '.join(Partnership.objects.values_list('slug', flat=True))}"
            )
        paths = [Path(f) for f in files]
        problems = []
        for path in paths:
            if not path.is_file():
                problems.append(f"{path}: no such file")
                continue
            try:
                importing.check_layout(path)
            except importing.LayoutError as exc:
                problems.append(str(exc))
        if problems:
            raise CommandError("Nothing imported. " + " | ".join(problems))
        area = area_for(found)
        actor = Actor(None, "cli:import_crimes")
        started = time.perf_counter()
        total = 0
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err, transient=False) as progress:
            overall = progress.add_task("files", total=len(paths))
            for path in paths:
                parsed = importing.parse(path, area)
                task = progress.add_task(path.name, total=max(parsed.frame.height, 1))
                run = import_crimes(actor, found, parsed, on_progress=lambda n, t=task: progress.update(t, completed=n))
                progress.update(task, completed=max(parsed.frame.height, 1))
                progress.advance(overall)
                total += run.rows_ok
                self._report(out, parsed, run, show_bad)
        out.print(f"{total} rows loaded from {len(paths)} file(s) in {time.perf_counter() - started:.1f} s")

    def _report(self, out: Console, parsed, run, show_bad: int) -> None:
        out.print(
            f"{parsed.name}: {run.rows_ok} rows loaded ({run.rows_new} new), {run.rows_bad} bad, "
            f"{run.rows_flagged} flagged (no location or outside the area), "
            f"{run.outcomes_joined} outcomes joined",
            markup=False,
        )
        for note in run.notes:
            out.print(f"  note: {note}", markup=False)
        for bad in parsed.bad[:show_bad]:
            out.print(f"  {bad['file']} line {bad['line']}, column {bad['column']}: {bad['problem']}", markup=False)
        if len(parsed.bad) > show_bad:
            out.print(f"  ... and {len(parsed.bad) - show_bad} more bad rows", markup=False)
