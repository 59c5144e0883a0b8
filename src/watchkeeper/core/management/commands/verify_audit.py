from django.core.management import BaseCommand

from watchkeeper.core import audit


class Command(BaseCommand):
    help = "Check the audit trail's hash chain: exit 0 if intact, 1 naming the first bad entry."

    def handle(self, *args, **options):
        verdict = audit.verify()
        if verdict.ok:
            self.stdout.write(f"Audit trail intact: {verdict.count} entries.")
            return
        self.stderr.write(f"Audit trail BROKEN at entry {verdict.bad_seq}: {verdict.problem}")
        raise SystemExit(1)
