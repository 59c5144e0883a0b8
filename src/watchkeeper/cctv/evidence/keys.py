"""Each partnership's Ed25519 signing key, kept in the data dir (cctv/keys/<slug>.pem, mode 0600),
made on first use. The public half is downloadable so recipients can verify packages offline."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings


def key_dir() -> Path:
    path = Path(settings.DATA_DIR) / "cctv" / "keys"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def private_key(slug: str) -> Ed25519PrivateKey:
    path = key_dir() / f"{slug}.pem"
    if not path.exists():
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        # Created 0600 from the start (O_EXCL: two processes racing make one key, the other fails and reads it).
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as out:
                out.write(pem)
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


def public_pem(slug: str) -> bytes:
    return (
        private_key(slug)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
