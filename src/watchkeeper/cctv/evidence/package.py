"""Building a police package: the ZIP with the files, the signed manifest, the continuity log,
the public key and the printable statement. Files are re-hashed as they are copied in (streamed),
so a release re-verifies the master and every copy on the way out."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from datetime import UTC
from pathlib import Path

from django.utils import timezone

from watchkeeper.cctv.evidence import chain, keys, storage
from watchkeeper.cctv.evidence.hashing import CHUNK
from watchkeeper.cctv.evidence.models import Master
from watchkeeper.cctv.evidence.statement import continuity_pdf
from watchkeeper.cctv.evidence.verify import FORMAT
from watchkeeper.core.errors import Conflict


def iso(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_dict(e) -> dict:
    return {
        "seq": e.seq,
        "at": iso(e.at),
        "from": e.from_party,
        "to": e.to_party,
        "purpose": e.purpose,
        "seal_number": e.seal_number,
        "exhibit": e.master.exhibit,
        "master_sha256": e.master.sha256,
        "prev": e.prev_hash,
        "hash": e.entry_hash,
        "signature": e.signature,
    }


def master_path(master: Master) -> Path:
    return storage.exhibit_dir(master.partnership.slug, master.exhibit) / storage.safe_name(master.filename)


def copy_path(copy) -> Path:
    return (
        storage.exhibit_dir(copy.master.partnership.slug, copy.master.exhibit) / "copies" / storage.safe_name(copy.name)
    )


def _add_file(archive: zipfile.ZipFile, source: Path, arcname: str, expected: str) -> int:
    """Stream `source` into the archive, hashing as it goes; refuse if it no longer matches its seal."""
    digest = hashlib.sha256()
    size = 0
    with (
        source.open("rb") as stream,
        archive.open(zipfile.ZipInfo(arcname, date_time=(2000, 1, 1, 0, 0, 0)), "w", force_zip64=True) as out,
    ):
        while piece := stream.read(CHUNK):
            digest.update(piece)
            out.write(piece)
            size += len(piece)
    if digest.hexdigest() != expected:
        raise Conflict(
            f"{source.name} no longer matches its sealed SHA-256: release refused, report it to the data controller."
        )
    return size


def build(master: Master) -> Path:
    """Write the package to the data dir and return its path."""
    slug = master.partnership.slug
    public = keys.public_pem(slug)
    entries = [entry_dict(e) for e in master.continuity.order_by("seq")]
    files = []
    fd, temporary = tempfile.mkstemp(dir=storage.package_dir(), suffix=".zip")
    os.close(fd)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
            if master.stored:
                path = f"files/{storage.safe_name(master.filename)}"
                size = _add_file(archive, master_path(master), path, master.sha256)
                files.append({"path": path, "role": "master", "sha256": master.sha256, "size": size})
            for copy in master.copies.all():
                path = f"files/copies/{storage.safe_name(copy.name)}"
                size = _add_file(archive, copy_path(copy), path, copy.sha256)
                files.append(
                    {
                        "path": path,
                        "role": "working copy",
                        "sha256": copy.sha256,
                        "size": size,
                        "parent_sha256": copy.parent_sha256,
                        "redacted": copy.redacted,
                    }
                )
            manifest = {
                "format": FORMAT,
                "exhibit": master.exhibit,
                "partnership": master.partnership.name,
                "cameras": list(master.cameras),
                "time_range_utc": {"start": iso(master.start), "end": iso(master.end)},
                "recorder_clock_offset_s": master.clock_offset_s,
                "master": {
                    "filename": master.filename,
                    "sha256": master.sha256,
                    "size": master.size,
                    "stored": master.stored,
                    "seal_number": master.seal_number,
                    "sealed_at": iso(master.sealed_at),
                },
                "files": files,
                "continuity_head": entries[-1]["hash"] if entries else chain.GENESIS,
                "public_key_sha256": hashlib.sha256(public).hexdigest(),
                "created_at": iso(timezone.now()),
            }
            manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True).encode()
            archive.writestr("manifest.json", manifest_bytes)
            archive.writestr("manifest.sig", chain.sign(keys.private_key(slug), manifest_bytes))
            archive.writestr("continuity.json", json.dumps(entries, indent=2))
            archive.writestr("public_key.pem", public)
            archive.writestr("continuity_statement.pdf", continuity_pdf(manifest, entries))
    except BaseException:
        os.unlink(temporary)
        raise
    return Path(temporary)
