"""Private files (CV documents, import uploads and rejects, tracer reports): one place that
reads and writes them, through Django's `default` storage.

Without STORAGE_URL that storage is `PrivateFileSystemStorage`, a folder outside the web root
(PRIVATE_MEDIA_ROOT); with it, an S3-compatible bucket (django-storages) that every web server
and worker reads, so a file uploaded through one server opens through another. Names are
relative ("documents/ab12.pdf") and the same on both. Files are never served by the storage
itself: only through a view that checks access.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """FileSystemStorage rooted at settings.PRIVATE_MEDIA_ROOT as it is now (tests move it
    per test), not as it was when the storage was first built."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        import os

        return os.path.abspath(self.base_location)


def storage() -> Storage:
    return storages["default"]


def save(name: str, data: bytes) -> None:
    """Store `data` under exactly `name` (callers pick random names); replaces a file of
    that name (a rewritten rejects file)."""
    target = storage()
    if target.exists(name):
        target.delete(name)
    saved = target.save(name, ContentFile(data))
    if saved != name:  # another writer took the name between the two calls
        target.delete(saved)
        raise FileExistsError(name)


def read(name: str) -> bytes:
    """The file's bytes; FileNotFoundError when there is none."""
    if not storage().exists(name):
        raise FileNotFoundError(name)
    with storage().open(name, "rb") as handle:
        data: bytes = handle.read()
    return data


def open_read(name: str) -> IO[bytes]:
    """An open handle for streaming (FileResponse closes it); FileNotFoundError if absent."""
    if not storage().exists(name):
        raise FileNotFoundError(name)
    handle: IO[bytes] = storage().open(name, "rb")
    return handle


def exists(name: str) -> bool:
    return bool(name) and storage().exists(name)


def delete(name: str) -> None:
    """Remove the file if it is there (deleting twice is not an error)."""
    if storage().exists(name):
        storage().delete(name)


def walk(folder: str = "") -> Iterator[str]:
    """Every file name under `folder`, sorted, recursively."""
    target = storage()
    try:
        folders, names = target.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder.rstrip('/')}/" if folder else ""
    for name in sorted(names):
        yield prefix + name
    for sub in sorted(folders):
        yield from walk(prefix + sub)
