"""Writing and verifying the audit trail.

Every service write calls `record(...)` inside its own transaction, so an entry exists exactly when
the change it describes was committed. Reads of personal data call `record_read(...)`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from watchkeeper.core.models import AuditEntry, AuditHead

GENESIS = "0" * 64


def _canonical(entry: AuditEntry) -> str:
    body = {
        "seq": entry.seq,
        "at": entry.at.isoformat(timespec="microseconds"),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "kind": entry.kind,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "fields": entry.fields,
        "summary": entry.summary,
        "reason": entry.reason,
        "source": entry.source,
        "prev": entry.prev_hash,
    }
    if entry.changes:  # only when present, so entries written before the field existed still verify
        body["changes"] = entry.changes
    return json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)


def digest(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(entry).encode()).hexdigest()


@dataclass(frozen=True)
class Actor:
    """Who did it and from where; built from a request, a token or a command-line process."""

    user: object | None
    source: str = ""
    reason: str = ""

    @property
    def label(self) -> str:
        if self.user is None:
            return "system"
        return getattr(self.user, "username", "") or "anonymous"


def object_ref(obj) -> tuple[str, str]:
    if obj is None:
        return "", ""
    if isinstance(obj, tuple):
        return str(obj[0]), str(obj[1])
    return obj._meta.label_lower, str(obj.pk)


def record(
    actor: Actor,
    kind: str,
    obj=None,
    fields: Iterable[str] = (),
    summary: str = "",
    reason: str = "",
    changes: dict | None = None,
):
    """Append one entry. Call inside the transaction that makes the change being recorded.
    `changes` is {"field": [before, after]} of JSON values; its keys are added to `fields`."""
    object_type, object_id = object_ref(obj)
    changes = changes or {}
    user = actor.user if getattr(actor.user, "pk", None) else None
    # No savepoint of its own: if the entry cannot be written the whole change must roll back.
    with transaction.atomic(savepoint=False):
        head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
        entry = AuditEntry(
            seq=head.seq + 1,
            at=timezone.now(),
            actor=user,
            actor_label=actor.label,
            kind=kind,
            object_type=object_type,
            object_id=object_id,
            fields=sorted(set(fields) | set(changes)),
            changes=changes,
            summary=summary[:300],
            reason=(reason or actor.reason)[:300],
            source=actor.source[:80],
            prev_hash=head.hash,
        )
        entry.hash = digest(entry)
        entry.save()
        AuditHead.objects.filter(id=1).update(seq=entry.seq, hash=entry.hash)
    return entry


def record_read(actor: Actor, obj, fields: Iterable[str], summary: str = "") -> AuditEntry:
    return record(actor, AuditEntry.Kind.READ, obj, fields=fields, summary=summary)


@dataclass
class Verdict:
    ok: bool
    count: int
    problem: str = ""
    bad_seq: int | None = None


def verify(batch: int = 5000) -> Verdict:
    """Walk the chain in order; name the first entry whose hash, link or position is wrong."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=batch):
        if entry.seq != expected_seq:
            return Verdict(False, count, f"entry {expected_seq} is missing (found {entry.seq} next)", expected_seq)
        if entry.prev_hash != prev:
            return Verdict(False, count, f"entry {entry.seq} does not follow entry {entry.seq - 1}", entry.seq)
        if digest(entry) != entry.hash:
            return Verdict(False, count, f"entry {entry.seq} was altered (hash mismatch)", entry.seq)
        prev = entry.hash
        expected_seq += 1
        count += 1
    head = AuditHead.objects.filter(id=1).first()
    if head and (head.seq != count or head.hash != prev):
        return Verdict(False, count, f"entries after {count} were removed (head records {head.seq})", count + 1)
    return Verdict(True, count)
