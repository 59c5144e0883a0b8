"""Where evidence files live: the data dir's cctv/evidence/<partnership>/<exhibit>/, written by
streaming into a temporary file beside the target and renaming, then made read-only."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

from watchkeeper.cctv.evidence.hashing import hash_stream


def safe_name(text: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._")
    return cleaned[:120] or "file"


def root() -> Path:
    return Path(settings.DATA_DIR) / "cctv"


def exhibit_dir(partnership_slug: str, exhibit: str) -> Path:
    path = root() / "evidence" / safe_name(partnership_slug) / safe_name(exhibit)
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(stream: BinaryIO, folder: Path, filename: str) -> tuple[Path, str, int]:
    """Copy `stream` into `folder/filename` while hashing it; never overwrites an existing file."""
    target = folder / safe_name(filename)
    if target.exists():
        raise FileExistsError(target)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as sink:
            digest, size = hash_stream(stream, sink)
        os.chmod(temporary, 0o400)
        os.link(temporary, target)  # fails if the target appeared meanwhile: never replaces
    finally:
        os.unlink(temporary)
    return target, digest, size


def package_dir() -> Path:
    path = root() / "packages"
    path.mkdir(parents=True, exist_ok=True)
    return path
