from argparse import RawDescriptionHelpFormatter

from django.core.management import BaseCommand, CommandError

from watchkeeper.core import audit
from watchkeeper.core.audit_anchor import Checkpoint

THREAT_MODEL = """
What this proves. Each entry's hash is an HMAC-SHA256 (key: the audit_key file in the data dir,
or WATCHKEEPER_AUDIT_KEY_FILE) of its content, its position and the previous entry's hash, and
the newest committed entry is recorded in audit_checkpoint.json beside the key.

Someone who can change the database but not read the key file (a database login, a stolen
backup restored with changes, SQL injection) cannot hide an edited, deleted, inserted or
reordered entry, nor rewrite the chain after one: the first such entry is named. Cutting entries
from the end (with or without the head row, or emptying the table) is named against the
checkpoint, up to the last entry it records: every committed entry advances it, so only entries
whose process died between commit and the file write can go unnoticed. A database restored from
an earlier backup is reported the same way: that is intended.

Someone who can also read and write the data dir (the service account, root) holds the key and
can rewrite the chain and the checkpoint consistently. Against them keep checkpoints elsewhere:
`watchkeeper audit_checkpoint` prints one line (SEQ:HASH); store it off the machine (a ticket,
syslog, another team) and pass it back with --expect SEQ:HASH. Entries written after the last
such copy are then still at their mercy.
"""


class ExplainedCommand(BaseCommand):
    """Keeps the line breaks of a help text that explains a threat model."""

    def create_parser(self, *args, **kwargs):
        parser = super().create_parser(*args, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser


class Command(ExplainedCommand):
    help = (
        "Check the audit trail's keyed hash chain against its head row and its checkpoints: exit 0 if "
        "intact, 1 naming the first bad or missing entry." + THREAT_MODEL
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect",
            action="append",
            default=[],
            metavar="SEQ:HASH",
            help="A checkpoint kept outside this machine (printed by audit_checkpoint); repeatable.",
        )

    def handle(self, *args, expect, **options):
        try:
            expected = [Checkpoint.parse(text) for text in expect]
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        verdict = audit.verify(expect=expected)
        if verdict.ok:
            self.stdout.write(f"Audit trail intact: {verdict.count} entries.")
            for note in verdict.notes:
                self.stdout.write(note)
            return
        where = f" at entry {verdict.bad_seq}" if verdict.bad_seq is not None else ""
        self.stderr.write(f"Audit trail BROKEN{where}: {verdict.problem}")
        raise SystemExit(1)
