"""Safe document uploads: the type is read from the first bytes, never from the file name.

Only PDF, JPEG and PNG are accepted. Files are written under PRIVATE_MEDIA_ROOT (outside the
web root) with a random name and the extension of the type actually found.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

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


def document_path(stored_name: str) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / DOCUMENTS_DIR / stored_name


def store(data: bytes, kind: FileType) -> str:
    """Write the bytes under a fresh random name; returns the stored name."""
    stored_name = f"{secrets.token_hex(16)}.{kind.extension}"
    path = document_path(stored_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    # "x": never overwrite, even on the (astronomically unlikely) name collision.
    with path.open("xb") as handle:
        handle.write(data)
    return stored_name


def remove(stored_name: str) -> None:
    document_path(stored_name).unlink(missing_ok=True)
