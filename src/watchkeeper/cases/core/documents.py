"""Case documents: the type is checked from the file's first bytes (not its name), the size is
bounded while streaming, the SHA-256 is computed in the same pass, and the file is kept under the
data directory by its digest. Nothing is recorded unless the whole file was accepted."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from watchkeeper.cases.core import timeline
from watchkeeper.cases.core.models import Case, Document
from watchkeeper.cases.core.services import editable
from watchkeeper.cases.rules.lookup import rule
from watchkeeper.core import audit
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Invalid
from watchkeeper.core.models import AuditEntry


def sniff(head: bytes) -> str | None:
    """The file type from its first bytes; None for anything not recognised."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04") and b"word/" in head:
        return "docx"
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:  # a multibyte character cut at the end of the sample is fine
            if exc.start < len(head) - 4:
                return None
        return "txt"
    return None


def store_root() -> Path:
    return Path(getattr(settings, "CASE_DOCUMENTS_DIR", settings.DATA_DIR / "case-documents"))


def add_document(actor: Actor, case: Case, name: str, chunks) -> Document:
    """Stream `chunks` (bytes) to a temporary file, then record it in one transaction."""
    editable(actor, case)  # checks before reading a byte (outside the transaction: no lock held)
    limit, allowed_types = rule("document-max-bytes"), set(rule("document-types"))
    name = os.path.basename(name or "").strip()[:200]
    if not name:
        raise Invalid("The document needs a file name.")
    root = store_root()
    root.mkdir(parents=True, exist_ok=True)
    digest, size, head = hashlib.sha256(), 0, b""
    with tempfile.NamedTemporaryFile(dir=root, prefix="upload-", delete=False) as out:
        temp = Path(out.name)
        try:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise Invalid(f"The document is larger than the limit of {limit} bytes.")
                if len(head) < 2048:
                    head += chunk[: 2048 - len(head)]
                digest.update(chunk)
                out.write(chunk)
        except BaseException:
            out.close()
            temp.unlink(missing_ok=True)
            raise
    file_type = sniff(head)
    if size == 0 or file_type not in allowed_types:
        temp.unlink(missing_ok=True)
        raise Invalid(f"Documents must be one of: {', '.join(sorted(allowed_types))} (and not empty).")
    sha = digest.hexdigest()
    final = root / sha[:2] / sha
    final.parent.mkdir(exist_ok=True)
    try:
        with transaction.atomic():
            case = editable(actor, case)
            document = Document.objects.create(
                case=case,
                name=name,
                file_type=file_type,
                size=size,
                sha256=sha,
                stored_as=f"{sha[:2]}/{sha}",
                uploaded_by=actor.user,
                uploaded_at=timezone.now(),
            )
            timeline.append(case, actor, "document_added", document=document.pk, sha256=sha, size=size)
            audit.record(actor, AuditEntry.Kind.CREATE, document, fields=["name", "sha256"], summary=case.reference)
            os.replace(temp, final)  # same content, same name: a repeat upload just replaces it
    finally:
        temp.unlink(missing_ok=True)
    return document


def open_document(document: Document):
    return open(store_root() / document.stored_as, "rb")  # noqa: SIM115 - handed to FileResponse
