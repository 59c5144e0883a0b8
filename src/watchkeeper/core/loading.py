"""What loading a file shares, whatever the file (street-level crime, a partner's spreadsheet):
its SHA-256, and the run that records it (core.models.FileImportRun), opened before the rows are
stored and closed with the import's one audit entry, inside the import's transaction. Importable
without Django set up (the parsers use file_sha256)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.utils import timezone

MAX_ERRORS_KEPT = 500  # bad rows kept on the run; the count covers them all


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_run(model, actor, partnership, name: str, sha256: str, bad: list, **fields):
    """Create the run (a FileImportRun subclass) for a file being loaded now."""
    return model.objects.create(
        partnership=partnership,
        user=actor.user if getattr(actor.user, "pk", None) else None,
        actor_label=actor.label,
        file_name=name[:255],
        sha256=sha256,
        started_at=timezone.now(),
        rows_bad=len(bad),
        errors=bad[:MAX_ERRORS_KEPT],
        **fields,
    )


def close_run(actor, run, loaded: str, summary: str) -> None:
    """Finish the run and write the import's audit entry (`loaded`: what the rows became)."""
    from watchkeeper.core.audit import record
    from watchkeeper.core.models import AuditEntry

    run.finished_at = timezone.now()
    run.save()
    record(actor, AuditEntry.Kind.CREATE, run, fields=[loaded], summary=summary)
