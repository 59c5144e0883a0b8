"""Seal and verify a 1 GB evidence file: MB/s against `sha256sum` of the same file, peak memory.

- seal: `watchkeeper.cctv.evidence.storage.store`, what registering an uploaded master does:
  stream the file into the evidence store (a temporary file beside the target, then a hard link,
  read-only) while hashing it in 1 MiB chunks.
- verify: `watchkeeper.cctv.evidence.hashing.hash_file`, what re-verification on every release
  does (and, streamed out of the ZIP, the offline verifier): re-hash the stored file.
- peer: `sha256sum FILE` (coreutils), same file, same machine, run right after ours so both read a
  warm page cache. The ratio compares verify (a pure hash of the file, the same job as sha256sum).
- peak memory: the process's maximum resident set (getrusage), whole interpreter included, and
  tracemalloc's peak of Python allocations during seal and verify.

Usage: python benchmarks/evidence.py [SIZE_MB] (default 1024; a temporary folder, removed after).
Last line: RESULT seal_mb_s=<n> verify_mb_s=<n> vs_sha256sum=<ours/theirs time ratio> peak_mb=<n>
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from watchkeeper.cctv.evidence.hashing import hash_file  # noqa: E402
from watchkeeper.cctv.evidence.storage import store  # noqa: E402

MB = 1024 * 1024


def make_file(path: Path, size_mb: int) -> None:
    block = os.urandom(MB)
    with path.open("wb") as out:
        for i in range(size_mb):
            # Vary each block so nothing downstream can shortcut repeated content.
            out.write(i.to_bytes(8, "little") + block[8:])


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> None:
    size_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    folder = Path(tempfile.mkdtemp(prefix="wk-evidence-bench-"))
    try:
        source = folder / "export.mkv"
        make_file(source, size_mb)
        store_dir = folder / "store"
        store_dir.mkdir()
        print(f"file: {size_mb} MiB of generated data in {folder}")
        tracemalloc.start()
        with source.open("rb", buffering=0) as stream:
            (stored, sealed_digest, size), seal_s = timed(lambda: store(stream, store_dir, "export.mkv"))
        (verify_digest, _), verify_s = timed(lambda: hash_file(stored))
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peer, peer_s = timed(
            lambda: subprocess.run(["sha256sum", str(stored)], capture_output=True, text=True, check=True)
        )
        theirs = peer.stdout.split()[0]
        assert size == size_mb * MB
        assert sealed_digest == verify_digest == theirs, (sealed_digest, verify_digest, theirs)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
        mb = size / MB
        print(f"sha256 {theirs} (ours and sha256sum agree)")
        print(f"seal   (copy + hash): {seal_s:7.2f} s  {mb / seal_s:8.1f} MiB/s")
        print(f"verify (hash)       : {verify_s:7.2f} s  {mb / verify_s:8.1f} MiB/s")
        print(f"sha256sum           : {peer_s:7.2f} s  {mb / peer_s:8.1f} MiB/s")
        print(f"peak resident {peak_mb:.1f} MiB (whole process); Python allocations peak {traced_peak / MB:.2f} MiB")
        print(
            f"RESULT seal_mb_s={mb / seal_s:.1f} verify_mb_s={mb / verify_s:.1f} "
            f"vs_sha256sum={verify_s / peer_s:.2f} peak_mb={peak_mb:.1f}"
        )
    finally:
        for path in folder.rglob("*"):
            if path.is_file():
                path.chmod(0o600)
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
