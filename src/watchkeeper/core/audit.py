"""Writing and verifying the audit trail.

Every service write calls `record(...)` inside its own transaction, so an entry exists exactly when
the change it describes was committed. Reads of personal data call `record_read(...)`.

Each entry's hash is an HMAC-SHA256, under a key kept outside the database (settings.AUDIT_KEY),
of its content, its sequence number and the previous entry's hash. Someone who can write to the
database but not read the key file cannot edit, delete or reorder entries and recompute the rest;
the checkpoint beside the key (core/audit_anchor.py) catches entries cut from the end.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

from watchkeeper.core import audit_anchor
from watchkeeper.core.models import AuditEntry, AuditHead
from watchkeeper.core.prepared import Insert

GENESIS = "0" * 64


def canonical(entry) -> str:
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
    # Only when present, so entries written before the field existed (and migration 0004, which runs
    # before the field exists) still verify.
    if getattr(entry, "changes", None):
        body["changes"] = entry.changes
    return json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)


def digest(entry, key: bytes | None = None) -> str:
    return hmac.new(key or settings.AUDIT_KEY, canonical(entry).encode(), hashlib.sha256).hexdigest()


def legacy_digest(entry) -> str:
    """The unkeyed SHA-256 of entries written before the chain was keyed (migration 0004 re-keys)."""
    return hashlib.sha256(canonical(entry).encode()).hexdigest()


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
    # No savepoint of its own: if the entry cannot be written the whole change must roll back.
    with transaction.atomic(savepoint=False):
        seq, prev = _lock_head()
        entry = _chained(actor, kind, obj, fields, summary, reason, changes or {}, seq + 1, prev, timezone.now())
        _INSERT_ENTRY.save(entry)
        _move_head(entry.seq, entry.hash)
        # After commit, outside the write lock: a file write, no database round trip.
        transaction.on_commit(partial(audit_anchor.advance, entry.seq, entry.hash))
    return entry


def record_many(actor: Actor, kind: str, items: list[tuple[object, Iterable[str], str]]) -> list:
    """record() for many entries of one kind at once, (obj, fields, summary) each: the same chained
    entries, one per item, but the head locked and moved once and the entries inserted together
    (an ANPR import audits thousands of watch-list hits in one transaction)."""
    if not items:
        return []
    with transaction.atomic(savepoint=False):
        seq, prev = _lock_head()
        now, entries = timezone.now(), []
        for obj, fields, summary in items:
            seq += 1
            entries.append(_chained(actor, kind, obj, fields, summary, "", {}, seq, prev, now))
            prev = entries[-1].hash
        AuditEntry.objects.bulk_create(entries, batch_size=1000)
        _move_head(seq, prev)
        transaction.on_commit(partial(audit_anchor.advance, seq, prev))
    return entries


def _chained(actor: Actor, kind, obj, fields, summary, reason, changes: dict, seq: int, prev: str, at) -> AuditEntry:
    """A new entry at `seq` following the entry whose hash is `prev`, its own hash set."""
    object_type, object_id = object_ref(obj)
    entry = AuditEntry(
        seq=seq,
        at=at,
        actor=actor.user if getattr(actor.user, "pk", None) else None,
        actor_label=actor.label,
        kind=kind,
        object_type=object_type,
        object_id=object_id,
        fields=sorted(set(fields) | set(changes)),
        changes=changes,
        summary=summary[:300],
        reason=(reason or actor.reason)[:300],
        source=actor.source[:80],
        prev_hash=prev,
    )
    entry.hash = digest(entry)
    return entry


# The head row's two statements and the entry's insert are on every write in the system: SQL built
# once, not compiled per call (entries are only ever inserted, as AuditEntry.save insists).
_INSERT_ENTRY = Insert(AuditEntry)


def _lock_head() -> tuple[int, str]:
    """The head's (seq, hash), its row locked until commit (SQLite: the write transaction is)."""
    connection = connections[router.db_for_write(AuditHead)]
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq, hash FROM {AuditHead._meta.db_table} WHERE id = 1{lock}")
        row = cursor.fetchone()
    if row is None:  # the first entry ever
        head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
        return head.seq, head.hash
    return int(row[0]), row[1]


def _move_head(seq: int, digest_: str) -> None:
    connection = connections[router.db_for_write(AuditHead)]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditHead._meta.db_table} SET seq = %s, hash = %s WHERE id = 1", [seq, digest_])


def record_read(actor: Actor, obj, fields: Iterable[str], summary: str = "") -> AuditEntry:
    return record(actor, AuditEntry.Kind.READ, obj, fields=fields, summary=summary)


@dataclass
class Verdict:
    ok: bool
    count: int
    problem: str = ""
    bad_seq: int | None = None
    notes: list[str] = field(default_factory=list)


class _Walk:
    """The chain read in order from entry 1; it can resume to take in entries appended meanwhile."""

    def __init__(self, anchors: dict[int, set[str]], batch: int):
        self.anchors = anchors
        self.batch = batch
        self.prev = GENESIS
        self.count = 0

    def run(self) -> Verdict | None:
        key = settings.AUDIT_KEY
        entries = AuditEntry.objects.order_by("seq")
        if self.count:
            entries = entries.filter(seq__gt=self.count)
        for entry in entries.iterator(chunk_size=self.batch):
            seq = self.count + 1
            if entry.seq != seq:
                return self.broken(seq, f"entry {seq} is missing (found {entry.seq} next)")
            if entry.prev_hash != self.prev:
                return self.broken(seq, f"entry {seq} does not follow entry {seq - 1}")
            if digest(entry, key) != entry.hash:
                return self.broken(seq, f"entry {seq} was altered or rewritten (its keyed hash does not match)")
            if seq in self.anchors and self.anchors[seq] != {entry.hash}:
                return self.broken(seq, f"entry {seq} is not the entry recorded by the checkpoint")
            self.prev = entry.hash
            self.count = seq
        return None

    def broken(self, seq: int, problem: str) -> Verdict:
        return Verdict(False, self.count, problem, seq)


def verify(batch: int = 5000, expect: Iterable[audit_anchor.Checkpoint] = ()) -> Verdict:
    """Walk the chain in order; name the first entry whose hash, link or position is wrong, or the
    first one missing from the end (against the head row and every checkpoint: the one beside the
    audit key and any the operator kept elsewhere and passes in `expect`)."""
    try:
        anchor = audit_anchor.read()  # read first: it can only be behind the entries read next
    except audit_anchor.CheckpointUnreadable as exc:
        return Verdict(False, 0, str(exc))
    anchors: dict[int, set[str]] = {}
    for point in [*expect, *([anchor] if anchor else [])]:
        anchors.setdefault(point.seq, set()).add(point.hash)
    walk = _Walk(anchors, batch)
    head = None
    for _ in range(2):  # a second pass reads entries committed while the first one ran
        broken = walk.run()
        if broken:
            return broken
        head = AuditHead.objects.filter(id=1).first()
        if head is None or head.seq <= walk.count:
            break
    count = walk.count
    highest = max(anchors, default=0)
    if highest > count:
        return walk.broken(count + 1, f"entries {count + 1} to {highest} are missing (a checkpoint records {highest})")
    if head is None:
        if count:
            return walk.broken(count + 1, f"the head row is missing: entries after {count} may have been removed")
    elif head.seq > count:
        return walk.broken(count + 1, f"entries after {count} were removed (head records {head.seq})")
    elif head.seq < count or head.hash != walk.prev:
        return walk.broken(head.seq + 1, f"the head row was rewound to entry {head.seq} (the chain has {count})")
    notes = []
    if anchor is None and count:
        notes.append(
            "No checkpoint outside the database yet, so entries cut from the end would not show: "
            "run `watchkeeper audit_checkpoint`."
        )
    return Verdict(True, count, notes=notes)


DENIED_WINDOW_SECONDS = 60


def record_denied(actor: Actor, action: str, summary: str) -> AuditEntry | None:
    """Record a refused request (403, or a 404 for a record the user may not see) without flooding
    the trail: at most one entry per user, action and minute (per process; the cache is shared
    when REDIS_URL is set). Refusals not written are counted, and the count goes into the user's
    next entry for that action, so an ID enumeration shows as its first attempt plus a tally."""
    from django.core.cache import cache

    who = getattr(actor.user, "pk", None) or actor.label
    window = int(timezone.now().timestamp()) // DENIED_WINDOW_SECONDS
    key = f"audit-denied:{who}:{action}"
    if not cache.add(f"{key}:{window}", 0, timeout=DENIED_WINDOW_SECONDS * 3):
        try:
            cache.incr(f"{key}:{window}")
        except ValueError:  # expired between add and incr: the next refusal opens a new window
            pass
        return None
    earlier = cache.get(f"{key}:{window - 1}") or 0
    if earlier:
        summary += f" (+{earlier} more refusals of {action} in the minute before)"
    return record(actor, AuditEntry.Kind.DENIED, ("", ""), summary=f"refused {action}: {summary}")
