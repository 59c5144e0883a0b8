"""Loading a call-record file: require -> read and check every line -> one transaction {the run,
the records, the audit entry}. All or nothing: one bad line and nothing from the file is stored, and
the refusal names every bad line (up to reading.MAX_ERRORS) so the file can be put right."""

from __future__ import annotations

from django.db import transaction

from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Invalid
from watchkeeper.core.loading import close_run, open_run
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import Partnership
from watchkeeper.planning.calls import reading
from watchkeeper.planning.calls.models import CallImportRun, CallRecord

MAX_BYTES = 50 * 1024 * 1024


class BadFile(Invalid):
    """The file is refused; `problems` lists its bad lines ({"line", "column", "problem"})."""

    def __init__(self, message: str, problems: list[dict] | None = None):
        super().__init__(message)
        self.problems = problems or []


def load(actor: Actor, partnership: Partnership, name: str, data: bytes) -> CallImportRun:
    """Store every call of the file, or none (BadFile says why)."""
    import hashlib

    require(actor.user, "planning.calls")
    require_member(actor.user, partnership)
    if len(data) > MAX_BYTES:
        raise BadFile(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it by month.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadFile(f"The file is not UTF-8 text (byte {exc.start}): save it as CSV UTF-8.") from None
    sha256 = hashlib.sha256(data).hexdigest()
    if CallImportRun.objects.filter(partnership=partnership, sha256=sha256).exists():
        raise BadFile(f"This file was loaded into {partnership.name} already: nothing loaded again.")
    parsed = reading.read(text)
    if parsed.problem:
        raise BadFile(f"Nothing loaded. {parsed.problem}")
    if len(parsed.bad_lines):
        raise BadFile(
            f"Nothing loaded: {len(parsed.bad_lines)} line{'s' if len(parsed.bad_lines) > 1 else ''} of the file "
            f"{'are' if len(parsed.bad_lines) > 1 else 'is'} not right. Correct them and load the whole file again.",
            parsed.bad,
        )
    with transaction.atomic():
        run = open_run(CallImportRun, actor, partnership, name, sha256, [], rows_new=len(parsed.rows))
        CallRecord.objects.bulk_create(
            [
                CallRecord(
                    partnership=partnership,
                    run=run,
                    queue=r.queue,
                    received_at=r.received_at,
                    waited_seconds=r.waited_seconds,
                    abandoned=r.outcome == "abandoned",
                    handled_seconds=r.handled_seconds,
                )
                for r in parsed.rows
            ],
            batch_size=2000,
        )
        abandoned = sum(r.outcome == "abandoned" for r in parsed.rows)
        close_run(actor, run, "call_records", f"Call records {name}: {len(parsed.rows)} calls, {abandoned} abandoned")
    return run
