"""Offline verification of a police package (no Django, no database: only the ZIP and the
partnership's public key). Used by `watchkeeper verify_package` and the drop-a-package page.

What it checks, each reported as a line: the manifest's signature; every listed file present and
its SHA-256 (streamed out of the ZIP) as listed; working copies naming the master as parent; no
file in the package that the manifest does not list; the continuity log's chain, hashes and
signatures, ending at the head the signed manifest names."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO

from watchkeeper.cctv.evidence import chain
from watchkeeper.cctv.evidence.hashing import hash_stream

FORMAT = "watchkeeper-cctv-evidence/1"
MAX_MEMBER_JSON = 10 * 1024 * 1024  # manifest and continuity log: refuse absurd ones before parsing


@dataclass
class Report:
    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    exhibit: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.checked)

    def lines(self) -> list[str]:
        out = [f"ok: {c}" for c in self.checked] + [f"PROBLEM: {p}" for p in self.problems]
        out += [f"note: {n}" for n in self.notes]
        out.append(f"{'VERIFIED' if self.ok else 'NOT VERIFIED'}: package {self.exhibit or '(unknown exhibit)'}")
        return out


def _json(archive: zipfile.ZipFile, name: str):
    info = archive.getinfo(name)
    if info.file_size > MAX_MEMBER_JSON:
        raise ValueError(f"{name} is implausibly large")
    return json.loads(archive.read(name))


def verify(source: str | BinaryIO, public_key_pem: bytes | None = None) -> Report:
    report = Report()
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        report.problems.append("This is not a ZIP file.")
        return report
    with archive:
        names = set(archive.namelist())
        missing = {"manifest.json", "manifest.sig", "continuity.json"} - names
        if missing:
            report.problems.append(f"Not a Watchkeeper evidence package: {', '.join(sorted(missing))} missing.")
            return report
        try:
            manifest_bytes = archive.read("manifest.json")
            manifest = json.loads(manifest_bytes)
            entries = _json(archive, "continuity.json")
            signature = archive.read("manifest.sig").decode("ascii", "replace").strip()
        except (ValueError, KeyError) as exc:
            report.problems.append(f"The manifest or continuity log cannot be read: {exc}")
            return report
        if manifest.get("format") != FORMAT:
            report.problems.append(f"Unknown package format {manifest.get('format')!r}.")
            return report
        report.exhibit = str(manifest.get("exhibit", ""))
        key = _key(archive, names, public_key_pem, report)
        if key is None:
            return report
        if chain.signed_by(key, manifest_bytes, signature):
            report.checked.append("manifest signature (Ed25519) verifies with the public key")
        else:
            report.problems.append(
                "The manifest's signature does not verify: the manifest was changed or signed by another key."
            )
        _files(archive, names, manifest, report)
        _continuity(entries, key, manifest, report)
    return report


def _key(archive, names, pem, report):
    if pem is None:
        if "public_key.pem" not in names:
            report.problems.append("No public key given and none in the package.")
            return None
        pem = archive.read("public_key.pem")
        report.notes.append(
            "Checked with the public key inside the package: compare its fingerprint with the partnership's "
            "published key, or pass --public-key."
        )
    try:
        return chain.public_key(pem)
    except ValueError as exc:
        report.problems.append(f"The public key cannot be read: {exc}")
        return None


def _files(archive, names, manifest, report):
    master = manifest.get("master", {})
    listed = set()
    for item in manifest.get("files", []):
        path = item.get("path", "")
        listed.add(path)
        if path not in names:
            report.problems.append(f"{path}: listed in the manifest but missing from the package.")
            continue
        with archive.open(path) as stream:
            digest, size = hash_stream(stream)
        if digest != item.get("sha256") or size != item.get("size"):
            report.problems.append(f"{path}: SHA-256 {digest} does not match the manifest's {item.get('sha256')}.")
        else:
            report.checked.append(f"{path}: SHA-256 {digest} ({size} bytes) matches the manifest")
        if item.get("role") == "working copy" and item.get("parent_sha256") != master.get("sha256"):
            report.problems.append(f"{path}: a working copy whose parent is not this package's master.")
    extra = {n for n in names if n.startswith("files/") and not n.endswith("/")} - listed
    for path in sorted(extra):
        report.problems.append(f"{path}: in the package but not in the manifest.")
    if not master.get("stored"):
        report.notes.append(
            f"The master stays on the recorder; its recorded SHA-256 is {master.get('sha256')} (check it there)."
        )


def _continuity(entries, key, manifest, report):
    if not isinstance(entries, list) or not entries:
        report.problems.append("The continuity log is empty.")
        return
    problems = chain.check_chain(entries, key, manifest.get("exhibit"), manifest.get("master", {}).get("sha256"))
    report.problems += problems
    if entries[-1].get("hash") != manifest.get("continuity_head"):
        report.problems.append("The continuity log does not end where the signed manifest says (entries added or cut).")
    elif not problems:
        report.checked.append(
            f"continuity log: {len(entries)} entries chained and signed, ending at the manifest's head"
        )
