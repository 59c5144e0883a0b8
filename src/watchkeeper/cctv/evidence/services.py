"""Evidence writes: register a sealed master (uploaded, or its hash only), derive working copies,
append continuity entries, release a package by expiring link, record what the police did."""

from __future__ import annotations

import hashlib
import os
import secrets
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from watchkeeper import outbox
from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.evidence import chain, keys, package, storage
from watchkeeper.cctv.evidence.hashing import is_sha256
from watchkeeper.cctv.evidence.models import ContinuityEntry, Master, Release, WorkingCopy
from watchkeeper.cctv.limits import limits_on
from watchkeeper.cctv.requests.disclosure import record_disclosure
from watchkeeper.cctv.requests.models import ViewingRequest
from watchkeeper.cctv.scope import aware, placed
from watchkeeper.core import audit
from watchkeeper.core.access import get_visible_or_404, require
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Conflict, Invalid, NotFound
from watchkeeper.core.models import AuditEntry


def append_continuity(
    actor: Actor,
    master: Master,
    from_party: str,
    to_party: str,
    purpose: str,
    seal_number: str,
    at: datetime | None = None,
) -> ContinuityEntry:
    """Add the next entry to the master's continuity log (call inside a transaction)."""
    at = (at or timezone.now()).replace(microsecond=0)
    last = master.continuity.order_by("-seq").first()
    seq = (last.seq if last else 0) + 1
    body = {
        "seq": seq,
        "at": package.iso(at),
        "from": from_party,
        "to": to_party,
        "purpose": purpose,
        "seal_number": seal_number,
        "exhibit": master.exhibit,
        "master_sha256": master.sha256,
        "prev": last.entry_hash if last else chain.GENESIS,
    }
    digest = chain.entry_hash(body)
    entry = ContinuityEntry.objects.create(
        master=master,
        seq=seq,
        at=at,
        from_party=from_party,
        to_party=to_party,
        purpose=purpose,
        seal_number=seal_number,
        prev_hash=body["prev"],
        entry_hash=digest,
        signature=chain.sign(keys.private_key(master.partnership.slug), digest),
        recorded_by=actor.user if getattr(actor.user, "pk", None) else None,
    )
    audit.record(
        actor,
        AuditEntry.Kind.CREATE,
        entry,
        fields=["continuity"],
        summary=f"Continuity entry {seq} on exhibit #{master.pk}",
    )
    return entry


def _check_export(user, home, cameras: list[str], start: datetime, end: datetime, request_id: int | None):
    if end <= start:
        raise Invalid("The footage must end after it starts.")
    found = set(
        Camera.objects.visible_to(user).filter(partnership=home, code__in=cameras).values_list("code", flat=True)
    )
    if not cameras or found != set(cameras):
        raise Invalid(f"Unknown cameras: {', '.join(sorted(set(cameras) - found)) or 'none given'}.")
    if request_id is None:
        return None
    request = get_visible_or_404(
        ViewingRequest, user, f"No viewing request {request_id}.", pk=request_id, partnership=home
    )
    return request


def register_master(
    actor: Actor,
    partnership: str,
    district: str | None,
    *,
    exhibit: str,
    cameras: list[str],
    start: datetime,
    end: datetime,
    clock_offset_s: int,
    seal_number: str,
    upload: BinaryIO | None = None,
    filename: str = "",
    sha256: str = "",
    size: int | None = None,
    request_id: int | None = None,
) -> Master:
    """Seal a master export: the uploaded file (streamed to the data dir, hashed on the way), or the
    hash of a file that stays on the recorder. The first continuity entry records the sealing."""
    require(actor.user, "cctv.evidence.register")
    home, where = placed(actor.user, partnership, district)
    start, end = aware(start), aware(end)
    request = _check_export(actor.user, home, cameras, start, end, request_id)
    if not exhibit.strip() or not seal_number.strip() or not filename.strip():
        raise Invalid("An exhibit reference, a seal number and the file's name are needed.")
    if upload is None and not is_sha256(sha256.lower()):
        raise Invalid("Upload the master file, or give the SHA-256 (64 hex digits) of the file on the recorder.")
    if Master.objects.filter(partnership=home, exhibit=exhibit).exists():
        raise Conflict(f"Exhibit {exhibit} is already sealed: a master can never be replaced.")
    path = None
    if upload is not None:
        try:
            path, digest, size = storage.store(upload, storage.exhibit_dir(home.slug, exhibit), filename)
        except FileExistsError:
            raise Conflict(
                f"Exhibit {exhibit} already has a file {filename}: a master can never be replaced."
            ) from None
        if sha256 and sha256.lower() != digest:
            os.unlink(path)
            audit_refusal(
                actor,
                f"Master for {exhibit} refused: uploaded SHA-256 {digest} does not match the stated {sha256.lower()}",
            )
            raise Invalid(f"The uploaded file's SHA-256 is {digest}, not the {sha256} stated: nothing was sealed.")
        sha256 = digest
    try:
        with transaction.atomic():
            master = Master.objects.create(
                partnership=home,
                district=where,
                exhibit=exhibit,
                request=request,
                cameras=sorted(cameras),
                start=start,
                end=end,
                clock_offset_s=clock_offset_s,
                sha256=sha256.lower(),
                size=size,
                filename=filename,
                stored=upload is not None,
                seal_number=seal_number,
                sealed_at=timezone.now(),
                sealed_by=actor.user,
            )
            audit.record(
                actor,
                AuditEntry.Kind.CREATE,
                master,
                fields=["sha256", "seal_number"],
                summary=f"Master #{master.pk} sealed ({'uploaded' if master.stored else 'hash only'})",
            )
            append_continuity(
                actor,
                master,
                f"recorder {','.join(sorted(cameras))}",
                "CCTV control room evidence store",
                "master export sealed",
                seal_number,
            )
    except IntegrityError:
        if path is not None:
            os.unlink(path)
        raise Conflict(f"Exhibit {exhibit} is already sealed: a master can never be replaced.") from None
    except BaseException:
        if path is not None:
            os.unlink(path)
        raise
    return master


def audit_refusal(actor: Actor, summary: str) -> None:
    with transaction.atomic():
        audit.record(actor, AuditEntry.Kind.DENIED, None, summary=summary)


def derive_copy(
    actor: Actor, master: Master, upload: BinaryIO, name: str, purpose: str, parent_sha256: str, redacted: bool = False
) -> WorkingCopy:
    """Register a working copy made from the master; it names (and must match) its parent's hash."""
    require(actor.user, "cctv.evidence.register", master)
    if parent_sha256.lower() != master.sha256:
        audit_refusal(
            actor, f"Working copy of exhibit #{master.pk} refused: parent hash does not match the sealed master"
        )
        raise Invalid(
            f"The parent hash given does not match the sealed master {master.sha256}: a working copy must be "
            f"made from it."
        )
    folder = storage.exhibit_dir(master.partnership.slug, master.exhibit) / "copies"
    folder.mkdir(exist_ok=True)
    try:
        path, digest, size = storage.store(upload, folder, name)
    except FileExistsError:
        raise Conflict(f"A working copy named {name} already exists: name each copy uniquely.") from None
    try:
        with transaction.atomic():
            copy = WorkingCopy.objects.create(
                master=master,
                name=storage.safe_name(name),
                purpose=purpose,
                parent_sha256=master.sha256,
                sha256=digest,
                size=size,
                redacted=redacted,
                made_at=timezone.now(),
                made_by=actor.user,
            )
            audit.record(
                actor,
                AuditEntry.Kind.CREATE,
                copy,
                fields=["sha256", "parent_sha256"],
                summary=f"Working copy #{copy.pk} of exhibit #{master.pk}",
            )
    except BaseException:
        os.unlink(path)
        raise
    return copy


def release_path(release: Release) -> Path:
    return storage.package_dir() / f"release-{release.pk}.zip"


def release(
    actor: Actor,
    master: Master,
    request: ViewingRequest,
    recipient: str,
    recipient_email: str = "",
    seal_number: str = "",
) -> tuple[Release, str]:
    """Release a package to the recipient of an approved request: a continuity entry, the package
    (re-verifying every file against its seal), an expiring link (the token is returned once), the
    link emailed, and the disclosure recorded. Refused without a data controller's approval."""
    require(actor.user, "cctv.evidence.release", master)
    require(actor.user, "cctv.request.view", request)
    if request.partnership_id != master.partnership_id:
        raise Invalid("The request and the exhibit belong to different partnerships.")
    request = ViewingRequest.objects.get(pk=request.pk)  # its status now, not as the caller read it
    if request.status != ViewingRequest.Status.APPROVED:
        audit_refusal(
            actor,
            f"Release of exhibit #{master.pk} refused: request {request.reference} is {request.status}, not approved",
        )
        raise Invalid(
            f"Request {request.reference} has not been approved by a data controller: nothing can be released."
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    days = limits_on(now.date()).download_link_days
    try:
        with transaction.atomic():
            request = ViewingRequest.objects.select_for_update().get(pk=request.pk)
            append_continuity(
                actor,
                master,
                "CCTV control room evidence store",
                recipient,
                f"release for request {request.reference}",
                seal_number or master.seal_number,
            )
            built = package.build(master)
            item = Release.objects.create(
                master=master,
                request=request,
                recipient=recipient,
                recipient_email=recipient_email,
                token_digest=hashlib.sha256(token.encode()).hexdigest(),
                expires_at=now + timedelta(days=days),
                released_at=now,
                released_by=actor.user,
            )
            os.replace(built, release_path(item))
            request.status = ViewingRequest.Status.DISCLOSED
            request.save(update_fields=["status"])
            if recipient_email:
                outbox.enqueue(
                    "email",
                    {
                        "subject": f"CCTV evidence {master.exhibit} ready to download",
                        "body": f"A package for {request.reference} is ready for {days} days. The link is given "
                        "to you by the control room.",
                        "to": [recipient_email],
                    },
                    key=f"cctv-release-{item.pk}",
                )
            audit.record(
                actor,
                AuditEntry.Kind.EXPORT,
                item,
                fields=["package"],
                summary=f"Exhibit #{master.pk} released for {request.reference}",
            )
            record_disclosure(actor, request, master, recipient)
    except Conflict as exc:
        audit_refusal(actor, f"Release of exhibit #{master.pk} refused: {exc.message}"[:300])
        raise
    return item, token


def open_link(token: str, source: str) -> tuple[Release, Path]:
    """The package behind a download token, if the link is live; each download is audited."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    with transaction.atomic():
        item = Release.objects.select_for_update().select_related("master").filter(token_digest=digest).first()
        if item is None:
            raise NotFound("This download link is not valid.")
        if item.expires_at <= timezone.now():
            raise Conflict("This download link has expired: ask the CCTV control room for a new one.")
        item.downloads += 1
        item.save(update_fields=["downloads"])
        audit.record(
            Actor(None, source),
            AuditEntry.Kind.EXPORT,
            item,
            fields=["package"],
            summary=f"Package of exhibit #{item.master_id} downloaded by link ({item.downloads})",
        )
    return item, release_path(item)


def record_outcome(actor: Actor, item: Release, outcome: str) -> Release:
    require(actor.user, "cctv.evidence.release", item)
    if not outcome.strip():
        raise Invalid("Say what the police did with the evidence.")
    with transaction.atomic():
        item = Release.objects.select_for_update().get(pk=item.pk)
        item.outcome = outcome[:300]
        item.save(update_fields=["outcome"])
        audit.record(
            actor, AuditEntry.Kind.UPDATE, item, fields=["outcome"], summary=f"Outcome for exhibit #{item.master_id}"
        )
    return item


def verify_master(master: Master) -> bool | None:
    """Re-hash a stored master; None when only its hash is held (the file is on the recorder)."""
    if not master.stored:
        return None
    from watchkeeper.cctv.evidence.hashing import hash_file

    return hash_file(package.master_path(master))[0] == master.sha256


def key_fingerprint(slug: str) -> str:
    return hashlib.sha256(keys.public_pem(slug)).hexdigest()


def latest_seq(master: Master) -> int:
    return master.continuity.aggregate(n=Max("seq"))["n"] or 0
