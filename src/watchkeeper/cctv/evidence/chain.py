"""The continuity log's hash chain and signatures, pure (no Django): used to write entries and, in
the offline verifier, to check them with nothing but the partnership's public key.

Each entry's hash is SHA-256 of its canonical JSON (seq, at, from, to, purpose, seal number,
exhibit, master hash, previous entry's hash); the signature is Ed25519 over that hex hash."""

from __future__ import annotations

import hashlib
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

GENESIS = "0" * 64
FIELDS = ("seq", "at", "from", "to", "purpose", "seal_number", "exhibit", "master_sha256", "prev")


def canonical(entry: dict) -> bytes:
    return json.dumps({k: entry[k] for k in FIELDS}, sort_keys=True, separators=(",", ":")).encode()


def entry_hash(entry: dict) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def sign(key: Ed25519PrivateKey, data: str | bytes) -> str:
    return key.sign(data.encode() if isinstance(data, str) else data).hex()


def public_key(pem: bytes) -> Ed25519PublicKey:
    key = load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("The public key is not an Ed25519 key.")
    return key


def signed_by(key: Ed25519PublicKey, data: str | bytes, signature_hex: str) -> bool:
    try:
        key.verify(bytes.fromhex(signature_hex), data.encode() if isinstance(data, str) else data)
    except (InvalidSignature, ValueError):
        return False
    return True


def check_chain(entries: list[dict], key: Ed25519PublicKey, exhibit: str, master_sha256: str) -> list[str]:
    """Problems with a continuity log (empty: intact): order, links, hashes, signatures, and that
    every entry names this exhibit and master hash."""
    problems = []
    prev = GENESIS
    for number, entry in enumerate(entries, start=1):
        label = f"continuity entry {number}"
        if entry.get("seq") != number:
            problems.append(f"{label}: sequence {entry.get('seq')} out of order")
        if entry.get("prev") != prev:
            problems.append(f"{label}: does not link to the entry before it")
        if entry.get("exhibit") != exhibit or entry.get("master_sha256") != master_sha256:
            problems.append(f"{label}: names another exhibit or master hash")
        try:
            computed = entry_hash(entry)
        except KeyError as exc:
            problems.append(f"{label}: missing field {exc}")
            continue
        if computed != entry.get("hash"):
            problems.append(f"{label}: contents do not match its hash (edited)")
        if not signed_by(key, computed, entry.get("signature", "")):
            problems.append(f"{label}: signature does not verify with the partnership's public key")
        prev = entry.get("hash", "")
    return problems
