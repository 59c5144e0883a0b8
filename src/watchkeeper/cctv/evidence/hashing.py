"""Streaming SHA-256: files are read in fixed chunks into one reused buffer, never whole, so a
multi-gigabyte export hashes in constant memory. No Django import (the benchmark and the offline
verifier use it alone)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024


def hash_stream(stream: BinaryIO, sink: BinaryIO | None = None, chunk: int = CHUNK) -> tuple[str, int]:
    """SHA-256 hex and byte count of everything `stream` yields; copied to `sink` if given."""
    digest = hashlib.sha256()
    buffer = bytearray(chunk)
    view = memoryview(buffer)
    size = 0
    readinto = getattr(stream, "readinto", None)
    while True:
        if readinto is not None:
            n = readinto(buffer)
            if not n:
                break
            piece = view[:n]
        else:
            data = stream.read(chunk)
            if not data:
                break
            piece, n = data, len(data)
        digest.update(piece)
        if sink is not None:
            sink.write(piece)
        size += n
    return digest.hexdigest(), size


def hash_file(path: str | os.PathLike) -> tuple[str, int]:
    with Path(path).open("rb", buffering=0) as stream:
        return hash_stream(stream)


def is_sha256(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)
