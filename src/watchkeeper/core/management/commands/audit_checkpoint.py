from watchkeeper.core import audit, audit_anchor
from watchkeeper.core.management.commands.verify_audit import THREAT_MODEL, ExplainedCommand
from watchkeeper.core.models import AuditEntry


class Command(ExplainedCommand):
    help = (
        "Verify the audit trail, then record its newest entry in the checkpoint beside the audit key "
        "and print it as SEQ:HASH to keep elsewhere (see verify_audit --expect). Run it from cron, "
        "and after restoring a backup only once you have accepted the trail as it is." + THREAT_MODEL
    )

    def handle(self, *args, **options):
        verdict = audit.verify()
        if not verdict.ok:
            # Never anchor a broken chain: that would bless the tampering.
            where = f" at entry {verdict.bad_seq}" if verdict.bad_seq is not None else ""
            self.stderr.write(f"Not checkpointed: audit trail BROKEN{where}: {verdict.problem}")
            raise SystemExit(1)
        last = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
        if last is None:
            self.stdout.write("The audit trail is empty: nothing to checkpoint.")
            return
        audit_anchor.advance(last.seq, last.hash)  # no-op when a process already recorded it
        point = audit_anchor.Checkpoint(last.seq, last.hash)
        self.stdout.write(f"Checkpoint {point.line()}")
        self.stdout.write(f"Written to {audit_anchor.path()}; keep a copy off this machine.")
