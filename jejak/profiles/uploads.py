"""Safe document uploads: the type is read from the first bytes, never from the file name.

Only PDF, JPEG and PNG are accepted. Files go to the private storage (jejak.files: outside the
web root, or the shared bucket) with a random name and the extension of the type found.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings

from jejak import files

# A per-document limit well below MAX_UPLOAD_MB (which is sized for spreadsheets): a scanned
# certificate or CV fits in 5 MB, and alumni upload from phones on metered data.
DOCUMENT_MAX_MB = 5
DOCUMENTS_DIR = "documents"


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    label: str


# Magic numbers: the first bytes each format must start with.
SIGNATURES: list[tuple[bytes, FileType]] = [
    (b"%PDF-", FileType("application/pdf", "pdf", "PDF")),
    (b"\x89PNG\r\n\x1a\n", FileType("image/png", "png", "PNG")),
    (b"\xff\xd8\xff", FileType("image/jpeg", "jpg", "JPEG")),
]
BY_CONTENT_TYPE = {kind.content_type: kind for _, kind in SIGNATURES}


def max_document_bytes() -> int:
    return min(DOCUMENT_MAX_MB, settings.MAX_UPLOAD_MB) * 1024 * 1024


def detect_type(head: bytes) -> FileType | None:
    """The accepted type these first bytes belong to, or None."""
    for magic, kind in SIGNATURES:
        if head.startswith(magic):
            return kind
    return None


def document_name(stored_name: str) -> str:
    """The document's name in the private storage."""
    return f"{DOCUMENTS_DIR}/{stored_name}"


def store(data: bytes, kind: FileType) -> str:
    """Write the bytes under a fresh random name; returns the stored name."""
    stored_name = f"{secrets.token_hex(16)}.{kind.extension}"
    files.save(document_name(stored_name), data)
    return stored_name


def remove(stored_name: str) -> None:
    files.delete(document_name(stored_name))
