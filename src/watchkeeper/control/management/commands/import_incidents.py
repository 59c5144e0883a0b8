"""`watchkeeper import_incidents FILE... --profile NAME [--partnership SLUG]`: load historical CAD
exports. Every file's layout is checked before anything is written (a wrong layout stops the
command with exit code 2 and writes nothing); then good rows load in batches while bad rows are
reported with their line number and reason. Re-importing a file adds nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from watchkeeper.control.importing import services
from watchkeeper.control.importing.profiles import ProfileError
from watchkeeper.core.audit import Actor

WRONG_LAYOUT = 2


class Command(BaseCommand):
    help = "Import historical incidents from CAD export files through a column-mapping profile."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--profile", required=True, help="Import profile name, e.g. us-ecc-weekly")
        parser.add_argument(
            "--partnership",
            default="safer-camden",
            help="Partnership slug the incidents belong to (default: %(default)s)",
        )
        parser.add_argument("--batch", type=int, default=500, help="Rows per transaction (default: %(default)s)")
        parser.add_argument("--show-bad", type=int, default=20, help="Bad rows to list per file (default: %(default)s)")

    def handle(self, *args, files, profile, partnership, batch, show_bad, **options):
        console = Console(file=self.stderr._out if hasattr(self.stderr, "_out") else sys.stderr)
        out = Console(file=self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout, highlight=False)
        if not 1 <= batch <= 10_000:
            raise CommandError("--batch must be between 1 and 10000")
        try:
            plan = services.plan_import(profile, partnership, [Path(f) for f in files])
        except ProfileError as exc:
            raise CommandError(str(exc)) from None
        except services.ImportRefused as exc:
            console.print(f"[bold red]Nothing imported.[/] {exc}", highlight=False)
            raise SystemExit(WRONG_LAYOUT) from None
        actor = Actor(None, "cli:import_incidents")
        totals = services.ImportSummary(file="all files")
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[note]}"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console, transient=False) as progress:
            for source_file in plan.files:
                task = progress.add_task(source_file.name, total=source_file.rows, note="")

                def advance(done: int, summary: services.ImportSummary, task=task):
                    progress.update(task, completed=done, note=f"{summary.created} new, {len(summary.bad)} bad")

                summary = services.import_file(actor, plan, source_file, batch_size=batch, on_progress=advance)
                progress.update(task, completed=source_file.rows)
                self._report(out, summary, show_bad)
                totals.add(summary)
        if len(plan.files) > 1:
            self._report(out, totals, 0)

    def _report(self, out: Console, summary: services.ImportSummary, show_bad: int) -> None:
        out.print(
            f"{summary.file}: {summary.rows} rows, {summary.created} incidents imported, "
            f"{summary.already} already imported, {len(summary.bad)} bad rows"
        )
        for bad in summary.bad[:show_bad]:
            out.print(f"  line {bad.line}: {bad.reason}")
        if len(summary.bad) > show_bad > 0:
            out.print(f"  ... and {len(summary.bad) - show_bad} more bad rows")
        if summary.unmapped:
            listed = ", ".join(f"{problem} ({n})" for problem, n in summary.unmapped.most_common(10))
            out.print(f"  {sum(summary.unmapped.values())} rows filed under the default category: {listed}")
