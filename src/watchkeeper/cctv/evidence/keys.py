"""Each partnership's Ed25519 signing key, kept in the data dir (cctv/keys/<slug>.pem, mode 0600),
made on first use. The public half is downloadable so recipients can verify packages offline."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

from watchkeeper.config import private_file


def key_dir() -> Path:
    path = Path(settings.DATA_DIR) / "cctv" / "keys"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def private_key(slug: str) -> Ed25519PrivateKey:
    def new_key() -> str:
        key = Ed25519PrivateKey.generate()
        encoding = (serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        return key.private_bytes(*encoding).decode()

    # Created 0600 from the start, as the data dir's other secrets (O_EXCL: two processes racing make
    # one key, the other reads it).
    pem = private_file(key_dir() / f"{slug}.pem", new_key)
    return serialization.load_pem_private_key(pem.encode(), password=None)


def public_pem(slug: str) -> bytes:
    return (
        private_key(slug)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
