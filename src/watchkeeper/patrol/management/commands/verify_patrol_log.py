"""`watchkeeper verify_patrol_log [--shift ID]`: check every shift's hash-chained patrol log (or one);
exit 1 naming the first broken entry of each altered log."""

from django.core.management import BaseCommand, CommandError

from watchkeeper.patrol.proof.services import verify_log
from watchkeeper.patrol.shifts.models import Shift


class Command(BaseCommand):
    help = "Verify the patrol logs' hash chains (an edited, removed or reordered entry is reported)."

    def add_arguments(self, parser):
        parser.add_argument("--shift", type=int, help="Only this shift")

    def handle(self, *args, shift=None, **options):
        shifts = Shift.objects.all() if shift is None else Shift.objects.filter(pk=shift)
        broken = []
        for one in shifts.order_by("pk"):
            where = verify_log(one)
            if where is not None:
                broken.append(f"shift {one.pk} ({one}): chain broken at entry {where}")
        for line in broken:
            self.stderr.write(line)
        if broken:
            raise CommandError(f"{len(broken)} patrol log(s) altered", returncode=1)
        self.stdout.write(f"{shifts.count()} patrol log(s) intact")
